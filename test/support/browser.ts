import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Db } from '../../src/db/database.js';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.js';
import { type Served, served } from './server.js';

/** Debian's Chromium, headless, with nothing fetched from the network on its own. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Where the suite saves a picture of each main page: the README's (docs/screenshots) when asked
 * with FOLLOWTHROUGH_SCREENSHOTS=docs (`npm run screenshots`), else a folder of its own that
 * goes when the run ends, so that a test run leaves the working tree as it found it.
 */
export const SCREENSHOTS =
  process.env.FOLLOWTHROUGH_SCREENSHOTS === 'docs'
    ? new URL('../../docs/screenshots/', import.meta.url)
    : pathToFileURL(`${mkdtempSync(join(tmpdir(), 'ft-screenshots-'))}/`);
if (process.env.FOLLOWTHROUGH_SCREENSHOTS !== 'docs') {
  process.once('exit', () => rmSync(SCREENSHOTS, { recursive: true, force: true }));
}

/** No serious or critical accessibility violation on the page as it stands (axe runs in the page: JavaScript on). */
export async function accessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(grave, []);
}

/** Signs in from the front page's form, as a person would, and lands on their day. */
export async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
}

/** What a list's items say, each on one line. */
export const texts = async (items: { allTextContents(): Promise<string[]> }) =>
  (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

/** Chromium for a test file: launched before its first test, closed after its last. */
export function chromiumForFile(): { browser: Browser } {
  const held = {} as { browser: Browser };
  before(async () => {
    held.browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await held.browser?.close();
  });
  return held;
}

/** `ft serve` on a database of its own for each test (the demo team in it, when asked), stopped and dropped after. */
export function servedEach(dialect: Dialect, options: { now: string; demo?: boolean }) {
  const held = {} as { database: TestDatabase; db: Db; server: Served };
  beforeEach(async () => {
    held.database = await createTestDatabase(dialect);
    held.db = held.database.open();
    held.server = await served(held.database, options);
  });
  afterEach(async () => {
    await held.server.stop();
    await held.db.destroy();
    await held.database.drop();
  });
  return held;
}

/** A demo member's login, as `npm start` printed it. */
export function demoLogin(server: Served, email: string) {
  const found = server.demo.find((l) => l.email === email);
  assert.ok(found, `the demo has a login for ${email}`);
  return found;
}
