import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createTransport } from 'nodemailer';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { ManualClock } from '../src/shared/clock.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { type Served, served } from './support/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

/** Monday 30 November, 09:00 in New York: Dana's follow-up on Friday's step goes out. */
const MONDAY = '2026-11-30T14:00:00.000Z';
const DANA = 'dana@northwind.example';
const MARA = 'mara@northwind.example';

onEachDatabase('mail into Followthrough', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let server: Served;
  let clock: ManualClock;
  let port = 0;
  beforeEach(async () => {
    port = 0;
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
    const team = await seedTeam(db, '2026-11-23T15:00:00Z');
    await makeCommitment(team.as(team.manager), {
      what: 'Send revised pricing to Acme',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A signed order form',
    });
    clock = new ManualClock(MONDAY);
    server = await served(database, {
      scheduler: true,
      clock,
      server: { smtpUrl: smtp.url, smtpPort: 0, mailDomain: 'northwind.example' },
    });
    // The listener starts after the web server: its log line says where.
    for (let i = 0; i < 500 && !port; i++) {
      port = (server.lines.find((l) => typeof l.smtpPort === 'number')?.smtpPort as number) ?? 0;
      if (!port) await delay(10);
    }
    assert.ok(port > 0, 'the listener says where it listens');
  });
  afterEach(async () => {
    await server.stop();
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  /** A mail sent to the listener, as another mail server would hand it over. */
  const send = (
    from: string,
    to: string,
    subject: string,
    text: string,
    cc?: string,
    headerTo?: string,
    messageId?: string,
  ) =>
    createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
      from,
      to: headerTo ?? to,
      ...(messageId ? { messageId } : {}),
      ...(cc ? { cc } : {}),
      envelope: { from, to: [to] },
      subject,
      text,
    });
  const refused = async (sending: Promise<unknown>) => {
    const error = (await sending.then(
      () => null,
      (e: unknown) => e,
    )) as { responseCode?: number; response?: string } | null;
    assert.ok(error, 'refused');
    return `${error.responseCode} ${error.response}`;
  };
  const followUp = () => db.selectFrom('follow_ups').selectAll().orderBy('id').executeTakeFirstOrThrow();

  it('a reply to the follow-up answers it; an unreadable one gets a polite answer; strangers and forgeries are refused', async () => {
    await smtp.until(() => smtp.received.length === 1);
    const replyTo = smtp.received[0]?.replyTo?.value[0]?.address as string;
    assert.match(replyTo, /^reply\+\d+\.[0-9a-z]+\.[0-9a-f]{32}@northwind\.example$/);

    // Forged, or from someone else: refused before any data, nothing recorded.
    const forged = replyTo.replace(/[0-9a-f](?=@)/, (d) => (d === '0' ? '1' : '0'));
    assert.match(await refused(send(DANA, forged, 'Re: pricing', 'Done')), /^550 .*no such mailbox/);
    assert.match(
      await refused(send('eve@elsewhere.example', replyTo, 'Re: pricing', 'Done')),
      /^550 .*taken from the address it was sent to only/,
    );
    assert.equal((await followUp()).status, 'sent');

    // Unreadable: nothing recorded, and Dana is told how.
    await send(DANA, replyTo, 'Re: How did it go? Send revised pricing to Acme', 'Thanks!');
    await smtp.until(() => smtp.received.length === 2);
    assert.equal(smtp.received[1]?.subject, 'Re: Re: How did it go? Send revised pricing to Acme');
    assert.match(smtp.received[1]?.text ?? '', /Start it with done, partly or not done/);
    assert.equal((await followUp()).status, 'sent');

    // Read: the first words give the outcome, the rest what happened; the quote is left out.
    await send(
      DANA,
      replyTo.toUpperCase().replace('@NORTHWIND.EXAMPLE', '@northwind.example'),
      'Re: How did it go? Send revised pricing to Acme',
      'Not done - legal is still reviewing\nthe discount.\n\nOn Mon, 30 Nov 2026 at 09:00, Followthrough wrote:\n> How did it go?\n> Done by Fri 27 Nov?',
    );
    const answered = await followUp();
    assert.deepEqual(
      [answered.status, answered.outcome, answered.happened],
      ['answered', 'not_done', 'legal is still reviewing the discount.'],
    );
    // Mara hears it by mail.
    await smtp.until(() => smtp.received.length === 3);
    assert.equal(smtp.received[2]?.subject, 'Not done: Send revised pricing to Acme');
    assert.deepEqual(smtp.envelopes[2], ['mara@northwind.example']);

    // A second reply changes nothing, and says why.
    await send(DANA, replyTo, 'Re: pricing', 'Done');
    await smtp.until(() => smtp.received.length === 4);
    assert.match(smtp.received[3]?.text ?? '', /Your reply was not recorded: f\d+ was answered already/);
    assert.equal((await followUp()).outcome, 'not_done');
  });

  it('Mara replies to the answer: Dana reads her words, and a reply that buys the task back brings Mara the coach’s suggestion', async () => {
    await smtp.until(() => smtp.received.length === 1);
    const replyTo = smtp.received[0]?.replyTo?.value[0]?.address as string;
    await send(DANA, replyTo, 'Re: pricing', 'Not done: legal is still reviewing the discount');
    await smtp.until(() => smtp.received.length === 2);
    const answer = smtp.received[1];
    assert.equal(answer?.subject, 'Not done: Send revised pricing to Acme');
    const noteTo = answer?.replyTo?.value[0]?.address as string;
    assert.match(noteTo, /^note\+\d+\.[0-9a-z]+\.[0-9a-f]{32}@northwind\.example$/);

    // Only Mara, who heard the answer, may reply to it; a forged address is nobody's.
    assert.match(
      await refused(send(DANA, noteTo, 'Re: Not done', 'I will do it')),
      /^550 .*taken from the address it was sent to only/,
    );
    const forged = noteTo.replace(/^note/, 'reply');
    assert.match(await refused(send(MARA, forged, 'Re: Not done', 'Ok')), /^550 .*no such mailbox/);

    // Delivered twice (the sending server did not hear our answer): relayed, flagged and kept once.
    for (let i = 0; i < 2; i++) {
      await send(
        MARA,
        noteTo,
        'Re: Not done: Send revised pricing to Acme',
        "Don't worry, I'll call their legal team myself.\n\nOn Mon, 30 Nov 2026, Followthrough wrote:\n> Dana Ruiz answered",
        undefined,
        undefined,
        '<mara-reply-1@northwind.example>',
      );
    }
    await smtp.until(() => smtp.received.length === 4);
    const byRecipient = Object.fromEntries(
      smtp.received.slice(2).map((m, i) => [smtp.envelopes[i + 2]?.[0], m]),
    );
    assert.equal(byRecipient[DANA]?.subject, 'Re: Send revised pricing to Acme');
    assert.equal(
      byRecipient[DANA]?.text,
      [
        'Hi Dana,',
        '',
        'Mara Chen replied to your answer on "Send revised pricing to Acme":',
        '',
        "  Don't worry, I'll call their legal team myself.",
      ].join('\n'),
    );
    assert.equal(byRecipient[MARA]?.subject, 'Coach: Send revised pricing to Acme');
    assert.match(
      byRecipient[MARA]?.text ?? '',
      /^Hi Mara,\n\nYour reply to Dana Ruiz reads as buying the task back \("/,
    );
    const flags = await db.selectFrom('coach_flags').select(['label', 'source', 'text']).execute();
    assert.deepEqual(flags, [
      { label: 'buy_back', source: 'answer', text: "Don't worry, I'll call their legal team myself." },
    ]);
    const events = await db
      .selectFrom('commitment_events')
      .select(['kind', 'data'])
      .where('kind', '=', 'hearer_replied')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(JSON.parse(String(events[0]?.data)).text, "Don't worry, I'll call their legal team myself.");
  });

  it('friday@ forwarded on a Tuesday comes back on Friday at 09:00 local; strangers and other addresses are refused', async () => {
    clock.set('2026-12-01T15:00:00.000Z');
    const before = await db.selectFrom('commitments').select('id').execute();
    assert.match(
      await refused(send('eve@elsewhere.example', 'friday@northwind.example', 'Fwd: hi', 'x')),
      /^550 .*members of a team here only/,
    );
    assert.match(
      await refused(send(DANA, 'hello@northwind.example', 'Fwd: hi', 'x')),
      /^550 .*no such mailbox/,
    );
    assert.match(
      await refused(send(DANA, 'friday@elsewhere.example', 'Fwd: hi', 'x')),
      /^550 .*only northwind\.example/,
    );
    const huge = 'x'.repeat(76).concat('\n').repeat(140_000);
    assert.match(await refused(send(DANA, 'friday@northwind.example', 'Fwd: huge', huge)), /^552 /);
    assert.deepEqual(await db.selectFrom('commitments').select('id').execute(), before);

    // Delivered twice (the sending server did not hear our answer the first time): one step.
    for (let i = 0; i < 2; i++) {
      await send(
        DANA,
        'friday@northwind.example',
        'Fwd: Contract question from Acme',
        'Can you check clause 7?',
        undefined,
        undefined,
        '<clause-7@acme.example>',
      );
    }
    // In Cc, the members on the thread the sender may give steps to get it too: Mara, Dana's
    // manager, copies it on a thread with Dana (Dana copying it to Mara would remind Dana alone).
    await send(
      'mara@northwind.example',
      '3days@northwind.example',
      'Re: Security review',
      'See below',
      '3days@northwind.example',
      DANA,
    );
    const made = await db
      .selectFrom('commitments')
      .innerJoin('people', 'people.id', 'commitments.owner_id')
      .innerJoin('follow_ups', 'follow_ups.commitment_id', 'commitments.id')
      .select(['commitments.what', 'people.email', 'commitments.due_date', 'follow_ups.fire_at'])
      .where(
        'commitments.id',
        'not in',
        before.map((c) => c.id),
      )
      .orderBy('commitments.id')
      .execute();
    assert.deepEqual(made, [
      {
        what: 'Contract question from Acme',
        email: DANA,
        due_date: '2026-12-04',
        fire_at: '2026-12-04T14:00:00.000Z',
      },
      {
        what: 'Security review',
        email: 'mara@northwind.example',
        due_date: '2026-12-04',
        fire_at: '2026-12-04T14:00:00.000Z',
      },
      { what: 'Security review', email: DANA, due_date: '2026-12-04', fire_at: '2026-12-04T14:00:00.000Z' },
    ]);

    // Friday at 09:00 in New York, the tick sends it back.
    await server.stop();
    await ftOk(database, '2026-12-04T14:00:00Z', ['tick']);
    const back = await db
      .selectFrom('outbox')
      .select(['recipient_email', 'subject'])
      .where('kind', '=', 'follow_up')
      .where('subject', 'like', '%Contract question%')
      .execute();
    assert.deepEqual(back, [
      { recipient_email: DANA, subject: 'How did it go? Contract question from Acme' },
    ]);
  });
});
