import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { ManualClock } from '../src/shared/clock.js';
import { launchChromium } from './support/browser.js';
import { ftOk } from './support/cli.js';
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

/** Monday 30 November, 09:00 in New York: Dana's follow-up on Friday's step goes out. */
const MONDAY = '2026-11-30T14:00:00.000Z';

onEachDatabase('a follow-up answered from its mail', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let server: Served;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
    const team = await seedTeam(db, '2026-11-23T15:00:00Z');
    await makeCommitment(team.as(team.manager), {
      what: 'Send revised pricing to Acme',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A signed order form',
      ask: 'Bring the discount approval',
    });
    clock = new ManualClock(MONDAY);
    server = await served(database, { scheduler: true, clock, server: { smtpUrl: smtp.url } });
  });
  afterEach(async () => {
    await server.stop();
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  /** What the database holds of the loop: answers, commitments and their timeline. */
  const state = async () => ({
    followUps: await db.selectFrom('follow_ups').selectAll().orderBy('id').execute(),
    commitments: await db.selectFrom('commitments').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('commitment_events').selectAll().orderBy('id').execute(),
  });

  it('the seller clicks Not done on a phone, answers, and the answer and next step head the next 1:1', async () => {
    await smtp.until(() => smtp.received.length === 1);
    const [mail] = smtp.received;
    assert.equal(mail?.subject, 'How did it go? Send revised pricing to Acme');
    const links = Object.fromEntries(
      [...(mail?.text ?? '').matchAll(/^ {2}(Done|Partly|Not done): (\S+)$/gm)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(Object.keys(links), ['Done', 'Partly', 'Not done']);
    const notDone = links['Not done'] as string;
    assert.match(
      notDone,
      new RegExp(`^${server.url}/answer/\\d+\\.[0-9a-z]+\\.[A-Za-z0-9_-]{24}\\?outcome=not_done$`),
    );
    assert.ok(
      String(mail?.html).includes(`<a href="${notDone.replace(/&/g, '&amp;')}">`),
      'a link in the HTML too',
    );

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(notDone);
    assert.equal(await page.locator('h1').textContent(), 'How did it go?');
    assert.equal(await page.locator('h2').first().textContent(), 'Send revised pricing to Acme');
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Mara Chen asks: “Bring the discount approval”/,
    );
    assert.equal(await page.getByLabel('Not done').isChecked(), true);
    await page.getByLabel('What happened').fill('Legal has not approved the discount yet');
    await page.getByLabel('What did you learn').fill('Discounts over 10% need legal');
    await page.getByLabel('Next step (if there is one)').fill('Send the revised terms to legal');
    await page.getByLabel('By when').fill('next Friday');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.waitForSelector('h1:text("Thank you")');
    assert.equal(
      await page.locator('main p').textContent(),
      'Mara Chen hears your answer. Next step: Send the revised terms to legal.',
    );
    await context.close();

    const [followUp] = (await state()).followUps;
    assert.deepEqual(
      [followUp?.status, followUp?.outcome, followUp?.happened, followUp?.learned],
      ['answered', 'not_done', 'Legal has not approved the discount yet', 'Discounts over 10% need legal'],
    );
    const next = (await state()).commitments.find((c) => c.what === 'Send the revised terms to legal');
    // Read with capture's conventions: on a Monday, "next Friday" is the Friday of next week.
    assert.equal(next?.due_date, '2026-12-11');

    // Mara hears it by mail.
    await smtp.until(() => smtp.received.length === 2);
    assert.equal(smtp.received[1]?.subject, 'Not done: Send revised pricing to Acme');
    assert.match(smtp.received[1]?.text ?? '', /Next step: Send the revised terms to legal, due Fri 11 Dec/);

    // An admin reading the outbox sees where the links go, never their keys.
    const listed = await ftOk(database, MONDAY, ['outbox', '--kind', 'follow_up', '--json']);
    const [body] = listed.json<{ body: string }[]>().map((m) => m.body);
    assert.match(
      body ?? '',
      /Not done: http:\/\/127\.0\.0\.1:\d+\/answer\/\(private link\)\?outcome=not_done/,
    );
    assert.equal(body?.includes(notDone.split('/answer/')[1]?.split('?')[0] as string), false);

    // The link answers once.
    const again = await fetch(notDone);
    assert.equal(again.status, 410);
    assert.match(await again.text(), /Answered already/);

    // Mara's next 1:1 with Dana opens with the answer and the next step.
    await server.stop();
    const meeting = await ftOk(database, '2026-11-30T16:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      'dana@northwind.example',
    ]);
    assert.match(meeting.stdout, /Send the revised terms to legal/);
    assert.match(meeting.stdout, /not done/i);
    assert.match(meeting.stdout, /Legal has not approved the discount yet/);
  });

  it('refuses a forged, tampered, expired or reused link, and a bad answer, changing nothing', async () => {
    await smtp.until(() => smtp.received.length === 1);
    const link = /^ {2}Partly: (\S+)$/m.exec(smtp.received[0]?.text ?? '')?.[1] as string;
    const [, token] = /\/answer\/([^?]+)/.exec(link) as unknown as [string, string];
    const [id, expires, signature] = token.split('.') as [string, string, string];
    const before = await state();
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const forged of [
      `${Number(id) + 1}.${expires}.${signature}`,
      `${id}.${(Number.parseInt(expires, 36) + 86_400).toString(36)}.${signature}`,
      `${id}.${expires}.${flip(signature)}`,
      `${id}.${expires}`,
      'nothing',
    ]) {
      const shown = await fetch(`${server.url}/answer/${forged}?outcome=done`);
      assert.equal(shown.status, 404, forged);
      assert.match(await shown.text(), /This link does not work/);
      assert.equal((await post(`/answer/${forged}`, { outcome: 'done' })).status, 404, forged);
    }
    // A bad answer comes back as typed, with what to change.
    const refused = await post(`/answer/${token}`, {
      outcome: 'partly',
      happened: 'Half the deck is done',
      next: 'Finish the deck',
      nextDue: 'someday',
    });
    assert.equal(refused.status, 400);
    const text = await refused.text();
    assert.match(text, /Half the deck is done/);
    assert.match(text, /value="Finish the deck"/);
    assert.match(text, /role="alert"/);
    assert.deepEqual(await state(), before);

    // Fifteen days on, the link has expired.
    clock.set('2026-12-15T14:00:00.000Z');
    const expired = await fetch(link);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /This link has expired/);
    assert.equal((await post(`/answer/${token}`, { outcome: 'done' })).status, 410);
    const after = await state();
    assert.deepEqual(
      after.followUps.map((f) => f.outcome),
      [null],
    );
    assert.deepEqual(after.commitments, before.commitments);
  });
});
