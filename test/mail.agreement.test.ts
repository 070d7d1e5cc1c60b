import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser } from 'playwright-core';
import { answerAgreement } from '../src/answers/agreement.usecases.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { endMeeting, startMeeting } from '../src/meetings/meetings.usecases.js';
import { ManualClock } from '../src/shared/clock.js';
import { formatId } from '../src/shared/ids.js';
import { wrapup } from '../src/wrapups/wrapups.usecases.js';
import { launchChromium } from './support/browser.js';
import { ft, ftOk } from './support/cli.js';
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

/** Tuesday 24 November, 10:00 in New York: Mara's 1:1 with Dana has just ended. */
const TUESDAY = '2026-11-24T15:00:00.000Z';

onEachDatabase('agreeing to a step by the wrap-up’s links', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let server: Served;
  let ids: number[] = [];
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
    const team = await seedTeam(db, '2026-11-24T14:00:00Z');
    const mara = team.as(team.manager);
    const { meeting } = await startMeeting(mara, { kind: 'one_on_one', with: ['dana@northwind.example'] });
    const first = await makeCommitment(mara, {
      what: 'Send revised pricing to Acme',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A signed order form',
    });
    const second = await makeCommitment(mara, {
      what: 'Book the security review',
      owner: 'Dana',
      due: '2026-11-30',
      outcome: 'IT signs off',
    });
    ids = [first.commitment.id, second.commitment.id];
    await db.updateTable('commitments').set({ meeting_id: meeting.id }).execute();
    team.clock.set(TUESDAY);
    await endMeeting(mara, formatId('meeting', meeting.id));
    await wrapup(mara, formatId('meeting', meeting.id), { send: true, cc: [] });
    server = await served(database, {
      scheduler: true,
      clock: new ManualClock(TUESDAY),
      server: { smtpUrl: smtp.url },
    });
  });
  afterEach(async () => {
    await server.stop();
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  it('Dana agrees to one step and proposes a new date for the other; Mara hears it and her next agenda opens with it', async () => {
    await smtp.until(() => smtp.received.length === 2);
    const toDana = smtp.received.find((m) => m.text?.includes('## Your steps: do you agree?'));
    const toMara = smtp.received.find((m) => m !== toDana);
    assert.deepEqual(smtp.envelopes.flat().sort(), ['dana@northwind.example', 'mara@northwind.example']);
    assert.doesNotMatch(toMara?.text ?? '', /do you agree/, 'only the owner is asked');
    const links = [
      ...(toDana?.text ?? '').matchAll(
        /^ {3}- (I agree|Propose another date or approach|I need something \(resources, help\)): (\S+)$/gm,
      ),
    ].map((m) => [m[1], (m[2] as string).replace('http://127.0.0.1:3000', server.url)]);
    assert.deepEqual(
      links.map(([label]) => label),
      [
        'I agree',
        'Propose another date or approach',
        'I need something (resources, help)',
        'I agree',
        'Propose another date or approach',
        'I need something (resources, help)',
      ],
    );
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    // Opening a link changes nothing: mail programs open links by themselves.
    await page.goto(links[0]?.[1] as string);
    assert.equal(
      (
        await db
          .selectFrom('commitments')
          .select('agreed_at')
          .where('id', '=', ids[0] as number)
          .executeTakeFirstOrThrow()
      ).agreed_at,
      null,
    );
    await page.getByRole('button', { name: 'I agree' }).click();
    await page.waitForSelector('h1:text("Thank you")');

    await page.goto(links[4]?.[1] as string);
    assert.equal(await page.locator('form h2').first().textContent(), 'Propose another date or approach');
    await page.getByLabel('A date that works').fill('Dec 10');
    await page.getByLabel('Another approach').fill('IT is at a conference until the 9th');
    await page.getByRole('button', { name: 'Send my proposal' }).click();
    await page.waitForSelector('h1:text("Thank you")');
    assert.equal(
      await page.locator('main p').textContent(),
      'Mara Chen has your proposal by mail; it heads your next 1:1.',
    );
    // Each link answers once.
    await page.goto(links[0]?.[1] as string);
    assert.equal(await page.locator('h1').textContent(), 'Answered already');

    await smtp.until(() => smtp.received.length === 3);
    assert.equal(
      smtp.received[2]?.subject,
      'Dana Ruiz proposes another date or approach: Book the security review',
    );
    assert.match(
      smtp.received[2]?.text ?? '',
      /proposes a new date, Thu 10 Dec: IT is at a conference until the 9th\./,
    );
    assert.deepEqual(smtp.envelopes[2], ['mara@northwind.example']);

    await server.stop();
    const unagreed = await ftOk(database, TUESDAY, ['list', '--unagreed', '--json']);
    assert.deepEqual(
      unagreed.json<{ commitments: { id: string }[] }>().commitments.map((c) => c.id),
      [formatId('commitment', ids[1] as number)],
    );
    const stats = (
      await ftOk(database, '2026-11-25T15:00:00Z', ['stats', '--person', 'dana@northwind.example', '--json'])
    ).json<Record<string, unknown>>();
    assert.deepEqual(
      [stats.delegated, stats.agreedInADay, stats.agreementRate, stats.proposed, stats.askedForHelp],
      [2, 1, 0.5, 1, 0],
    );
    const next = await ftOk(database, '2026-11-25T15:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      'dana@northwind.example',
    ]);
    assert.match(
      next.stdout,
      /Dana Ruiz proposes a new date, Thu 10 Dec: IT is at a conference until the 9th/,
    );
    // Mara takes the proposal: moving the step to that date agrees it, and it waits no more.
    await ftOk(database, '2026-11-25T16:00:00Z', [
      'move',
      formatId('commitment', ids[1] as number),
      '--due',
      '2026-12-10',
      '--reason',
      'IT is at a conference',
    ]);
    const after = await ftOk(database, '2026-11-25T16:00:00Z', ['list', '--unagreed', '--json']);
    assert.deepEqual(after.json<{ commitments: unknown[] }>().commitments, []);
  });

  it('a link stops working once its step has another owner, who is asked anew', async () => {
    await smtp.until(() => smtp.received.length === 2);
    const toDana = smtp.received.find((m) => m.text?.includes('## Your steps: do you agree?'));
    const link = /^ {3}- I agree: (\S+)$/m.exec(toDana?.text ?? '')?.[1] as string;
    await server.stop();
    await ftOk(database, TUESDAY, [
      'reassign',
      formatId('commitment', ids[0] as number),
      '--owner',
      'mara@northwind.example',
      '--reason',
      'Dana is out',
    ]);
    server = await served(database, { now: TUESDAY });
    const page = await fetch(link.replace('http://127.0.0.1:3000', server.url));
    assert.equal(page.status, 404);
    assert.match(await page.text(), /This link does not work/);
    const step = await db
      .selectFrom('commitments')
      .selectAll()
      .where('id', '=', ids[0] as number)
      .executeTakeFirstOrThrow();
    assert.deepEqual([step.agreed_at, step.proposal, step.agreement_answered_at], [null, null, null]);
  });

  it('an ask for help heads the agenda until the step is recorded agreed with ft agree', async () => {
    await server.stop();
    const org = await db.selectFrom('organizations').selectAll().executeTakeFirstOrThrow();
    const dana = await db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 'dana@northwind.example')
      .executeTakeFirstOrThrow();
    await answerAgreement({ db, clock: new ManualClock(TUESDAY), org, actor: dana }, ids[1] as number, {
      kind: 'help',
      need: 'A login to the customer’s test system',
    });
    const step = formatId('commitment', ids[1] as number);
    const agenda = () =>
      ftOk(database, '2026-11-25T15:00:00Z', ['agenda', '--with', 'dana@northwind.example']).then(
        (r) => r.stdout,
      );
    assert.match(await agenda(), /Dana Ruiz needs A login to the customer’s test system/);

    // A step its owner set themselves needs no agreement.
    const mine = await ftOk(database, TUESDAY, [
      'commit',
      'Book my own travel',
      '--owner',
      'mara@northwind.example',
      '--due',
      '2026-12-01',
      '--json',
    ]);
    const own = mine.json<{ id: string }>().id;
    const refusedOwn = await ft(database, TUESDAY, ['agree', own]);
    assert.equal(refusedOwn.code, 1);
    assert.match(refusedOwn.stderr, /was not delegated: its owner set it themselves\. \[nothing_to_agree\]/);

    const agreed = await ftOk(database, '2026-11-25T16:00:00Z', ['agree', step]);
    assert.equal(agreed.stdout.trim(), `${step} agreed: it waits for its owner's word no more.`);
    assert.doesNotMatch(await agenda(), /needs A login/);
    const unagreed = await ftOk(database, '2026-11-25T16:00:00Z', ['list', '--unagreed', '--json']);
    assert.deepEqual(
      unagreed.json<{ commitments: { id: string }[] }>().commitments.map((c) => c.id),
      [formatId('commitment', ids[0] as number)],
    );
    const again = await ft(database, '2026-11-25T16:00:00Z', ['agree', step]);
    assert.match(again.stderr, /was agreed already\. \[agreed_already\]/);
    const row = await db
      .selectFrom('commitments')
      .select(['agreed_at', 'help_asked'])
      .where('id', '=', ids[1] as number)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      agreed_at: '2026-11-25T16:00:00.000Z',
      help_asked: 'A login to the customer’s test system',
    });
  });
});
