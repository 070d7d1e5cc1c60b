import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { ft } from './support/cli.js';
import { startFt } from './support/spawn.js';

/** What `npm start` printed once it is up: its banner, which ends with "Stop with Ctrl-C.". */
function bannerOf(run: ReturnType<typeof startFt>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    run.child.stdout?.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('Stop with Ctrl-C.')) resolve(seen);
    });
    void run.exited.then((e) => reject(new Error(`ft serve --demo ended: ${e.stderr}`)));
  });
}

/**
 * What `npm start` gives a newcomer: the demo served at the printed address, signed into in a
 * real browser (Debian's Chromium) with a printed login, showing that member's day.
 */
describe('npm start in a browser', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ft-web-'));
  const database = {
    dialect: 'sqlite' as const,
    env: { FOLLOWTHROUGH_DATA: join(folder, '.followthrough') },
  };
  let run: ReturnType<typeof startFt>;
  let banner = '';
  let browser: Browser;

  before(async () => {
    // `npm start` is `ft serve --demo`; a free port instead of 3000, the rest as a newcomer has it.
    run = startFt(database as never, ['serve', '--demo'], { PORT: '0', FOLLOWTHROUGH_NOW: '' }, '', {
      timeoutMs: 120_000,
    });
    banner = await bannerOf(run);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    run.child.kill('SIGTERM');
    const exited = await run.exited;
    rmSync(folder, { recursive: true, force: true });
    assert.equal(exited.code, 0, exited.stderr);
  });

  it('signs in with a printed demo login and shows that member’s day, then signs out', async () => {
    const url = /Followthrough is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const login = /(mara@northwind\.example)\s+(\S+)\s+Mara Chen/.exec(banner);
    assert.ok(url && login, banner);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      assert.equal(await page.title(), 'Sign in · Followthrough');
      await page.fill('input[name=email]', login[1] as string);
      await page.fill('input[name=password]', 'not the password');
      await page.click('button[type=submit]');
      assert.equal(
        await page.textContent('p.error'),
        'That e-mail and password do not match an account here.',
      );
      await page.fill('input[name=password]', login[2] as string);
      await page.click('button[type=submit]');
      await page.waitForSelector('h1');
      assert.match((await page.textContent('h1')) ?? '', /^Mara Chen, \w{3} \d{1,2} \w{3}$/);
      assert.deepEqual(await page.locator('h2').allTextContents(), [
        'Overdue',
        'Due today',
        'Coming up this week',
        'Follow-ups waiting for your answer',
        'Answers for you (last 7 days)',
        'Wrap-ups you owe',
        'Your team',
      ]);
      // Her team: each of her five sellers has a line.
      const team = page.locator('section.card', { hasText: 'Your team' }).locator('li');
      assert.equal(await team.count(), 5);
      await page.click('text=Sign out');
      await page.waitForSelector('input[name=password]');
      assert.equal(await page.title(), 'Sign in · Followthrough');
    } finally {
      await page.close();
    }
  });

  it('shows the API reference, fetching nothing from anywhere but this server', async () => {
    const url = /Followthrough is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] as string;
    const page = await browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    try {
      await page.goto(`${url}/api/docs`);
      await page.waitForSelector('.swagger-ui .info .title');
      assert.match((await page.textContent('.swagger-ui .info .title')) ?? '', /^Followthrough API/);
      assert.ok(await page.getByText('/api/v1/commitments', { exact: true }).first().isVisible());
      assert.deepEqual(
        requested.filter((r) => !r.startsWith(`${url}/`) && !r.startsWith('data:')),
        [],
      );
      // Everything it asked for is there, its icon too.
      const icon = await page.request.get(`${url}/favicon.ico`);
      assert.deepEqual([icon.status(), icon.headers()['content-type']], [200, 'image/svg+xml']);
      assert.deepEqual(failed, []);
    } finally {
      await page.close();
    }
  });
});

/**
 * `ft start` (or `ft demo`) at the terminal makes the demo team with no logins, since the command
 * line needs none; `npm start` on that folder afterwards must still let a newcomer in.
 */
describe('npm start after the demo was made at the terminal', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ft-web-'));
  const database = {
    dialect: 'sqlite' as const,
    env: { FOLLOWTHROUGH_DATA: join(folder, '.followthrough') },
  };
  after(() => rmSync(folder, { recursive: true, force: true }));

  /** `npm start` on a folder until its banner, then `whileUp` with it, then stopped: what it printed. */
  const started = async (
    on: { env: { FOLLOWTHROUGH_DATA: string } },
    whileUp: (banner: string) => Promise<void> = async () => {},
  ) => {
    const run = startFt(on as never, ['serve', '--demo'], { PORT: '0', FOLLOWTHROUGH_NOW: '' }, '', {
      timeoutMs: 60_000,
    });
    try {
      const banner = await bannerOf(run);
      await whileUp(banner);
      return banner;
    } finally {
      run.child.kill('SIGTERM');
      assert.equal((await run.exited).code, 0);
    }
  };

  it('makes the demo team’s logins, prints them, and the same ones at the next start', async () => {
    const made = await ft(database as never, '2026-11-24T15:00:00Z', ['demo']);
    assert.equal(made.code, 0, made.stderr);
    const banner = await started(database);
    assert.ok(!banner.includes('Made a demo team'), banner);
    assert.ok(!banner.includes('sign in with your account'), banner);
    const logins = [...banner.matchAll(/^ {2}(\S+@northwind\.example)\s+(\S+)\s/gm)].map((m) => m[1]);
    assert.deepEqual(logins, [
      'ana@northwind.example',
      'dana@northwind.example',
      'kim@northwind.example',
      'lee@northwind.example',
      'mara@northwind.example',
      'priya@northwind.example',
      'sam@northwind.example',
      'tom@northwind.example',
    ]);
    // A printed login signs in.
    const again = await started(database, async (printed) => {
      const url = /Followthrough is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1] as string;
      const mara = /(mara@northwind\.example)\s+(\S+)\s/.exec(printed);
      const signedIn = await fetch(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: mara?.[1], password: mara?.[2] }),
      });
      assert.equal(signedIn.status, 200);
    });
    const passwords = (text: string) =>
      [...text.matchAll(/^ {2}\S+@northwind\.example\s+(\S+)\s/gm)].map((m) => m[1]);
    assert.deepEqual(passwords(again), passwords(banner));
  });

  it('makes none for a team that holds anyone besides the demo’s: their people sign up themselves', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ft-web-'));
    const real = { dialect: 'sqlite' as const, env: { FOLLOWTHROUGH_DATA: join(other, '.followthrough') } };
    try {
      const now = '2026-11-24T15:00:00Z';
      assert.equal((await ft(real as never, now, ['demo'])).code, 0);
      const added = await ft(real as never, now, [
        'person',
        'add',
        'Jane Real',
        '--email',
        'jane@acme.example',
      ]);
      assert.equal(added.code, 0, added.stderr);
      const banner = await started(real);
      assert.match(banner, /This data holds a team already: sign in with your account\./);
      assert.doesNotMatch(banner, /jane@acme\.example|@northwind\.example/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
