import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { pino } from 'pino';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { mailTransport, startSender } from '../src/mail/mail.sender.js';
import { enqueue } from '../src/outbox/outbox.repository.js';
import type { Wait } from '../src/server/loop.js';
import { startScheduler } from '../src/server/scheduler.js';
import { ManualClock } from '../src/shared/clock.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { served, signUpNorthwind } from './support/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const FROM = 'Followthrough <followthrough@northwind.example>';
const silent = pino({ level: 'silent' });
/** Waits until woken or stopped: time never passes by itself. */
const parked: Wait = (_ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

onEachDatabase('the sender beside the scheduler', (dialect) => {
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

  it('delivers a follow-up the tick writes at once, and a slow mail server holds the sender, never the scheduler', async () => {
    const team = await seedTeam(db);
    await makeCommitment(team.as(team.manager), {
      what: 'Call Acme about the renewal',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A date for the signature',
    });
    // Sunday: nothing is due yet, but an invitation written earlier waits to go out.
    team.clock.set('2026-11-29T12:00:00Z');
    await enqueue(db, team.org.id, '2026-11-29T11:00:00.000Z', [
      {
        kind: 'invitation',
        idempotency_key: 'invitation:sam',
        recipient_id: team.seller.id,
        recipient_email: 'sam@northwind.example',
        subject: 'Mara Chen invited you to Northwind on Followthrough',
        body: 'Join us.',
        late: 0,
      },
    ]);
    let release = () => {};
    smtp.gate = new Promise((resolve) => {
      release = resolve;
    });
    const sender = startSender({
      db,
      clock: team.clock,
      log: silent,
      transport: mailTransport(smtp.url),
      from: FROM,
      wait: parked,
    });
    // The server has the invitation's data, and does not answer.
    await smtp.until(() => smtp.arriving === 1);

    // Monday 09:00 in New York: the scheduler sends Dana's follow-up meanwhile.
    team.clock.set('2026-11-30T14:00:00Z');
    const scheduler = startScheduler({
      db,
      clock: team.clock,
      log: silent,
      maxWaitMs: 5000,
      wait: async () => void scheduler.stop(),
      onWritten: () => sender.wake(),
    });
    await scheduler.stopped;
    const written = await db.selectFrom('outbox').select(['kind', 'delivered_at']).orderBy('id').execute();
    assert.deepEqual(written, [
      { kind: 'invitation', delivered_at: null },
      { kind: 'follow_up', delivered_at: null },
    ]);
    assert.equal(smtp.received.length, 0);

    // The server answers: the invitation is delivered, and the follow-up right after, woken.
    release();
    await smtp.until(() => smtp.received.length === 2);
    await sender.stop();
    assert.deepEqual(
      smtp.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : '', m.subject]),
      [
        ['sam@northwind.example', 'Mara Chen invited you to Northwind on Followthrough'],
        ['dana@northwind.example', 'How did it go? Call Acme about the renewal'],
      ],
    );
    assert.match(smtp.received[1]?.text ?? '', /Call Acme about the renewal/);
    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'delivered_at', 'attempts'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.delivered_at, r.attempts]),
      [
        ['2026-11-30T14:00:00.000Z', 1],
        ['2026-11-30T14:00:00.000Z', 1],
      ],
    );
    assert.equal(smtp.received[1]?.messageId, `<message-${rows[1]?.id}.${team.org.id}@northwind.example>`);
  });

  it('ft serve with SMTP_URL delivers what a request writes (an invitation) within a second', async () => {
    const clock = new ManualClock('2026-11-23T15:00:00Z');
    const server = await served(database, {
      scheduler: true,
      clock,
      server: { smtpUrl: smtp.url, mailFrom: 'Northwind Followthrough <ft@northwind.example>' },
    });
    try {
      const token = await signUpNorthwind(server.url);
      const invited = await fetch(`${server.url}/api/v1/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Dana Ruiz', email: 'dana@northwind.example' }),
      });
      assert.equal(invited.status, 201);
      await smtp.until(() => smtp.received.length === 1);
      const [mail] = smtp.received;
      assert.equal(mail?.subject, 'Mara Chen invited you to Northwind on Followthrough');
      assert.deepEqual(mail?.from?.value, [
        { address: 'ft@northwind.example', name: 'Northwind Followthrough' },
      ]);
      assert.match(mail?.text ?? '', /\/invite\/[A-Za-z0-9_-]{43}/);
    } finally {
      await server.stop();
    }
    const [row] = await db.selectFrom('outbox').select(['kind', 'delivered_at']).execute();
    assert.deepEqual(row, { kind: 'invitation', delivered_at: '2026-11-23T15:00:00.000Z' });
    assert.ok(server.lines.some((l) => l.msg === 'delivering mail' && l.smtp === new URL(smtp.url).host));
  });

  it('without SMTP_URL sends nothing, and an admin reads the mail that would have gone out at /outbox', async () => {
    const server = await served(database, { now: '2026-11-23T15:00:00Z' });
    try {
      const token = await signUpNorthwind(server.url);
      const invited = await fetch(`${server.url}/api/v1/invitations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Dana <b>Ruiz</b>', email: 'dana@northwind.example' }),
      });
      assert.equal(invited.status, 201);
      const page = await fetch(`${server.url}/outbox`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
      });
      assert.equal(page.status, 200);
      const text = await page.text();
      assert.match(text, /<h1>Mail that would have gone out<\/h1>/);
      assert.match(text, /<h2>Mara Chen invited you to Northwind on Followthrough<\/h2>/);
      assert.match(text, /To dana@northwind.example · invitation/);
      assert.match(text, /Waiting to be sent/);
      assert.match(text, /Dana &lt;b&gt;Ruiz&lt;\/b&gt;/);
      assert.doesNotMatch(text, /<b>Ruiz/);
      const failed = await fetch(`${server.url}/outbox?state=failed`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
      });
      assert.match(await failed.text(), /Nothing failed to send\./);
      const signedOut = await fetch(`${server.url}/outbox`, { headers: { accept: 'text/html' } });
      assert.equal(signedOut.status, 401);
      assert.match(await signedOut.text(), /<h1>Sign in<\/h1>/);
    } finally {
      await server.stop();
    }
    assert.equal(smtp.received.length, 0);
    const [row] = await db.selectFrom('outbox').select(['delivered_at', 'attempts']).execute();
    assert.deepEqual(row, { delivered_at: null, attempts: 0 });
  });
});
