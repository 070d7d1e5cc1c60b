import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { deliverDue, MOST_ATTEMPTS } from '../src/mail/mail.delivery.js';
import { startMeeting } from '../src/meetings/meetings.usecases.js';
import { enqueue } from '../src/outbox/outbox.repository.js';
import { addPerson } from '../src/people/people.usecases.js';
import { ManualClock } from '../src/shared/clock.js';
import { ftOk } from './support/cli.js';
import {
  after,
  before,
  createTestDatabase,
  it,
  onEachDatabase,
  type TestDatabase,
} from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const FROM = 'Followthrough <followthrough@northwind.example>';
const WRITTEN = '2026-11-23T14:00:00.000Z';

onEachDatabase('delivering the outbox by mail', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let clock: ManualClock;
  let orgId: number;
  let dana: { id: number; email: string };

  before(async () => {
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.stop();
  });

  const fresh = async () => {
    if (database) {
      await db.destroy();
      await database.drop();
    }
    database = await createTestDatabase(dialect);
    db = database.open();
    const team = await seedTeam(db, WRITTEN);
    orgId = team.org.id;
    dana = team.seller;
    clock = new ManualClock('2026-11-23T14:05:00.000Z');
    smtp.received.length = 0;
    smtp.envelopes.length = 0;
    smtp.answer = () => null;
  };
  after(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const write = (key: string, subject: string, body: string, at = WRITTEN) =>
    enqueue(db, orgId, at, [
      {
        kind: 'follow_up',
        idempotency_key: key,
        recipient_id: dana.id,
        recipient_email: dana.email,
        subject,
        body,
        late: 0,
      },
    ]);
  const deliver = () =>
    deliverDue({
      db,
      clock,
      log: pino({ level: 'silent' }),
      transport: createTransport({ url: smtp.url, ignoreTLS: true } as Parameters<typeof createTransport>[0]),
      from: FROM,
    });
  const row = (key: string) =>
    db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();

  it('sends each message once, as text and HTML, with a Message-ID of its own', async () => {
    await fresh();
    await write('a', 'How did it go? Send revised pricing', 'Hi Dana,\n\nHow did it go?\n<b>not bold</b>');
    await write('b', 'Second', 'Two');
    assert.deepEqual(await deliver(), { taken: 2, delivered: 2, retrying: 0, failed: 0, handedBack: 0 });
    assert.deepEqual(await deliver(), { taken: 0, delivered: 0, retrying: 0, failed: 0, handedBack: 0 });
    assert.equal(smtp.received.length, 2);
    const [first] = smtp.received;
    const a = await row('a');
    assert.equal(first?.subject, 'How did it go? Send revised pricing');
    assert.equal(first?.text, 'Hi Dana,\n\nHow did it go?\n<b>not bold</b>');
    assert.match(String(first?.html), /How did it go\?\n&lt;b&gt;not bold&lt;\/b&gt;/);
    assert.equal(first?.messageId, `<message-${a.id}.${orgId}@northwind.example>`);
    assert.deepEqual(
      first?.from?.value.map((v) => v.address),
      ['followthrough@northwind.example'],
    );
    assert.deepEqual(
      [a.delivered_at, a.attempts, a.leased_until, a.failed_at],
      ['2026-11-23T14:05:00.000Z', 1, null, null],
    );
  });

  it('keeps a line break in a subject from starting a header of its own', async () => {
    await fresh();
    await write(
      'a',
      'Pricing\r\nBcc: eve@elsewhere.example\nX-Injected: yes',
      'Body\r\nBcc: eve@elsewhere.example',
    );
    assert.equal((await deliver()).delivered, 1);
    const [mail] = smtp.received;
    assert.equal(mail?.subject, 'Pricing Bcc: eve@elsewhere.example X-Injected: yes');
    assert.equal(mail?.headers.has('x-injected'), false);
    assert.equal(mail?.headers.has('bcc'), false);
    assert.deepEqual(smtp.envelopes, [['dana@northwind.example']]);
    assert.equal(mail?.text, 'Body\nBcc: eve@elsewhere.example');
  });

  it("keeps a line break or angle brackets in a person's name from adding a header or recipient", async () => {
    await fresh();
    const name = 'Eve\r\nBcc: eve@elsewhere.example\r\nX-Injected: yes <eve@elsewhere.example>';
    const invitation = (key: string, to: string) => ({
      kind: 'invitation',
      idempotency_key: key,
      recipient_id: dana.id,
      recipient_email: to,
      subject: `${name} invited you to Northwind on Followthrough`,
      body: `Hello ${name},\n\nChoose your password here: https://ft.example/invite/t`,
      late: 0,
    });
    await enqueue(db, orgId, WRITTEN, [
      invitation('named', dana.email),
      // An address that is not one address is sent to nobody: nodemailer would read a `Bcc:`
      // in it as the only recipient, and a list as several.
      invitation('broken', `${dana.email}\r\nBcc: eve@elsewhere.example`),
      invitation('listed', `Eve <eve@elsewhere.example>, ${dana.email}`),
    ]);
    assert.deepEqual(await deliver(), { taken: 3, delivered: 1, retrying: 0, failed: 2, handedBack: 0 });
    assert.deepEqual(smtp.envelopes, [['dana@northwind.example']]);
    const [mail] = smtp.received;
    assert.equal(
      mail?.subject,
      'Eve Bcc: eve@elsewhere.example X-Injected: yes <eve@elsewhere.example> invited you to Northwind on Followthrough',
    );
    assert.deepEqual(
      [mail?.to].flat().flatMap((to) => to?.value.map((v) => v.address) ?? []),
      ['dana@northwind.example'],
    );
    assert.deepEqual(
      ['bcc', 'cc', 'x-injected'].map((header) => mail?.headers.has(header)),
      [false, false, false],
    );
    assert.ok(
      String(mail?.html).includes(
        'Hello Eve\nBcc: eve@elsewhere.example\nX-Injected: yes &lt;eve@elsewhere.example&gt;,',
      ),
    );
    for (const key of ['broken', 'listed']) {
      const failed = await row(key);
      assert.deepEqual(
        [failed.delivered_at, failed.failed_at, failed.failure],
        [null, '2026-11-23T14:05:00.000Z', 'not sent: the recipient is not one e-mail address'],
      );
    }
  });

  it('attaches to a wrap-up its reader’s own steps from the meeting as a calendar file', async () => {
    await fresh();
    const mara = {
      db,
      clock,
      org: await db.selectFrom('organizations').selectAll().executeTakeFirstOrThrow(),
      actor: null,
    };
    const manager = await db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 'mara@northwind.example')
      .executeTakeFirstOrThrow();
    const scope = { ...mara, actor: manager };
    const { meeting } = await startMeeting(scope, { kind: 'one_on_one', with: ['dana@northwind.example'] });
    const hers = await makeCommitment(scope, {
      what: 'Send revised pricing',
      owner: 'Dana',
      due: '2026-11-27',
    });
    const other = await makeCommitment(scope, {
      what: 'Book the QBR room',
      owner: 'Mara',
      due: '2026-11-26',
    });
    await db.updateTable('commitments').set({ meeting_id: meeting.id }).execute();
    await enqueue(db, orgId, WRITTEN, [
      {
        kind: 'wrapup',
        idempotency_key: 'wrapup:dana',
        recipient_id: dana.id,
        recipient_email: dana.email,
        subject: 'Wrap-up: 1:1',
        body: 'Your next steps',
        late: 0,
        meeting_id: meeting.id,
      },
    ]);
    assert.equal((await deliver()).delivered, 1);
    const [mail] = smtp.received;
    assert.deepEqual(
      mail?.attachments.map((a) => [a.filename, a.contentType]),
      [['next-steps.ics', 'text/calendar']],
    );
    const calendar = new ICAL.Component(ICAL.parse(mail?.attachments[0]?.content.toString('utf8') ?? ''));
    assert.deepEqual(
      calendar.getAllSubcomponents('vevent').map((v) => {
        const event = new ICAL.Event(v);
        return [event.uid, event.summary, event.startDate.toString()];
      }),
      [[`commitment-${hers.commitment.id}.${orgId}@followthrough`, 'Send revised pricing', '2026-11-27']],
    );
    assert.notEqual(other.commitment.id, hers.commitment.id);
    // A customer contact's wrap-up carries none: its events would name steps by their ids.
    const jo = await addPerson(scope, { name: 'Jo Park', email: 'jo@acme.example', contact: true });
    await db
      .updateTable('commitments')
      .set({ owner_id: jo.id })
      .where('id', '=', other.commitment.id)
      .execute();
    await enqueue(db, orgId, WRITTEN, [
      {
        kind: 'wrapup',
        idempotency_key: 'wrapup:jo',
        recipient_id: jo.id,
        recipient_email: jo.email,
        subject: 'Next steps',
        body: 'Thank you',
        late: 0,
        meeting_id: meeting.id,
      },
    ]);
    assert.equal((await deliver()).delivered, 1);
    assert.deepEqual(smtp.received[1]?.attachments, []);
  });

  it('tries again after a refusal for now (421), and delivers once', async () => {
    await fresh();
    await write('a', 'Later', 'Body');
    let refusals = 1;
    smtp.answer = () => (refusals-- > 0 ? { code: 421, text: 'Try again later' } : null);
    assert.deepEqual(await deliver(), { taken: 1, delivered: 0, retrying: 1, failed: 0, handedBack: 0 });
    const waiting = await row('a');
    assert.deepEqual(
      [waiting.next_attempt_at, waiting.delivered_at, waiting.failed_at, waiting.leased_until],
      ['2026-11-23T14:06:00.000Z', null, null, null],
    );
    assert.match(waiting.failure ?? '', /421/);
    // Not before its time.
    clock.set('2026-11-23T14:05:59.999Z');
    assert.equal((await deliver()).taken, 0);
    clock.set('2026-11-23T14:06:00.000Z');
    assert.deepEqual(await deliver(), { taken: 1, delivered: 1, retrying: 0, failed: 0, handedBack: 0 });
    assert.equal(smtp.received.length, 1);
    assert.deepEqual([(await row('a')).attempts, (await row('a')).failure], [2, null]);
  });

  it('marks a message the server refuses for good (550) as failed, and does not try again', async () => {
    await fresh();
    await write('a', 'Nobody', 'Body');
    smtp.answer = () => ({ code: 550, text: 'No such user here' });
    assert.deepEqual(await deliver(), { taken: 1, delivered: 0, retrying: 0, failed: 1, handedBack: 0 });
    const failed = await row('a');
    assert.equal(failed.failed_at, '2026-11-23T14:05:00.000Z');
    assert.match(failed.failure ?? '', /550.*No such user here/);
    // Shown: `ft outbox --failed` lists it, with what the server said, and nothing else.
    await write('b', 'Fine', 'Body');
    await db
      .updateTable('outbox')
      .set({ delivered_at: WRITTEN })
      .where('idempotency_key', '=', 'b')
      .execute();
    const shown = await ftOk(database, '2026-11-23T14:10:00Z', ['outbox', '--failed']);
    assert.equal(
      shown.stdout,
      [
        'ID  WRITTEN           KIND       TO                      STATE   SUBJECT',
        `o${failed.id}  Mon 23 Nov 09:00  follow_up  dana@northwind.example  failed  Nobody`,
        '',
      ].join('\n'),
    );
    const full = await ftOk(database, '2026-11-23T14:10:00Z', ['outbox', '--failed', '--full']);
    assert.match(full.stdout, /\nNot delivered \(550 No such user here\), Mon 23 Nov 09:05\n/);
    const json = await ftOk(database, '2026-11-23T14:10:00Z', ['outbox', '--state', 'failed', '--json']);
    assert.deepEqual(
      json.json<Record<string, unknown>[]>().map((m) => [m.subject, m.state, m.attempts, m.failedAt]),
      [['Nobody', 'failed', 1, '2026-11-23T14:05:00.000Z']],
    );
    smtp.answer = () => null;
    clock.set('2026-11-30T14:05:00.000Z');
    assert.equal((await deliver()).taken, 0);
    assert.equal(smtp.received.length, 0);
  });

  it(`gives up after ${MOST_ATTEMPTS} refusals for now`, async () => {
    await fresh();
    await write('a', 'Later', 'Body');
    smtp.answer = () => ({ code: 451, text: 'Busy' });
    const outcomes: string[] = [];
    for (let i = 0; i < MOST_ATTEMPTS; i++) {
      const result = await deliver();
      outcomes.push(result.failed ? 'failed' : result.retrying ? 'retrying' : 'none');
      const next = (await row('a')).next_attempt_at;
      if (next) clock.set(next);
    }
    assert.deepEqual(outcomes, [...Array(MOST_ATTEMPTS - 1).fill('retrying'), 'failed']);
    assert.equal((await row('a')).attempts, MOST_ATTEMPTS);
  });

  it('does not send a message written more than three days before it could be', async () => {
    await fresh();
    await write('old', 'Old', 'Body', '2026-11-20T14:04:59.000Z');
    await write('recent', 'Recent', 'Body', '2026-11-20T14:05:00.000Z');
    assert.deepEqual(await deliver(), { taken: 2, delivered: 1, retrying: 0, failed: 1, handedBack: 0 });
    assert.deepEqual(
      smtp.received.map((m) => m.subject),
      ['Recent'],
    );
    assert.match((await row('old')).failure ?? '', /^not sent: written 2026-11-20T14:04:59.000Z/);
  });

  it('leaves a message another sender holds until its lease ends, then sends it', async () => {
    await fresh();
    await write('a', 'Held', 'Body');
    await db.updateTable('outbox').set({ leased_until: '2026-11-23T14:07:00.000Z', attempts: 1 }).execute();
    assert.equal((await deliver()).taken, 0);
    clock.set('2026-11-23T14:07:00.000Z');
    assert.deepEqual(await deliver(), { taken: 1, delivered: 1, retrying: 0, failed: 0, handedBack: 0 });
    assert.equal((await row('a')).attempts, 2);
  });
});
