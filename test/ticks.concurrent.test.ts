import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { tick } from '../src/followups/tick.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedCommitments } from './support/seed.js';
import { compiledCli, spawnFt } from './support/spawn.js';

const DUE = 200;

const runTick = (database: TestDatabase, now: string) =>
  spawnFt(database, ['tick', '--json'], { FOLLOWTHROUGH_NOW: now });

onEachDatabase('ticks', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('two processes ticking at once send each due follow-up exactly once', async () => {
    assert.ok(existsSync(compiledCli), 'the compiled CLI is missing: npm test builds it (npm run build)');
    const db = database.open();
    await seedCommitments(db, DUE);
    await db.destroy();

    const monday = '2026-11-30T14:00:00Z';
    const results = await Promise.all([runTick(database, monday), runTick(database, monday)]);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const sent = results.map((r) => (JSON.parse(r.stdout) as { sent: number }).sent);
    assert.equal(
      (sent[0] ?? 0) + (sent[1] ?? 0),
      DUE,
      `each follow-up sent once in all (${sent.join(' + ')})`,
    );

    const check = database.open();
    const messages = await check
      .selectFrom('outbox')
      .select(['follow_up_id'])
      .where('kind', '=', 'follow_up')
      .execute();
    assert.equal(messages.length, DUE);
    assert.equal(new Set(messages.map((m) => m.follow_up_id)).size, DUE);
    const waiting = await check
      .selectFrom('follow_ups')
      .select('id')
      .where('status', '=', 'scheduled')
      .execute();
    assert.equal(waiting.length, 0);
    await check.destroy();
  });

  it('a second tick sends nothing more, and a follow-up missed while nothing ran goes out late', async () => {
    const db = database.open();
    await seedCommitments(db, 3);
    const onTime = await tick(db, fixedClock('2026-11-30T14:05:00Z'));
    assert.deepEqual(onTime, { sent: 3, late: 0, unanswered: 0, reminded: 0 });
    assert.deepEqual(await tick(db, fixedClock('2026-11-30T14:06:00Z')), {
      sent: 0,
      late: 0,
      unanswered: 0,
      reminded: 0,
    });
    await db.destroy();

    const other = await createTestDatabase(dialect);
    const lateDb = other.open();
    await seedCommitments(lateDb, 2);
    const result = await tick(lateDb, fixedClock('2026-12-01T20:00:00Z'));
    assert.equal(result.sent, 2);
    assert.equal(result.late, 2);
    const bodies = await lateDb.selectFrom('outbox').select(['body', 'late']).execute();
    assert.ok(bodies.every((m) => m.late === 1 && /Sent late/.test(m.body)));
    await lateDb.destroy();
    await other.drop();
  });

  it('marks a follow-up unanswered after two working days and tells whoever hears it, once', async () => {
    const db = database.open();
    await seedCommitments(db, 1);
    await tick(db, fixedClock('2026-11-30T14:00:00Z'));
    assert.equal((await tick(db, fixedClock('2026-12-02T13:59:00Z'))).unanswered, 0);
    assert.equal((await tick(db, fixedClock('2026-12-02T14:00:00Z'))).unanswered, 1);
    assert.equal((await tick(db, fixedClock('2026-12-03T14:00:00Z'))).unanswered, 0);
    const notices = await db
      .selectFrom('outbox')
      .select(['recipient_email', 'subject'])
      .where('kind', '=', 'unanswered')
      .execute();
    assert.deepEqual(notices, [
      { recipient_email: 'mara@northwind.example', subject: 'No answer yet: Next step 1' },
    ]);
    await db.destroy();
  });
});
