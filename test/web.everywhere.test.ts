import assert from 'node:assert/strict';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import { accessible, chromiumForFile, demoLogin, servedEach, signIn, texts } from './support/browser.js';
import { it, onEachDatabase } from './support/databases.js';
import { scopeOfMember } from './support/seed.js';

const chromium = chromiumForFile();

/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

/** Every main page, with the heading it opens on for Mara (the demo's manager). */
const PAGES: [path: string, heading: string][] = [
  ['/', 'Mara Chen, Tue 1 Dec'],
  ['/m', 'Meetings'],
  ['/m/1', '1:1 with Dana Ruiz'],
  ['/team', 'Mara Chen’s team'],
  ['/insights', 'Insights: Mara Chen’s team'],
  ['/plans', 'Plans'],
  ['/plans/1', 'Acme FY27 expansion'],
  ['/people', 'People'],
  ['/settings', 'Settings'],
  ['/search?q=pricing', '“pricing”'],
];

onEachDatabase(
  'in the browser: everywhere (search, shortcuts, errors, every page without JavaScript)',
  (dialect) => {
    const t = servedEach(dialect, { now: NOW, demo: true });

    const mara = () => demoLogin(t.server, 'mara@northwind.example');

    it('the search box finds steps, people and meetings Mara may see; `?` lists the shortcuts and `g t` goes to the team', async () => {
      const page = await (await chromium.browser.newContext()).newPage();
      await signIn(page, t.server.url, mara().email, mara().password);
      await page.keyboard.press('/');
      await page.keyboard.type('pricing');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${t.server.url}/search?q=pricing`);
      const steps = await texts(page.locator('#steps-title ~ ul.items li a'));
      assert.ok(steps.length > 0);
      for (const what of steps) assert.match(what, /pricing/i);
      const expected = await t.db
        .selectFrom('commitments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('what', 'like', '%pricing%')
        .executeTakeFirstOrThrow();
      assert.equal(steps.length, Math.min(20, Number(expected.n)));
      await accessible(page);

      await page.getByLabel('Search steps, people and meetings').fill('Dana');
      await page.getByLabel('Search steps, people and meetings').press('Enter');
      await page.waitForURL(`${t.server.url}/search?q=Dana`);
      assert.deepEqual(await texts(page.locator('#people-title ~ ul.items li')), [
        'Dana Ruiz dana@northwind.example',
      ]);
      assert.ok((await page.locator('#meetings-title ~ ul.items li').count()) > 0);

      // An id, as lists show them, goes to its page.
      await page.getByLabel('Search steps, people and meetings').fill('m1');
      await page.getByLabel('Search steps, people and meetings').press('Enter');
      await page.waitForURL(`${t.server.url}/m/1`);
      assert.equal(await page.locator('h1').textContent(), '1:1 with Dana Ruiz');

      await page.getByLabel('Search steps, people and meetings').fill('zebra crossing');
      await page.getByLabel('Search steps, people and meetings').press('Enter');
      assert.deepEqual(await texts(page.locator('p.empty')), [
        'Nothing you may see mentions “zebra crossing”. Try fewer words, or part of a name.',
      ]);

      await page.locator('h1').click();
      await page.keyboard.press('?');
      assert.equal(await page.locator('#shortcuts').getAttribute('open'), '');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#shortcuts').getAttribute('open'), null);
      await page.keyboard.press('g');
      await page.keyboard.press('t');
      await page.waitForURL(`${t.server.url}/team`);
      await page.context().close();
    });

    it('Dana searching for a step she may not see by its very words does not find it', async () => {
      const dana = demoLogin(t.server, 'dana@northwind.example');
      const page = await (await chromium.browser.newContext()).newPage();
      await signIn(page, t.server.url, dana.email, dana.password);
      // Mara asks Priya for a step, outside any meeting: nothing of it is Dana's to see.
      const made = await makeCommitment(await scopeOfMember(t.db, 'mara@northwind.example', NOW), {
        what: 'Negotiate the Initech volume discount',
        owner: 'priya@northwind.example',
        due: '2026-12-04',
      });
      await page.goto(`${t.server.url}/search?q=volume%20discount`);
      assert.equal(await page.locator(`a[href="/c/${made.commitment.id}"]`).count(), 0);
      assert.deepEqual(await texts(page.locator('p.empty')), [
        'Nothing you may see mentions “volume discount”. Try fewer words, or part of a name.',
      ]);
      // Mara, who asked for it, finds it.
      const asker = await (await chromium.browser.newContext()).newPage();
      await signIn(asker, t.server.url, mara().email, mara().password);
      await asker.goto(`${t.server.url}/search?q=volume%20discount`);
      assert.deepEqual(await texts(asker.locator('#steps-title ~ ul.items li a')), [
        'Negotiate the Initech volume discount',
      ]);
      await asker.context().close();
      await page.context().close();
    });

    it('a page that does not exist, or a step by a wrong number, is a page that says what to do, not JSON', async () => {
      const page = await (await chromium.browser.newContext()).newPage();
      await signIn(page, t.server.url, mara().email, mara().password);
      for (const path of ['/c/abc', '/nowhere']) {
        const response = await page.goto(`${t.server.url}${path}`);
        assert.equal(response?.status(), 404, path);
        assert.equal(await page.locator('h1').textContent(), 'Not found');
        assert.match(
          (await page.locator('p.error').textContent()) ?? '',
          /A step's page is \/c\/ and its number/,
        );
      }
      await accessible(page);
      const long = await page.goto(`${t.server.url}/search?q=${'x'.repeat(101)}`);
      assert.equal(long?.status(), 400);
      assert.equal(
        await page.locator('#search-error').textContent(),
        'Search for at most 100 characters: a few words.',
      );
      await page.context().close();
    });

    it('the pages before signing in (sign in, sign up, a link that no longer works) pass axe', async () => {
      const page = await (await chromium.browser.newContext()).newPage();
      for (const [path, heading] of [
        ['/', 'Sign in'],
        ['/signup', 'Create your organization'],
        [`/invite/${'A'.repeat(43)}`, 'This invitation cannot be used'],
      ] as const) {
        await page.goto(`${t.server.url}${path}`);
        assert.equal(await page.locator('h1').textContent(), heading, path);
        await accessible(page);
      }
      await page.context().close();
    });

    it('every main page opens and reads without JavaScript, on a phone, and passes axe with it', async () => {
      const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
      const off = await (await chromium.browser.newContext({ ...phone, javaScriptEnabled: false })).newPage();
      await signIn(off, t.server.url, mara().email, mara().password);
      const on = await (await chromium.browser.newContext(phone)).newPage();
      await signIn(on, t.server.url, mara().email, mara().password);
      for (const [path, heading] of PAGES) {
        const response = await off.goto(`${t.server.url}${path}`);
        assert.equal(response?.status(), 200, path);
        assert.equal(await off.locator('h1').textContent(), heading, path);
        // Nothing wider than the phone but tables, which scroll in their own box.
        const overflow = await off.locator('html').evaluate((html) => html.scrollWidth > html.clientWidth);
        assert.equal(overflow, false, `${path} is wider than a phone`);
        await on.goto(`${t.server.url}${path}`);
        await accessible(on);
      }
      await off.context().close();
      await on.context().close();
    });
  },
);
