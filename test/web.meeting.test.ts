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

/** Six lines of a 1:1's notes, and what each shows as it is typed. */
const NOTES: [string, RegExp][] = [
  [
    'Dana to send revised pricing to Acme by Friday so that legal can sign',
    /^→ Dana Ruiz · Send revised pricing to Acme · due Fri 4 Dec \(in 3 days\) · so that legal can sign$/,
  ],
  ['Jordan will book the security review with Jo Park by Dec 8', /Jordan\? \(nobody here by that name\)/],
  ['Good call, the champion is engaged', /^A note, not a next step\.$/],
  ['Someone needs to chase the Initech PO', /no owner.*⚠ limbo/],
  ['I’ll just call Rita myself and sort out the renewal', /⚑ buy-back/],
  ['Dana will prepare the QBR deck by next Wednesday', /^→ Dana Ruiz · Prepare the QBR deck · due Wed 9 Dec/],
];

onEachDatabase('in the browser: a 1:1 run on its meeting page', (dialect) => {
  const t = servedEach(dialect, { now: NOW, demo: true });

  it('Mara starts a 1:1 with Dana, types six lines watching each preview, fixes an unknown owner, ends it and sends the wrap-up', async () => {
    const page = await (await chromium.browser.newContext()).newPage();
    const mara = demoLogin(t.server, 'mara@northwind.example');
    await signIn(page, t.server.url, mara.email, mara.password);
    await page.getByRole('link', { name: 'Meetings' }).click();
    await page.getByLabel('Kind').selectOption('one_on_one');
    await page.getByLabel('With').fill('dana@northwind.example');
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await page.waitForURL(/\/m\/\d+/);
    const meetingId = Number(new URL(page.url()).pathname.split('/')[2]);
    assert.equal(await page.locator('h1').textContent(), '1:1 with Dana Ruiz');
    // The agenda starts with what is still pending of Dana's.
    assert.ok((await page.locator('#agenda-title ~ ul.items li').count()) > 0);
    await accessible(page);

    const line = page.getByLabel('Next line of notes');
    for (const [index, [text, shows]] of NOTES.entries()) {
      await line.fill(text);
      // What the line becomes shows as it is typed, before anything is saved.
      await page
        .locator('#preview p', { hasText: shows })
        .waitFor({ timeout: 5000 })
        .catch(async () =>
          assert.match(await page.locator('#preview').innerText(), shows, `line ${index + 1}`),
        );
      await line.press('Enter');
      await page.locator('ol.notes > li').nth(index).waitFor();
      assert.equal(await line.inputValue(), '');
    }
    assert.deepEqual(
      await texts(page.locator('ol.notes > li > p.line')),
      NOTES.map(([text]) => text),
    );
    await page.screenshot({ path: new URL('meeting.png', SCREENSHOTS).pathname, fullPage: true });
    await accessible(page);

    // Jordan is nobody here: Sam owns it.
    const unknown = page.locator('ol.notes > li', { hasText: 'Jordan' });
    // A name nobody has either is refused on the meeting page, which Mara stays on.
    await unknown.getByLabel(/Owner of c\d+/).fill('Zorro');
    await unknown.getByRole('button', { name: 'Set owner' }).click();
    assert.match((await page.locator('p.error').textContent()) ?? '', /^c\d+: Nobody called "Zorro" here\.$/);
    assert.equal(await page.locator('h1').textContent(), '1:1 with Dana Ruiz');
    await unknown.getByLabel(/Owner of c\d+/).fill('sam@northwind.example');
    await unknown.getByRole('button', { name: 'Set owner' }).click();
    await page.waitForURL(/\/m\/\d+#notes$/);
    assert.match(
      (await page.locator('ol.notes > li', { hasText: 'Jordan' }).locator('p.becomes').innerText()).trim(),
      /^→ c\d+ Sam Patel · Book the security review with Jo Park · due Tue 8 Dec \(in 7 days\)/,
    );

    await page.getByRole('button', { name: 'End the meeting' }).click();
    await page.locator('#wrapup-title').waitFor();
    const wrapup = page.locator('#wrapup');
    assert.match(await wrapup.locator('pre').first().innerText(), /Attendees: Mara Chen, Dana Ruiz/);
    // Named in a step but not in the room: Sam is copied in; Jo, a customer, only if Mara says so.
    assert.equal(await wrapup.getByLabel('Sam Patel').isChecked(), true);
    assert.equal(await wrapup.getByLabel(/Jo Park/).isChecked(), false);
    await accessible(page);
    await page.getByRole('button', { name: 'Send the wrap-up' }).click();
    await page.locator('p.saved', { hasText: 'The wrap-up is on its way' }).waitFor();
    const sent = await t.db
      .selectFrom('outbox')
      .select('recipient_email')
      .where('kind', '=', 'wrapup')
      .where('meeting_id', '=', meetingId)
      .orderBy('recipient_email')
      .execute();
    assert.deepEqual(
      sent.map((r) => r.recipient_email),
      ['dana@northwind.example', 'mara@northwind.example', 'sam@northwind.example'],
    );
    await page.context().close();
  });
});

onEachDatabase(
  'in the browser: meetings without JavaScript, and a new organization with nothing yet',
  (dialect) => {
    const t = servedEach(dialect, { now: NOW, demo: true });

    it('without JavaScript, Mara previews a line, saves it with Enter, ends the meeting and sends the wrap-up', async () => {
      const mara = demoLogin(t.server, 'mara@northwind.example');
      const context = await chromium.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await signIn(page, t.server.url, mara.email, mara.password);
      await page.goto(`${t.server.url}/m`);
      await page.getByLabel('Kind').selectOption('one_on_one');
      await page.getByLabel('With').fill('Ana');
      await page.getByRole('button', { name: 'Start the meeting' }).click();
      await page.waitForURL(/\/m\/\d+\?saved=started$/);
      const meetingId = Number(new URL(page.url()).pathname.split('/')[2]);
      assert.equal(await page.locator('h1').textContent(), '1:1 with Ana Souza');

      const line = page.getByLabel('Next line of notes');
      await line.fill('Ana to send the Stark proposal by Thursday so that Omar can review it');
      await page.getByRole('button', { name: 'Preview it first' }).click();
      await page.waitForURL(`${t.server.url}/m/${meetingId}/notes`);
      assert.equal(
        (await page.locator('#preview p.becomes').innerText()).trim(),
        '→ Ana Souza · Send the Stark proposal · due Thu 3 Dec (in 2 days) · so that Omar can review it',
      );
      // Previewed, not saved: the line is still typed, and no step was made.
      assert.equal(
        await line.inputValue(),
        'Ana to send the Stark proposal by Thursday so that Omar can review it',
      );
      assert.equal(await page.locator('ol.notes > li').count(), 0);
      await line.press('Enter');
      await page.waitForURL(`${t.server.url}/m/${meetingId}#line`);
      assert.deepEqual(await texts(page.locator('ol.notes > li > p.line')), [
        'Ana to send the Stark proposal by Thursday so that Omar can review it',
      ]);
      // An empty line is refused, saying what to do.
      await page.getByRole('button', { name: 'Save the line' }).click();
      assert.equal((await page.locator('#line-error').textContent())?.trim(), 'Type a line of notes first.');

      await page.getByRole('button', { name: 'End the meeting' }).click();
      await page.waitForURL(`${t.server.url}/m/${meetingId}?saved=ended#wrapup`);
      await page.getByRole('button', { name: 'Send the wrap-up' }).click();
      await page.waitForURL(`${t.server.url}/m/${meetingId}?saved=wrapup#wrapup`);
      const sent = await t.db
        .selectFrom('outbox')
        .select('recipient_email')
        .where('kind', '=', 'wrapup')
        .where('meeting_id', '=', meetingId)
        .orderBy('recipient_email')
        .execute();
      assert.deepEqual(
        sent.map((r) => r.recipient_email),
        ['ana@northwind.example', 'mara@northwind.example'],
      );
      // Sent once: the page says when, and offers no second send.
      assert.equal(await page.getByRole('button', { name: 'Send the wrap-up' }).count(), 0);
      await context.close();
    });

    it('a new organization: its day and its meetings say what to do first; a meeting with nobody known is refused, keeping what was typed', async () => {
      const page = await (await chromium.browser.newContext()).newPage();
      await page.goto(`${t.server.url}/signup`);
      await page.getByLabel('Organization').fill('Contoso');
      await page.getByLabel('Time zone').fill('Europe/Berlin');
      await page.getByLabel('Your name').fill('Uli Brandt');
      await page.getByLabel('E-mail').fill('uli@contoso.example');
      await page.getByLabel('Password (8 characters or more)').fill('a long password');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(`${t.server.url}/`);
      assert.deepEqual(await texts(page.locator('p.empty')), [
        'Nothing overdue.',
        'Nothing due today.',
        'Nothing else this week.',
        'No follow-up waits for you.',
        'No answers this week.',
        'No wrap-up owed.',
      ]);
      // A day with nothing at all says where to start.
      assert.equal(await page.locator('#start-title').textContent(), 'Nothing on your plate yet');
      await accessible(page);
      await page.getByRole('link', { name: 'start a 1:1 or a review' }).click();
      await page.waitForURL(`${t.server.url}/m`);
      assert.deepEqual(await texts(page.locator('p.empty')), [
        'No meeting yet: start one above, and its notes become next steps as you type.',
      ]);
      await accessible(page);
      await page.getByLabel('With').fill('dana@northwind.example');
      await page.getByRole('button', { name: 'Start the meeting' }).click();
      assert.match((await page.locator('#start-error').textContent()) ?? '', /dana@northwind\.example/);
      assert.equal(await page.getByLabel('With').inputValue(), 'dana@northwind.example');
      const meetings = await t.db
        .selectFrom('meetings')
        .innerJoin('organizations', 'organizations.id', 'meetings.organization_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organizations.name', '=', 'Contoso')
        .executeTakeFirstOrThrow();
      assert.equal(Number(meetings.n), 0);
      await page.context().close();
    });
  },
);
