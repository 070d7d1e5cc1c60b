import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { LEASE_MS } from '../src/mail/mail.delivery.js';
import { SEND_CONNECTIONS } from '../src/mail/mail.sender.js';
import { enqueue, type NewMessage } from '../src/outbox/outbox.repository.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { random } from './support/random.js';
import { seedTeam } from './support/seed.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';
import { compiledCli, startFt } from './support/spawn.js';

const WRITTEN = '2026-11-23T14:00:00.000Z';
const START = Date.parse('2026-11-23T14:05:00.000Z');
const COUNT = 600;
const KILLS = 10;

onEachDatabase('ft worker killed at random moments while it delivers', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  const delivered = async () =>
    Number(
      (
        await db
          .selectFrom('outbox')
          .select(sql<number>`count(*)`.as('n'))
          .where('delivered_at', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** `ft worker` at an instant of its own: each run is a lease later than the last, as after a restart. */
  const worker = (run: number) =>
    startFt(database, ['worker'], {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Followthrough <followthrough@northwind.example>',
      FOLLOWTHROUGH_NOW: new Date(START + run * (LEASE_MS + 1000)).toISOString(),
      LOG_LEVEL: 'warn',
    });

  it('delivers every message, and again only a message in flight when the process died', async () => {
    assert.ok(existsSync(compiledCli), 'the compiled CLI is missing: npm test builds it (npm run build)');
    const team = await seedTeam(db, WRITTEN);
    const messages: NewMessage[] = Array.from({ length: COUNT }, (_, i) => ({
      kind: 'follow_up',
      idempotency_key: `crash:${i}`,
      recipient_id: team.seller.id,
      recipient_email: team.seller.email,
      subject: `Message ${i}`,
      body: `Body ${i}`,
      late: 0,
    }));
    for (let i = 0; i < COUNT; i += 200) await enqueue(db, team.org.id, WRITTEN, messages.slice(i, i + 200));

    const next = random(20261124);
    const cutShort: number[] = [];
    for (let run = 0; run < KILLS; run++) {
      const before = smtp.received.length;
      const process = worker(run);
      // Once this run has delivered something of its own, a random moment later: anywhere in
      // leasing, sending, the server's answer, or marking a message delivered.
      await Promise.race([smtp.until(() => smtp.received.length > before), process.exited]);
      await delay(next() * 150);
      process.child.kill('SIGKILL');
      const ended = await process.exited;
      assert.equal(ended.signal, 'SIGKILL', `the worker ended by itself: ${ended.stderr}`);
      cutShort.push(await delivered());
    }
    assert.ok(
      cutShort.filter((n) => n < COUNT).length >= KILLS / 2,
      `killed part-way most times (delivered after each kill: ${cutShort.join(', ')})`,
    );

    // A last run, left to finish and asked to stop.
    const last = worker(KILLS);
    while ((await delivered()) < COUNT) {
      const exited = await Promise.race([last.exited, delay(20).then(() => null)]);
      assert.equal(exited, null, `the last worker ended early: ${exited?.stderr}`);
    }
    last.child.kill('SIGTERM');
    const { code, stderr } = await last.exited;
    assert.equal(code, 0, stderr);

    // Every message arrived; a second copy only of messages in flight at a kill, a connection's
    // worth at most per kill.
    const copies = new Map<string, number>();
    for (const mail of smtp.received)
      copies.set(mail.subject ?? '', (copies.get(mail.subject ?? '') ?? 0) + 1);
    assert.deepEqual([...copies.keys()].sort(), messages.map((m) => m.subject).sort());
    const again = smtp.received.length - COUNT;
    assert.ok(
      again <= KILLS * SEND_CONNECTIONS,
      `${again} sent twice, over ${KILLS} kills of ${SEND_CONNECTIONS} connections (delivered after each: ${cutShort.join(', ')})`,
    );
    const rows = await db
      .selectFrom('outbox')
      .select(['delivered_at', 'failed_at', 'leased_until'])
      .execute();
    assert.equal(
      rows.filter((r) => r.delivered_at !== null && r.failed_at === null && r.leased_until === null).length,
      COUNT,
    );
  });
});
