import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { type TickResult, tick } from '../src/followups/tick.js';
import { fixedClock } from '../src/shared/clock.js';
import { eventsPerCommitment, messagesPerFollowUp } from './support/counts.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { random } from './support/random.js';
import { seedCommitments, seedManyCommitments } from './support/seed.js';
import { compiledCli, spawnFt, startFt } from './support/spawn.js';

/** Everything a tick may change: the follow-ups, the outbox and the timeline. */
async function stateOf(db: Db) {
  return {
    followUps: await db.selectFrom('follow_ups').selectAll().orderBy('id').execute(),
    outbox: await db.selectFrom('outbox').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('commitment_events').selectAll().orderBy('id').execute(),
  };
}

const none: TickResult = { sent: 0, late: 0, unanswered: 0, reminded: 0, renewed: 0, digests: 0 };

onEachDatabase('a tick that fails after its claim', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  // Three steps due Friday 27 November in New York, delegated by Mara to Dana: reminders at
  // 08:30 that Friday, follow-ups Monday 09:00, unanswered Wednesday 09:00. Reminders and
  // unanswered notices are gathered into one message per reader; follow-ups go one by one.
  const dana = 'dana@northwind.example';
  const mara = 'mara@northwind.example';
  const reminders = '2026-11-27T13:30:00Z';
  const followUps = '2026-11-30T14:00:00Z';
  const unanswered = '2026-12-02T14:00:00Z';
  const cases = [
    {
      kind: 'reminder',
      ticksBefore: [],
      at: reminders,
      retried: { ...none, reminded: 3 },
      messages: [['due_today', dana]],
      events: [],
    },
    {
      kind: 'follow_up',
      ticksBefore: [reminders],
      at: followUps,
      retried: { ...none, sent: 3 },
      messages: [
        ['follow_up', dana],
        ['follow_up', dana],
        ['follow_up', dana],
      ],
      events: ['follow_up_sent', 'follow_up_sent', 'follow_up_sent'],
    },
    {
      kind: 'unanswered',
      ticksBefore: [reminders, followUps],
      at: unanswered,
      retried: { ...none, unanswered: 3 },
      messages: [['unanswered', mara]],
      events: ['follow_up_unanswered', 'follow_up_unanswered', 'follow_up_unanswered'],
    },
  ] as const;

  for (const c of cases) {
    it(`${c.kind}: leaves the claimed rows due, writes no message and no event; the next tick sends each once`, async () => {
      await seedCommitments(db, 3);
      for (const at of c.ticksBefore) await tick(db, fixedClock(at));
      const before = await stateOf(db);

      let claimed = -1;
      const crash = tick(db, fixedClock(c.at), {
        afterClaim: (kind, rows) => {
          if (kind !== c.kind) return;
          claimed = rows.length;
          throw new Error('the process died here');
        },
      });
      await assert.rejects(crash, /the process died here/);
      assert.equal(claimed, 3, 'the failure came after all three were claimed');
      assert.deepEqual(await stateOf(db), before, 'the claim was rolled back with the rest');

      assert.deepEqual(await tick(db, fixedClock(c.at)), c.retried);
      assert.deepEqual(await tick(db, fixedClock(c.at)), none);
      const after = await stateOf(db);
      const written = after.outbox.slice(before.outbox.length);
      assert.deepEqual(
        written.map((m) => [m.kind, m.recipient_email]),
        c.messages,
      );
      // Each of the three steps is in exactly one of the messages.
      for (const f of after.followUps) {
        const naming = written.filter((m) =>
          c.kind === 'follow_up'
            ? m.follow_up_id === f.id
            : new RegExp(`\\bc${f.commitment_id}\\b`).test(m.body),
        );
        assert.equal(naming.length, 1, `f${f.id}`);
      }
      assert.deepEqual(
        after.events.slice(before.events.length).map((e) => e.kind),
        c.events,
      );
    });
  }
});

describe('ft tick killed at random moments [sqlite]', () => {
  const DUE = 9000;
  const monday = { FOLLOWTHROUGH_NOW: '2026-11-30T14:00:00Z' };
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    db = database.open();
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('sends every follow-up of a few thousand exactly once however often the process dies', async () => {
    assert.ok(existsSync(compiledCli), 'the compiled CLI is missing: npm test builds it (npm run build)');
    await seedManyCommitments(db, DUE);
    const written = async () =>
      Number(
        (await db.selectFrom('outbox').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
      );
    const next = random(20261130);
    const cutShort: number[] = [];
    for (let round = 0; round < 12; round++) {
      const at = await written();
      const run = startFt(database, ['tick', '--json'], monday);
      let ended = false;
      void run.exited.then(() => {
        ended = true;
      });
      // Kill it once it has committed a batch of its own, a random moment later: anywhere in
      // the next batch's transaction (claiming, loading, writing, committing).
      while (!ended && (await written()) === at) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, next() * 120));
      run.child.kill('SIGKILL');
      const { signal, code, stderr } = await run.exited;
      if (signal !== 'SIGKILL') {
        assert.equal(code, 0, stderr);
        break;
      }
      cutShort.push(await written());
    }
    assert.ok(
      cutShort.filter((n) => n < DUE).length >= 2,
      `killed part-way at least twice (outbox after each kill: ${cutShort.join(', ')})`,
    );

    const last = await spawnFt(database, ['tick', '--json'], monday);
    assert.equal(last.code, 0, last.stderr);
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: DUE });
    const statuses = await db
      .selectFrom('follow_ups')
      .select(['status', sql<number>`count(*)`.as('n')])
      .groupBy('status')
      .execute();
    assert.deepEqual(
      statuses.map((s) => [s.status, Number(s.n)]),
      [['sent', DUE]],
    );
    assert.deepEqual(await eventsPerCommitment(db, 'follow_up_sent'), { 1: DUE });
  });
});
