import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { eventsPerCommitment, messagesPerFollowUp } from './support/counts.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedManyCommitments } from './support/seed.js';
import { testSecret } from './support/server.js';
import { compiledCli, type Exited, startFt } from './support/spawn.js';

/** Monday 09:00 in New York, when the seeded follow-ups are due; the servers' clock stays there. */
const monday = {
  FOLLOWTHROUGH_NOW: '2026-11-30T14:00:00Z',
  FOLLOWTHROUGH_SCHEDULER_WAIT: '1',
  BETTER_AUTH_SECRET: testSecret,
};

/** A fixed sequence of pseudo-random numbers in [0, 1) (mulberry32), so each run kills alike. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many follow-ups have gone out, and what each process's log says it sent. */
const outboxCount = async (db: Db) =>
  Number((await db.selectFrom('outbox').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

/** Resolves once the server has said where it listens: it has started, and stops cleanly from then on. */
const listening = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('"url":"http://')) resolve();
    });
    child.once('close', () => reject(new Error(`ended before it listened: ${seen}`)));
  });

const sentInLog = (exited: Exited) =>
  exited.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string; tick?: { sent: number } })
    .filter((line) => line.msg === 'tick')
    .reduce((sum, line) => sum + (line.tick?.sent ?? 0), 0);

onEachDatabase('the scheduler in its own processes', (dialect) => {
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

  /** Waits (polling the database) until `done` holds, or fails after `ms`. */
  async function until(done: () => Promise<boolean>, ms: number, what: string) {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) assert.fail(`still waiting for ${what}`);
      await pause(10);
    }
  }

  it('sends every due follow-up exactly once however often ft serve is killed mid-batch and restarted', async () => {
    assert.ok(existsSync(compiledCli), 'the compiled CLI is missing: npm test builds it (npm run build)');
    const DUE = 9000;
    await seedManyCommitments(db, DUE);
    const next = random(20261123);
    const cutShort: number[] = [];
    for (let round = 0; round < 8 && (await outboxCount(db)) < DUE; round++) {
      const at = await outboxCount(db);
      const run = startFt(database, ['serve', '--port', '0'], monday, '', { timeoutMs: 30_000 });
      // Once it has committed a batch of its own, a random moment later: anywhere in the next one.
      let ended = false;
      void run.exited.then(() => {
        ended = true;
      });
      await until(async () => ended || (await outboxCount(db)) > at, 20_000, 'a batch');
      assert.equal(ended, false, 'ft serve ended by itself');
      await pause(next() * 40);
      run.child.kill('SIGKILL');
      const { signal } = await run.exited;
      assert.equal(signal, 'SIGKILL');
      cutShort.push(await outboxCount(db));
    }
    assert.ok(
      cutShort.filter((n) => n < DUE).length >= 2,
      `killed part-way at least twice (outbox after each kill: ${cutShort.join(', ')})`,
    );
    const last = startFt(database, ['serve', '--port', '0'], monday, '', { timeoutMs: 30_000 });
    await listening(last.child);
    await until(async () => (await outboxCount(db)) >= DUE, 20_000, 'every follow-up');
    last.child.kill('SIGTERM');
    const exited = await last.exited;
    assert.deepEqual({ code: exited.code, stderr: exited.stderr }, { code: 0, stderr: '' });
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: DUE });
    assert.deepEqual(await eventsPerCommitment(db, 'follow_up_sent'), { 1: DUE });
  });

  it('two ft workers share 10,000 due follow-ups, each sent once', async () => {
    const DUE = 10_000;
    await seedManyCommitments(db, DUE);
    const workers = [0, 1].map(() => startFt(database, ['worker'], monday, '', { timeoutMs: 60_000 }));
    await until(async () => (await outboxCount(db)) >= DUE, 50_000, 'every follow-up');
    // A batch whose messages are in may still be committing elsewhere: let both finish theirs.
    for (const w of workers) w.child.kill('SIGTERM');
    const exited = await Promise.all(workers.map((w) => w.exited));
    for (const e of exited) assert.deepEqual({ code: e.code, stderr: e.stderr }, { code: 0, stderr: '' });
    assert.equal(
      exited.map(sentInLog).reduce((a, b) => a + b, 0),
      DUE,
    );
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: DUE });
    const statuses = await db.selectFrom('follow_ups').select('status').distinct().execute();
    assert.deepEqual(statuses, [{ status: 'sent' }]);
  });
});
