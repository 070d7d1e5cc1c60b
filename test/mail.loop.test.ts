import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import ICAL from 'ical.js';
import { createTransport } from 'nodemailer';
import type { Browser } from 'playwright-core';
import { agendaText } from '../src/agendas/agendas.present.js';
import { agendaFor, findAgendaSubject } from '../src/agendas/agendas.usecases.js';
import { plain } from '../src/cli/kit/output.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { endMeeting, startMeeting } from '../src/meetings/meetings.usecases.js';
import { addPerson } from '../src/people/people.usecases.js';
import { ManualClock } from '../src/shared/clock.js';
import { formatId } from '../src/shared/ids.js';
import { localDate } from '../src/shared/time.js';
import { wrapup } from '../src/wrapups/wrapups.usecases.js';
import { accessible, launchChromium } from './support/browser.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { type Served, served } from './support/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const DANA = 'dana@northwind.example';
const MARA = 'mara@northwind.example';
const LEE = 'lee@northwind.example';

/**
 * The whole loop by mail, as the people in it live it, against `ft serve` with its scheduler,
 * its sender and its mail listener, a real SMTP server receiving what it sends, and a clock
 * the walk moves from Tuesday's 1:1 to the Friday after next.
 */
onEachDatabase('the loop by mail', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let server: Served | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await server?.stop();
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  it('wrap-up, agreement, follow-up at 09:00 the working day after, answers by link and by reply, friday@, and the next agenda', async () => {
    // Tuesday 24 November, 10:00 in New York: Mara's 1:1 with Dana; Lee is not there.
    const team = await seedTeam(db, '2026-11-24T15:00:00Z');
    const mara = team.as(team.manager);
    await addPerson(mara, { name: 'Lee Park', email: LEE, manager: MARA });
    const { meeting } = await startMeeting(mara, { kind: 'one_on_one', with: [DANA] });
    const ref = formatId('meeting', meeting.id);
    const step = async (what: string, owner: string, due: string, outcome: string) =>
      (await makeCommitment(mara, { what, owner, due, outcome, meeting: ref })).commitment.id;
    const pricing = await step('Send revised pricing to Acme', DANA, '2026-11-27', 'A signed order form');
    const review = await step('Book the security review', DANA, '2026-11-30', 'IT signs off');
    const roi = await step('Prepare the ROI model', LEE, '2026-12-01', 'Finance sees the payback');
    team.clock.set('2026-11-24T15:30:00Z');
    await endMeeting(mara, ref);
    await wrapup(mara, ref, { send: true, cc: [LEE] });

    const clock = new ManualClock('2026-11-24T15:31:00Z');
    server = await served(database, {
      scheduler: true,
      clock,
      server: { smtpUrl: smtp.url, smtpPort: 0, mailDomain: 'northwind.example', schedulerMaxWaitMs: 50 },
    });
    let port = 0;
    for (let i = 0; i < 500 && !port; i++) {
      port = (server.lines.find((l) => typeof l.smtpPort === 'number')?.smtpPort as number) ?? 0;
      if (!port) await delay(10);
    }
    const url = server.url;
    /** The mails to one address so far, oldest first. */
    const mailsTo = (email: string) => smtp.received.filter((_, i) => smtp.envelopes[i]?.[0] === email);
    const arrives = async (email: string, subject: string) => {
      await smtp.until(() => mailsTo(email).some((m) => m.subject === subject));
      return mailsTo(email).find((m) => m.subject === subject);
    };
    const uids = (mail: Awaited<ReturnType<typeof arrives>>) =>
      (mail?.attachments ?? []).flatMap((a) =>
        new ICAL.Component(ICAL.parse(a.content.toString('utf8')))
          .getAllSubcomponents('vevent')
          .map((v) => new ICAL.Event(v).uid),
      );
    const uid = (id: number) => `commitment-${id}.${team.org.id}@followthrough`;

    // 1. The wrap-up reaches Dana, who was there, and Lee, who was not, each with their own steps' .ics.
    const subject = (
      await db.selectFrom('outbox').select('subject').where('kind', '=', 'wrapup').executeTakeFirstOrThrow()
    ).subject;
    const toDana = await arrives(DANA, subject);
    const toLee = await arrives(LEE, subject);
    await arrives(MARA, subject);
    assert.deepEqual(uids(toDana), [uid(pricing), uid(review)]);
    assert.deepEqual(uids(toLee), [uid(roi)]);

    // 2. Dana agrees to the pricing and proposes another date for the review, by the wrap-up's links.
    const links = [
      ...(toDana?.text ?? '').matchAll(/^ {3}- (I agree|Propose another date or approach): (\S+)$/gm),
    ].map((m) => (m[2] as string).replace('http://127.0.0.1:3000', url));
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await phone.newPage();
    await page.goto(links[0] as string);
    await accessible(page);
    await page.getByRole('button', { name: 'I agree' }).click();
    await page.waitForSelector('h1:text("Thank you")');
    await accessible(page);
    await page.goto(links[3] as string);
    await accessible(page);
    await page.getByLabel('A date that works').fill('Dec 10');
    await page.getByRole('button', { name: 'Send my proposal' }).click();
    await page.waitForSelector('h1:text("Thank you")');
    await arrives(MARA, 'Dana Ruiz proposes another date or approach: Book the security review');
    const agenda = async (at: string) => {
      const scope = { ...mara, clock: new ManualClock(at) };
      const result = await agendaFor(scope, await findAgendaSubject(scope, { with: DANA }));
      return agendaText(result, localDate(at, 'America/New_York'), 'America/New_York', plain);
    };
    assert.match(await agenda('2026-11-25T15:00:00Z'), /Dana Ruiz proposes a new date, Thu 10 Dec/);

    // 3. The pricing was due Friday: its follow-up goes on Monday at 09:00 in New York, not before.
    const followUp = await db
      .selectFrom('follow_ups')
      .select('fire_at')
      .where('commitment_id', '=', pricing)
      .executeTakeFirstOrThrow();
    assert.equal(followUp.fire_at, '2026-11-30T14:00:00.000Z');
    clock.set('2026-11-30T14:00:00Z');
    const asked = await arrives(DANA, 'How did it go? Send revised pricing to Acme');
    const sentAt = await db
      .selectFrom('outbox')
      .select('created_at')
      .where('kind', '=', 'follow_up')
      .executeTakeFirstOrThrow();
    assert.equal(sentAt.created_at, '2026-11-30T14:00:00.000Z');

    // 4. Dana clicks "Not done" on her phone and answers; Mara hears it.
    const notDone = /^ {2}Not done: (\S+)$/m.exec(asked?.text ?? '')?.[1] as string;
    await page.goto(notDone);
    await accessible(page);
    assert.equal(await page.getByLabel('Not done').isChecked(), true);
    await page.getByLabel('What happened').fill('Legal has not approved the discount yet');
    await page.getByLabel('Next step (if there is one)').fill('Send the revised terms to legal');
    await page.getByLabel('By when').fill('next Friday');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.waitForSelector('h1:text("Thank you")');
    await phone.close();
    await arrives(MARA, 'Not done: Send revised pricing to Acme');

    // 5. The review's follow-up (due Monday) goes on Tuesday at 09:00; Dana answers by replying.
    clock.set('2026-12-01T14:00:00Z');
    const reviewAsked = await arrives(DANA, 'How did it go? Book the security review');
    const replyTo = reviewAsked?.replyTo?.value[0]?.address as string;
    const mailer = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await mailer.sendMail({ from: DANA, to: replyTo, subject: 'Re: review', text: 'Done - IT signed off' });
    await arrives(MARA, 'Done: Book the security review');

    // 6. Tuesday 10:00: Dana forwards a mail to friday@; it comes back on Friday at 09:00 in New York.
    clock.set('2026-12-01T15:00:00Z');
    await mailer.sendMail({
      from: DANA,
      to: 'friday@northwind.example',
      subject: 'Fwd: Contract question from Acme',
      text: 'Can you check clause 7?',
    });
    const reminder = await db
      .selectFrom('follow_ups')
      .innerJoin('commitments', 'commitments.id', 'follow_ups.commitment_id')
      .select(['follow_ups.fire_at', 'commitments.due_date'])
      .where('commitments.what', '=', 'Contract question from Acme')
      .executeTakeFirstOrThrow();
    assert.deepEqual(reminder, { fire_at: '2026-12-04T14:00:00.000Z', due_date: '2026-12-04' });
    clock.set('2026-12-04T14:00:00Z');
    await arrives(DANA, 'How did it go? Contract question from Acme');

    // 7. Mara's next 1:1 with Dana opens with the answer and its next step.
    const next = await agenda('2026-12-04T16:00:00Z');
    assert.match(next, /Send the revised terms to legal/);
    assert.match(next, /Legal has not approved the discount yet/);
    const steps = await db
      .selectFrom('commitments')
      .select(['what', 'status', 'due_date'])
      .where('id', 'in', [pricing, review])
      .orderBy('id')
      .execute();
    assert.deepEqual(steps, [
      { what: 'Send revised pricing to Acme', status: 'open', due_date: '2026-11-27' },
      { what: 'Book the security review', status: 'done', due_date: '2026-11-30' },
    ]);
  });
});
