import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { tick } from '../src/followups/tick.js';
import { fixedClock } from '../src/shared/clock.js';
import { eventsPerCommitment, messagesPerFollowUp } from './support/counts.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedCommitments, seedManyCommitments } from './support/seed.js';
import { compiledCli, startFt } from './support/spawn.js';

/** More than two batches of 500, so the two processes' batches interleave. */
const DUE = 1200;

/** A tick in its own process; one that never ends is killed and fails the test. */
const runTick = (database: TestDatabase, now: string) =>
  startFt(database, ['tick', '--json'], { FOLLOWTHROUGH_NOW: now }, '', { timeoutMs: 30_000 }).exited;

onEachDatabase('ticks', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('two processes ticking at once write one message per follow-up, even ticking again over claims that were lost', async () => {
    assert.ok(existsSync(compiledCli), 'the compiled CLI is missing: npm test builds it (npm run build)');
    const db = database.open();
    await seedManyCommitments(db, DUE);
    const monday = '2026-11-30T14:00:00Z';
    const tickTwice = async () => {
      const results = await Promise.all([runTick(database, monday), runTick(database, monday)]);
      for (const r of results) assert.equal(r.code, 0, r.stderr || `killed by ${r.signal}`);
      return results.map((r) => (JSON.parse(r.stdout) as { sent: number }).sent);
    };

    const sent = await tickTwice();
    assert.equal((sent[0] ?? 0) + (sent[1] ?? 0), DUE, `each claimed once in all (${sent.join(' + ')})`);
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: DUE });
    assert.deepEqual(await eventsPerCommitment(db, 'follow_up_sent'), { 1: DUE });
    const statuses = await db.selectFrom('follow_ups').select('status').distinct().execute();
    assert.deepEqual(statuses, [{ status: 'sent' }]);

    // As if every claim had been lost (a restored database, a claimer that raced past the
    // status check): the outbox's idempotency key still lets each message in only once.
    await db
      .updateTable('follow_ups')
      .set({ status: 'scheduled', sent_at: null, answer_due_at: null })
      .execute();
    await tickTwice();
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: DUE });
    await db.destroy();
  });

  it('a second tick sends nothing more, and a follow-up missed while nothing ran goes out late', async () => {
    const db = database.open();
    await seedCommitments(db, 3);
    const onTime = await tick(db, fixedClock('2026-11-30T14:05:00Z'));
    assert.deepEqual(onTime, { sent: 3, late: 0, unanswered: 0, reminded: 0, renewed: 0, digests: 0 });
    assert.deepEqual(await tick(db, fixedClock('2026-11-30T14:06:00Z')), {
      sent: 0,
      late: 0,
      unanswered: 0,
      reminded: 0,
      renewed: 0,
      digests: 0,
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
