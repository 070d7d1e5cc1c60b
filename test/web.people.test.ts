import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { accessible, chromiumForFile, SCREENSHOTS, servedEach, signIn, texts } from './support/browser.js';
import { it, onEachDatabase } from './support/databases.js';

const chromium = chromiumForFile();

/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

onEachDatabase('in the browser: people and settings', (dialect) => {
  const t = servedEach(dialect, { now: NOW });

  /** Uli signs Contoso up from the sign-up page: a new organization, with Uli its admin. */
  async function signUp(page: Page) {
    await page.goto(`${t.server.url}/signup`);
    await page.getByLabel('Organization').fill('Contoso');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByLabel('Your name').fill('Uli Brandt');
    await page.getByLabel('E-mail').fill('uli@contoso.example');
    await page.getByLabel('Password (8 characters or more)').fill('a long password');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(`${t.server.url}/`);
  }

  it('Uli, the admin of a new organization, invites Vera; Vera follows the link, chooses a password and lands on her day, reporting to Uli', async () => {
    const page = await (await chromium.browser.newContext()).newPage();
    await signUp(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'People' }).click();
    assert.deepEqual(await texts(page.locator('p.empty')), [
      'Only you so far: invite your team below. Each gets a link to choose a password.',
      'None yet: a contact is added when notes or a step name them, or with ft person add --contact.',
    ]);
    await accessible(page);

    // A mistyped address is refused, keeping what was typed; nobody is added.
    await page.getByLabel('Name', { exact: true }).fill('Vera Lang');
    await page.getByLabel('E-mail').fill('vera@contoso');
    await page.getByLabel('E-mail').evaluate((input) => input.setAttribute('type', 'text'));
    await page.getByLabel('Reports to (optional)').fill('uli@contoso.example');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    assert.match((await page.locator('#invite-error').textContent()) ?? '', /vera@contoso/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Vera Lang');
    assert.deepEqual(
      await t.db.selectFrom('people').select('id').where('name', '=', 'Vera Lang').execute(),
      [],
    );

    await page.getByLabel('E-mail').fill('vera@contoso.example');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.waitForURL(`${t.server.url}/people?saved=invited`);
    assert.deepEqual(
      await texts(page.locator('#the-team-title ~ ul.items li .meta').filter({ hasText: 'no account yet' })),
      ['no account yet · reports to Uli Brandt · Europe/Berlin'],
    );
    await page.screenshot({ path: new URL('people.png', SCREENSHOTS).pathname, fullPage: true });
    // The invitation as it waits in the outbox, which an admin reads.
    await page.goto(`${t.server.url}/outbox`);
    assert.equal(await page.locator('article.mail').count(), 1);
    await accessible(page);
    await page.context().close();

    const mail = await t.db
      .selectFrom('outbox')
      .select(['recipient_email', 'subject', 'body'])
      .where('kind', '=', 'invitation')
      .executeTakeFirstOrThrow();
    assert.equal(mail.recipient_email, 'vera@contoso.example');
    assert.equal(mail.subject, 'Uli Brandt invited you to Contoso on Followthrough');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43})/.exec(mail.body)?.[1];
    assert.ok(link, mail.body);

    const vera = await (
      await chromium.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await vera.goto(link);
    assert.equal(await vera.locator('h1').textContent(), 'Welcome to Contoso, Vera Lang');
    await accessible(vera);
    await vera.getByLabel('Choose a password (8 characters or more)').fill('veras own password');
    await vera.getByRole('button', { name: 'Make my account' }).click();
    await vera.waitForURL(`${t.server.url}/`);
    assert.match((await vera.locator('h1').textContent()) ?? '', /^Vera Lang, /);
    // The link worked once.
    await vera.goto(link);
    assert.equal(await vera.locator('h1').textContent(), 'This invitation cannot be used');
    await vera.context().close();

    const again = await (await chromium.browser.newContext()).newPage();
    await signIn(again, t.server.url, 'vera@contoso.example', 'veras own password');
    await again.context().close();
  });

  it('Uli sets when follow-ups go out and sees his calendar address; a bad hour is refused and changes nothing', async () => {
    const page = await (await chromium.browser.newContext()).newPage();
    await signUp(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    const address = await page.getByLabel('Calendar address (keep it secret)').inputValue();
    assert.match(address, /\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    // One session, this one (its start is the accounts library's own clock, not the server's).
    const sessions = await texts(page.locator('#where-you-are-signed-in-title ~ ul.items li .meta'));
    assert.equal(sessions.length, 1);
    assert.match(sessions[0] ?? '', /^since \w{3} \d{1,2} \w{3}( \d{4})? \d{2}:\d{2} · this browser$/);
    await accessible(page);
    await page.screenshot({ path: new URL('settings.png', SCREENSHOTS).pathname, fullPage: true });

    await page.getByLabel('Hour of the day (0–23, in each owner’s time zone)').fill('25');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match((await page.locator('#org-error').textContent()) ?? '', /0 to 23/);
    assert.equal(
      await page.getByLabel('Hour of the day (0–23, in each owner’s time zone)').inputValue(),
      '25',
    );
    const before = await t.db
      .selectFrom('organizations')
      .select(['follow_up_hour', 'follow_up_offset_days'])
      .where('name', '=', 'Contoso')
      .executeTakeFirstOrThrow();
    assert.deepEqual(before, { follow_up_hour: 9, follow_up_offset_days: 1 });

    await page.getByLabel('Hour of the day (0–23, in each owner’s time zone)').fill('8');
    await page.getByLabel('Working days after the due date (1–20)').fill('2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.server.url}/settings?saved=organization`);
    const after = await t.db
      .selectFrom('organizations')
      .select(['follow_up_hour', 'follow_up_offset_days'])
      .where('name', '=', 'Contoso')
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { follow_up_hour: 8, follow_up_offset_days: 2 });

    // A new address: the old one answers 404 from now on.
    await page.getByRole('button', { name: /Make a new address/ }).click();
    await page.waitForURL(`${t.server.url}/settings?saved=calendar`);
    assert.notEqual(await page.getByLabel('Calendar address (keep it secret)').inputValue(), address);
    const old = await fetch(`${t.server.url}${new URL(address).pathname}`);
    assert.equal(old.status, 404);

    // Signed in elsewhere too: signed out there from here, that browser is back at sign-in.
    const elsewhere = await (await chromium.browser.newContext()).newPage();
    await signIn(elsewhere, t.server.url, 'uli@contoso.example', 'a long password');
    await page.reload();
    await page.getByRole('button', { name: 'Sign out there' }).click();
    await page.waitForURL(`${t.server.url}/settings?saved=revoked`);
    assert.equal(await page.getByRole('button', { name: 'Sign out there' }).count(), 0);
    await elsewhere.reload();
    assert.equal(await elsewhere.locator('h1').textContent(), 'Sign in');
    await elsewhere.context().close();
    await page.context().close();
  });

  it('Uli changes Vera’s time zone on her page, then deactivates her, told first what happens to her steps; his own page turns his digest on', async () => {
    const page = await (await chromium.browser.newContext()).newPage();
    await signUp(page);
    await page.goto(`${t.server.url}/people`);
    await page.getByLabel('Name', { exact: true }).fill('Vera Lang');
    await page.getByLabel('E-mail').fill('vera@contoso.example');
    await page.getByLabel('Reports to (optional)').fill('uli@contoso.example');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('link', { name: 'Vera Lang' }).click();
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match((await page.locator('#edit-error').textContent()) ?? '', /Mars\/Olympus/);
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('p.saved').waitFor();
    const vera = await t.db
      .selectFrom('people')
      .select(['time_zone', 'manager_id', 'deactivated_at'])
      .where('email', '=', 'vera@contoso.example')
      .executeTakeFirstOrThrow();
    assert.equal(vera.time_zone, 'America/New_York');
    assert.notEqual(vera.manager_id, null, 'her manager is kept: it was not changed');
    assert.equal(
      (await page.locator('#leave-title ~ p').textContent())?.trim(),
      'Vera Lang owns no open step. Nothing of theirs is deleted; they stop getting mail and signing in.',
    );
    // Her time away over the holidays, recorded and then taken back.
    await page.getByLabel('Away from').fill('Dec 21');
    await page.getByLabel('Back after').fill('Dec 31');
    await page.getByLabel('Note (optional)').fill('Holidays');
    await page.getByRole('button', { name: 'Add time away' }).click();
    await page.locator('p.saved').waitFor();
    assert.deepEqual(await texts(page.locator('#away-title ~ ul.items li > div')), [
      'Mon 21 Dec to Thu 31 DecHolidays',
    ]);
    await accessible(page);
    await page.getByRole('button', { name: 'Remove time away from Mon 21 Dec' }).click();
    await page.locator('p.saved').waitFor();
    assert.deepEqual(await texts(page.locator('#away-title ~ p.empty')), ['None coming up.']);
    await page.getByRole('button', { name: 'Deactivate Vera Lang' }).click();
    await page.waitForURL(`${t.server.url}/people?saved=deactivated`);
    assert.equal(await page.getByRole('link', { name: 'Vera Lang' }).count(), 0);
    const left = await t.db
      .selectFrom('people')
      .select('deactivated_at')
      .where('email', '=', 'vera@contoso.example')
      .executeTakeFirstOrThrow();
    assert.notEqual(left.deactivated_at, null);

    await page.getByRole('link', { name: 'Uli Brandt' }).click();
    await page.getByLabel('A daily digest at 08:00 on working days').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('p.saved').waitFor();
    const uli = await t.db
      .selectFrom('people')
      .select('daily_digest')
      .where('email', '=', 'uli@contoso.example')
      .executeTakeFirstOrThrow();
    assert.equal(uli.daily_digest, 1);
    await page.context().close();
  });
});
