import assert from 'node:assert/strict';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { statsFor } from '../src/stats/stats.usecases.js';
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
import { scopeOfMember } from './support/seed.js';

const chromium = chromiumForFile();

/** Tuesday 1 December 2026, 10:00 in New York. */
const NOW = '2026-12-01T15:00:00.000Z';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

onEachDatabase('in the browser: the team page and the insights', (dialect) => {
  const t = servedEach(dialect, { now: NOW, demo: true });

  /** Whoever runs `ft stats` on the same data, at the same moment, in Mara's zone. */
  const maraScope = () => scopeOfMember(t.db, 'mara@northwind.example', NOW);

  it('the demo’s mails link to where the server is reached, not to the default address', async () => {
    const bodies = (await t.db.selectFrom('outbox').select('body').execute()).map((m) => m.body);
    const linked = bodies.filter((b) => /https?:\/\//.test(b));
    assert.ok(linked.length > 0, 'the demo sent mails with links');
    const elsewhere = linked.flatMap((b) =>
      (b.match(/https?:\/\/[^/\s)>]+/g) ?? []).filter((origin) => origin !== t.server.url),
    );
    assert.deepEqual([...new Set(elsewhere)], []);
  });

  it('Mara’s team page has a row per person that says what `ft stats --person` says, sorts by any column, and draws each rate’s twelve weeks', async () => {
    const login = demoLogin(t.server, 'mara@northwind.example');
    const page = await (
      await chromium.browser.newContext({ viewport: { width: 1100, height: 900 } })
    ).newPage();
    await signIn(page, t.server.url, login.email, login.password);
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await page.waitForURL(`${t.server.url}/team`);
    assert.equal(await page.locator('h1').textContent(), 'Mara Chen’s team');
    const scope = await maraScope();
    const names = await texts(page.locator('table.numbers tbody th'));
    assert.deepEqual(names, ['Mara Chen', 'Ana Souza', 'Dana Ruiz', 'Priya Nair', 'Sam Patel', 'Tom Becker']);
    const rows = await page.locator('table.numbers tbody tr').all();
    let somethingCounted = 0;
    for (const [i, row] of rows.entries()) {
      const person = names[i] as string;
      const { stats: s } = await statsFor(scope, { person });
      somethingCounted += s.due;
      assert.deepEqual(
        (await texts(row.locator('td'))).slice(0, 7),
        [
          String(s.due),
          String(s.doneOnTime),
          percent(s.followThroughRate),
          `${s.followUpsAnswered} of ${s.followUpsSent}`,
          String(s.stalled),
          String(s.limbo),
          String(s.buyBacks),
        ],
        person,
      );
      assert.match(
        (await row.locator('svg.spark').getAttribute('aria-label')) ?? '',
        /^Rate by week: Wed 9 Sep: (–|\d+%)(; \w{3} \d+ \w{3}: (–|\d+%)){11}$/,
      );
    }
    assert.ok(somethingCounted > 0, 'the demo has steps due in the last four weeks');
    await accessible(page);
    await page.screenshot({ path: new URL('team.png', SCREENSHOTS).pathname, fullPage: true });

    // Sorted by rate, highest first: the rates read in that order.
    await page.getByRole('link', { name: 'Rate', exact: true }).click();
    await page.getByRole('link', { name: 'Rate ▲' }).click();
    await page.waitForURL(/sort=rate&dir=desc/);
    const rates = (await texts(page.locator('table.numbers tbody tr td:nth-of-type(3)'))).map((t) =>
      t === '–' ? -1 : Number(t.replace('%', '')),
    );
    assert.deepEqual(
      rates,
      [...rates].sort((a, b) => b - a),
    );
    assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Rate ▼');
    await page.context().close();
  });

  it('the insights show the team week by week in a chart and a table that add up to `ft stats`, and download as CSV', async () => {
    const login = demoLogin(t.server, 'mara@northwind.example');
    const page = await (await chromium.browser.newContext()).newPage();
    await signIn(page, t.server.url, login.email, login.password);
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL(`${t.server.url}/insights`);
    assert.equal(await page.locator('h1').textContent(), 'Insights: Mara Chen’s team');
    // uPlot drew both charts from the tables.
    await page.locator('#rates-plot .uplot canvas').waitFor();
    await page.locator('#said-plot .uplot canvas').waitFor();
    const table = page.locator('table[data-chart="rates-plot"] tbody tr');
    assert.equal(await table.count(), 12);
    // The last four weeks are `ft stats`'s default period: their counts add up to its numbers.
    const { stats } = await statsFor(await maraScope(), {});
    const lastFour = (await table.all()).slice(-4);
    let due = 0;
    let onTime = 0;
    let sent = 0;
    let answered = 0;
    for (const row of lastFour) {
      const [rate, followUps] = await texts(row.locator('td'));
      const [, a, b] = /\((\d+) of (\d+)\)/.exec(rate ?? '') ?? [];
      onTime += Number(a);
      due += Number(b);
      const [, c, d] = /\((\d+) of (\d+)\)/.exec(followUps ?? '') ?? [];
      answered += Number(c);
      sent += Number(d);
    }
    assert.deepEqual(
      { due, onTime, sent, answered },
      {
        due: stats.due,
        onTime: stats.doneOnTime,
        sent: stats.followUpsSent,
        answered: stats.followUpsAnswered,
      },
    );
    await accessible(page);
    await page.screenshot({ path: new URL('insights.png', SCREENSHOTS).pathname, fullPage: true });

    // One person's, chosen from the list; and as CSV.
    await page.getByLabel('Whose').selectOption({ label: 'Dana Ruiz' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/who=person%3Adana%40northwind\.example/);
    assert.equal(await page.locator('h1').textContent(), 'Insights: Dana Ruiz');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csv = await fetch(`${t.server.url}/insights.csv?who=person%3Adana%40northwind.example`, {
      headers: { cookie },
    });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(
      csv.headers.get('content-disposition'),
      'attachment; filename="followthrough-insights-dana-2026-12-01.csv"',
    );
    const lines = (await csv.text()).trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'week_start,due,done_on_time,follow_through_rate,follow_ups_sent,follow_ups_answered,answer_rate,meetings_ended,wrapups_within_24h,wrapup_rate,buy_backs,limbo_said',
    );
    assert.equal(lines.length, 13);
    const dana = await statsFor(await maraScope(), { person: 'Dana Ruiz' });
    const fromCsv = lines
      .slice(-4)
      .map((l) => l.split(','))
      .reduce((sum, cells) => sum + Number(cells[1]), 0);
    assert.equal(fromCsv, dana.stats.due);
    await page.context().close();
  });

  it('Dana, a seller, sees only her own numbers: another person’s insights are refused', async () => {
    const login = demoLogin(t.server, 'dana@northwind.example');
    const page = await (await chromium.browser.newContext()).newPage();
    await signIn(page, t.server.url, login.email, login.password);
    await page.goto(`${t.server.url}/team`);
    assert.deepEqual(await texts(page.locator('table.numbers tbody th')), ['Dana Ruiz']);
    const refused = await page.goto(`${t.server.url}/insights?who=person%3Asam%40northwind.example`);
    assert.equal(refused?.status(), 403);
    assert.equal(await page.locator('h1').textContent(), 'Not allowed');
    await page.context().close();
  });

  it('the JavaScript a page can be sent weighs under 60 KB gzipped, all of it served from here', async () => {
    // Every script any page names: the day, the meetings, a meeting, the team, the insights.
    const login = demoLogin(t.server, 'mara@northwind.example');
    const page = await (await chromium.browser.newContext()).newPage();
    await signIn(page, t.server.url, login.email, login.password);
    const scripts = new Set<string>();
    for (const path of ['/', '/m', '/m/1', '/team', '/insights']) {
      await page.goto(`${t.server.url}${path}`);
      for (const src of await page
        .locator('script[src]')
        .evaluateAll((all) => all.map((s) => s.getAttribute('src') ?? '')))
        scripts.add(src);
    }
    await page.context().close();
    assert.deepEqual([...scripts].sort(), [
      '/static/htmx.min.js',
      '/static/insights.js',
      '/static/keys.js',
      '/static/uPlot.iife.min.js',
    ]);
    let bytes = 0;
    for (const src of scripts) {
      // As a browser gets it: gzipped (read raw, not unpacked as fetch would).
      const body = await new Promise<Buffer>((resolve, reject) =>
        get(`${t.server.url}${src}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          assert.equal(response.statusCode, 200, src);
          assert.equal(response.headers['content-encoding'], 'gzip', src);
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
      assert.ok(gunzipSync(body).length > body.length, src);
      bytes += body.length;
    }
    assert.ok(bytes < 60 * 1024, `${bytes} bytes gzipped`);
  });
});
