import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

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

/** Where the suite keeps a picture of each main page, for the README. */
export const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

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
