import assert from 'node:assert/strict';
import {
  accessible,
  chromiumForFile,
  demoLogin,
  SCREENSHOTS,
  servedEach,
  signIn,
  texts,
} from './support/browser.js';
import { it, onEachDatabase } from './support/databases.js';

const chromium = chromiumForFile();

/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

onEachDatabase('in the browser: plans', (dialect) => {
  const t = servedEach(dialect, { now: NOW, demo: true });

  it('Mara adds an opportunity plan and two steps, then closes it as won, dropping what is still open', async () => {
    const login = demoLogin(t.server, 'mara@northwind.example');
    const page = await (await chromium.browser.newContext()).newPage();
    await signIn(page, t.server.url, login.email, login.password);
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
    const made = await t.db.selectFrom('plans').select('id').where('name', '=', 'Initech rollout').execute();
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
    await page.waitForURL(`${t.server.url}/plans/${planId}?saved=won`);
    assert.equal(await page.locator('p.saved').textContent(), 'Closed as won.');
    const plan = await t.db
      .selectFrom('plans')
      .select(['outcome', 'ends_on'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(plan, { outcome: 'won', ends_on: '2027-03-31' });
    const steps = await t.db
      .selectFrom('commitments')
      .select(['what', 'status'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
    assert.deepEqual(steps, [
      { what: 'Send the MSA redline', status: 'dropped' },
      { what: 'Book the exec sponsor call', status: 'dropped' },
    ]);
    const reasons = await t.db
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
    const pending = await t.db
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
    const mara = demoLogin(t.server, 'mara@northwind.example');
    const sam = demoLogin(t.server, 'sam@northwind.example');
    const page = await (await chromium.browser.newContext()).newPage();
    await signIn(page, t.server.url, mara.email, mara.password);
    await page.goto(`${t.server.url}/plans`);
    await page.getByLabel('Name', { exact: true }).fill('Globex pilot');
    await page.getByLabel('Owner (name or e-mail)').fill('Dana');
    await page.getByRole('button', { name: 'Add the plan' }).click();
    await page.waitForURL(/\/plans\/\d+\?saved=added$/);
    const planId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.context().close();

    const other = await (await chromium.browser.newContext()).newPage();
    await signIn(other, t.server.url, sam.email, sam.password);
    const hidden = await other.goto(`${t.server.url}/plans/${planId}`);
    assert.equal(hidden?.status(), 404);
    const cookie = (await other.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(`${t.server.url}/plans/${planId}/close`, {
      method: 'POST',
      headers: { cookie, origin: t.server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=lost&openItems=drop',
      redirect: 'manual',
    });
    assert.equal(forged.status, 404);
    const plan = await t.db
      .selectFrom('plans')
      .select('outcome')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.equal(plan.outcome, 'open');
    await other.context().close();
  });
});
