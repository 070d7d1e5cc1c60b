import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Db } from '../src/db/database.js';
import { accessible, launchChromium, SCREENSHOTS, signIn, texts } from './support/browser.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { type Served, served } from './support/server.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

onEachDatabase('in the browser: plans', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database, { now: NOW, demo: true });
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  it('Mara adds an opportunity plan and two steps, then closes it as won, dropping what is still open', async () => {
    const login = server.demo.find((l) => l.email === 'mara@northwind.example');
    assert.ok(login);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server.url, login.email, login.password);
    await page.getByRole('link', { name: 'Plans' }).click();
    // The demo's plans, each with what is open; one has no next step.
    assert.deepEqual(await texts(page.locator('#open-plans-title ~ ul.items li')), [
      'p1Acme FY27 expansionOpportunity plan · Dana Ruiz · 1 open step · ends Mon 4 Jan 2027',
      'p2Globex renewalAccount plan · Sam Patel · 0 open stepsNo next step.',
    ]);
    await accessible(page);

    // An owner nobody here is: refused, with what was typed kept.
    await page.getByLabel('Name', { exact: true }).fill('Initech rollout');
    await page.getByLabel('Owner (name or e-mail)').fill('Jordan');
    await page.getByLabel('The customer’s company (optional)').fill('Initech');
    await page.getByRole('button', { name: 'Add the plan' }).click();
    assert.match((await page.locator('#add-error').textContent()) ?? '', /Jordan/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Initech rollout');
    assert.equal(await page.getByLabel('The customer’s company (optional)').inputValue(), 'Initech');
    const made = await db.selectFrom('plans').select('id').where('name', '=', 'Initech rollout').execute();
    assert.deepEqual(made, []);

    await page.getByLabel('Owner (name or e-mail)').fill('Dana');
    await page.getByLabel('What winning looks like (optional)').fill('A three-year renewal, signed');
    await page.getByLabel('Ends (optional)').fill('March 31');
    await page.getByRole('button', { name: 'Add the plan' }).click();
    await page.waitForURL(/\/plans\/\d+\?saved=added$/);
    const planId = Number(new URL(page.url()).pathname.split('/')[2]);
    assert.equal(await page.locator('h1').textContent(), 'Initech rollout');

    for (const [what, owner, due] of [
      ['Send the MSA redline', 'Dana', 'Friday'],
      ['Book the exec sponsor call', 'sam@northwind.example', 'Dec 10'],
    ] as const) {
      await page.getByLabel('What will be done').fill(what);
      await page.getByLabel('Owner (name or e-mail)').fill(owner);
      await page.getByLabel('By when').fill(due);
      await page.getByLabel('The outcome it is for').fill('The renewal is signed');
      await page.getByRole('button', { name: 'Add the step' }).click();
      await page.locator('p.saved').waitFor();
    }
    assert.deepEqual(await texts(page.locator('#open-steps-title ~ ul.items li a')), [
      'Send the MSA redline',
      'Book the exec sponsor call',
    ]);
    assert.match(
      (await page.locator('main dl.fields').innerText()).replace(/\s+/g, ' '),
      /0 of 2 steps done \(0%\)/,
    );
    await accessible(page);
    await page.screenshot({ path: new URL('plan.png', SCREENSHOTS).pathname, fullPage: true });

    await page.getByLabel('Won').check();
    await page.getByLabel(/Drop them/).check();
    await page.getByRole('button', { name: 'Close the plan' }).click();
    await page.waitForURL(`${server.url}/plans/${planId}?saved=won`);
    assert.equal(await page.locator('p.saved').textContent(), 'Closed as won.');
    const plan = await db
      .selectFrom('plans')
      .select(['outcome', 'ends_on'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(plan, { outcome: 'won', ends_on: '2027-03-31' });
    const steps = await db
      .selectFrom('commitments')
      .select(['what', 'status'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
    assert.deepEqual(steps, [
      { what: 'Send the MSA redline', status: 'dropped' },
      { what: 'Book the exec sponsor call', status: 'dropped' },
    ]);
    const reasons = await db
      .selectFrom('commitment_events')
      .innerJoin('commitments', 'commitments.id', 'commitment_events.commitment_id')
      .select('commitment_events.data')
      .where('commitments.plan_id', '=', planId)
      .where('commitment_events.kind', '=', 'dropped')
      .execute();
    assert.deepEqual(
      reasons.map((r) => (JSON.parse(r.data) as { note: string }).note),
      ['The plan was won.', 'The plan was won.'],
    );
    // No follow-up is left to go out for a dropped step.
    const pending = await db
      .selectFrom('follow_ups')
      .innerJoin('commitments', 'commitments.id', 'follow_ups.commitment_id')
      .select('follow_ups.status')
      .where('commitments.plan_id', '=', planId)
      .where('follow_ups.status', '=', 'scheduled')
      .execute();
    assert.deepEqual(pending, []);
    // Closed: nothing more to close or add.
    assert.equal(await page.getByRole('button', { name: 'Close the plan' }).count(), 0);
    await page.context().close();
  });

  it('a plan Mara made for Dana is not found by Sam, who is not above Dana, nor closed by a form he sends', async () => {
    const mara = server.demo.find((l) => l.email === 'mara@northwind.example');
    const sam = server.demo.find((l) => l.email === 'sam@northwind.example');
    assert.ok(mara && sam);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server.url, mara.email, mara.password);
    await page.goto(`${server.url}/plans`);
    await page.getByLabel('Name', { exact: true }).fill('Globex pilot');
    await page.getByLabel('Owner (name or e-mail)').fill('Dana');
    await page.getByRole('button', { name: 'Add the plan' }).click();
    await page.waitForURL(/\/plans\/\d+\?saved=added$/);
    const planId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.context().close();

    const other = await (await browser.newContext()).newPage();
    await signIn(other, server.url, sam.email, sam.password);
    const hidden = await other.goto(`${server.url}/plans/${planId}`);
    assert.equal(hidden?.status(), 404);
    const cookie = (await other.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${server.url}/plans/${planId}/close`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=lost&openItems=drop',
      redirect: 'manual',
    });
    assert.equal(forged.status, 404);
    const plan = await db
      .selectFrom('plans')
      .select('outcome')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.equal(plan.outcome, 'open');
    await other.context().close();
  });
});
