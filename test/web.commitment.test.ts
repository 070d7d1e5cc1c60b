import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach } from 'node:test';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../src/auth/accounts.usecases.js';
import { createAuth } from '../src/auth/auth.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { accessible, launchChromium, SCREENSHOTS, signIn as signInAt } from './support/browser.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { type Served, served, testSecret } from './support/server.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Tuesday 1 December, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

onEachDatabase('in the browser: the day, a step’s page, a follow-up answered', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  let ids: { pricing: number; review: number };
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    const team = await seedTeam(db, '2026-11-24T15:00:00Z');
    const mara = team.as(team.manager);
    const pricing = await makeCommitment(mara, {
      what: 'Send revised pricing to Acme',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A signed order form',
    });
    const review = await makeCommitment(team.as(team.seller), {
      what: 'Book the security review',
      owner: 'Dana',
      due: '2026-12-01',
      outcome: 'IT signs off',
    });
    ids = { pricing: pricing.commitment.id, review: review.commitment.id };
    const auth = await createAuth(
      db,
      { secret: testSecret, baseURL: 'http://127.0.0.1' },
      pino({ level: 'silent' }),
    );
    await createAccount({ db, clock: team.clock, auth }, team.manager, 'mara password 1');
    await createAccount({ db, clock: team.clock, auth }, team.seller, 'dana password 1');
    server = await served(database, { now: NOW });
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  const signIn = async (page: Page, email: string, password: string) => {
    await signInAt(page, server.url, email, password);
    assert.equal(await page.locator('h2').first().textContent(), 'Overdue');
  };

  it('Mara moves a date with its reason, and the timeline says so in a sentence; a move without a reason is refused, keeping what was typed', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'mara@northwind.example', 'mara password 1');
    // From her day (her team's step is not on it: she goes by its id).
    await page.goto(`${server.url}/c/${ids.pricing}`);
    assert.equal(await page.locator('h1').textContent(), 'Send revised pricing to Acme');
    await accessible(page);

    // Refused: no reason. Nothing changes, and the date typed is still there.
    await page.locator('summary', { hasText: 'Move the date' }).click();
    await page.getByLabel('New date').fill('Dec 3');
    await page.getByLabel('Why it moves').evaluate((input) => input.removeAttribute('required'));
    await page.getByRole('button', { name: 'Move the date' }).click();
    await page.locator('#move-error').waitFor();
    assert.match((await page.locator('#move-error').textContent()) ?? '', /reason/i);
    assert.equal(await page.getByLabel('New date').inputValue(), 'Dec 3');
    const unchanged = await db
      .selectFrom('commitments')
      .select('due_date')
      .where('id', '=', ids.pricing)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.due_date, '2026-11-27');

    await page.getByLabel('Why it moves').fill('waiting for legal');
    await page.getByRole('button', { name: 'Move the date' }).click();
    await page.locator('p.saved').waitFor();
    assert.equal(await page.locator('p.saved').textContent(), 'The date moved; its follow-up moved with it.');
    const timeline = await page.locator('ol.timeline li').allTextContents();
    assert.match(
      timeline.at(-1) ?? '',
      /Mara Chen moved the date from Fri 27 Nov to Thu 3 Dec: waiting for legal\.$/,
    );
    assert.match(timeline[0] ?? '', /Mara Chen made it, owned by Dana Ruiz, due Fri 27 Nov\.$/);
    const moved = await db
      .selectFrom('commitments')
      .select(['due_date', 'renegotiations'])
      .where('id', '=', ids.pricing)
      .executeTakeFirstOrThrow();
    assert.deepEqual(moved, { due_date: '2026-12-03', renegotiations: 1 });
    await page.screenshot({ path: new URL('commitment.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it('Dana marks a step done from her day, in place, on a phone and without JavaScript', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
    // Her day on a phone, as it looks and reads (axe runs in the page: with JavaScript).
    const looking = await (await browser.newContext(phone)).newPage();
    await signIn(looking, 'dana@northwind.example', 'dana password 1');
    await accessible(looking);
    await looking.screenshot({ path: new URL('day.png', SCREENSHOTS).pathname, fullPage: true });
    await looking.context().close();

    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'dana@northwind.example', 'dana password 1');
    await page.getByRole('button', { name: 'Mark done: Book the security review' }).click();
    assert.equal(page.url(), `${server.url}/?saved=done`);
    assert.equal(await page.locator('h2').first().textContent(), 'Overdue');
    assert.equal(await page.getByRole('button', { name: 'Mark done: Book the security review' }).count(), 0);
    const done = await db
      .selectFrom('commitments')
      .select(['status', 'done_on'])
      .where('id', '=', ids.review)
      .executeTakeFirstOrThrow();
    assert.deepEqual(done, { status: 'done', done_on: '2026-12-01' });

    // Her other step moves in place too, with its reason (a disclosure: no script needed).
    await page.getByLabel('Move the date: Send revised pricing to Acme').click();
    await page.getByLabel('New date').fill('Dec 4');
    await page.getByLabel('Why it moves').fill('Legal asked for a week');
    await page.getByRole('button', { name: 'Move the date' }).click();
    assert.equal(page.url(), `${server.url}/?saved=move`);
    const moved = await db
      .selectFrom('commitments')
      .select(['due_date', 'renegotiations'])
      .where('id', '=', ids.pricing)
      .executeTakeFirstOrThrow();
    assert.deepEqual(moved, { due_date: '2026-12-04', renegotiations: 1 });
    await context.close();
  });

  it('a step one may not see is not found, and a form from another site is refused', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'dana@northwind.example', 'dana password 1');
    const missing = await page.goto(`${server.url}/c/999`);
    assert.equal(missing?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Not found');
    // Said as a page says it: no command line to go and type.
    assert.equal(await page.locator('p.error').textContent(), 'No commitment c999.');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${server.url}/c/${ids.review}/done`, {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://elsewhere.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'note=x',
      redirect: 'manual',
    });
    assert.equal(forged.status, 403);
    // Refused by the rules, not by a field: the page says why all the same, in its own words.
    const selfSet = await fetch(`${server.url}/c/c${ids.review}/agree`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    assert.equal(selfSet.status, 409);
    assert.match(
      await selfSet.text(),
      new RegExp(
        `<p class="error" role="alert" id="agree-error">c${ids.review} was not delegated: its owner set it themselves\\.</p>`,
      ),
    );
    const still = await db
      .selectFrom('commitments')
      .select('status')
      .where('id', '=', ids.review)
      .executeTakeFirstOrThrow();
    assert.equal(still.status, 'open');
    await page.close();
  });

  it('Dana answers a follow-up from her day on a phone; Mara’s day shows the answer and its next step', async () => {
    // Monday 30 November, 09:00 in New York: the pricing's follow-up went out.
    await server.stop();
    const sent = await ftOk(database, '2026-11-30T14:00:00Z', ['tick', '--json']);
    assert.equal(sent.json<{ sent: number }>().sent, 1);
    server = await served(database, { now: NOW });
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'dana@northwind.example', 'dana password 1');
    const waiting = phone.locator('section.card', { hasText: 'Follow-ups waiting for your answer' });
    // In place, on her day: the answer opens under the follow-up.
    await waiting.getByText('Answer here').click();
    await accessible(phone);
    await waiting.getByLabel('Not done').check();
    await waiting.getByLabel('What happened').fill('Legal has not approved the discount yet');
    await waiting.getByLabel("What's next (optional)").fill('Send the revised terms to legal');
    await waiting.getByLabel('By when').fill('Friday');
    await waiting.getByRole('button', { name: 'Send my answer' }).click();
    await phone.waitForURL(`${server.url}/?saved=answered`);
    assert.equal(await phone.locator('p.saved').textContent(), 'Your answer is in: whoever asked hears it.');
    assert.equal(await waiting.locator('li').count(), 0);
    // Its page, answered already, says so and leads back to her day.
    await phone.goto(`${server.url}/f/1`);
    await phone.getByRole('link', { name: 'Back to your day' }).click();
    await phone.waitForURL(`${server.url}/`);
    await phone.context().close();

    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'mara@northwind.example', 'mara password 1');
    const answers = page.locator('section.card', { hasText: 'Answers for you' }).locator('li');
    assert.deepEqual(
      (await answers.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
      [
        `f1Dana Ruiz: Send revised pricing to Acme: not donewhat happened: Legal has not approved the discount yetnext step: c${ids.review + 1}`,
      ],
    );
    await accessible(page);
    await page.screenshot({ path: new URL('manager-day.png', SCREENSHOTS).pathname, fullPage: true });
    await page.context().close();
  });
});
