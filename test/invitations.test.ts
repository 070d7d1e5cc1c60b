import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import type { Db } from '../src/db/database.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { type Served, served, signUpNorthwind } from './support/server.js';

const NOW = '2026-11-23T15:00:00Z';
const EIGHT_DAYS_LATER = '2026-12-01T15:00:00Z';

onEachDatabase('invitations', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  let adminToken = '';

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database, { now: NOW });
    adminToken = await signUpNorthwind(server.url);
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  const invite = (token: string, body: object) =>
    fetch(`${server.url}/api/v1/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  /** The link the invitation's message carries, from the outbox as the mail would take it. */
  const linkSentTo = async (email: string) => {
    const messages = await db
      .selectFrom('outbox')
      .select(['body', 'subject'])
      .where('kind', '=', 'invitation')
      .where('recipient_email', '=', email)
      .orderBy('id')
      .execute();
    const last = messages.at(-1);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43})/.exec(last?.body ?? '')?.[1];
    assert.ok(link, last?.body);
    return { link, subject: last?.subject, count: messages.length };
  };
  const form = (url: string, body: Record<string, string>, cookie = '') =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie },
      body: new URLSearchParams(body).toString(),
      redirect: 'manual',
    });

  it('sends a link that makes the member’s account once, signs them in, and then works no more', async () => {
    const invited = await invite(adminToken, {
      name: 'Dana Ruiz',
      email: 'dana@northwind.example',
      manager: 'mara@northwind.example',
    });
    assert.equal(invited.status, 201);
    assert.deepEqual(await invited.json(), {
      person: { name: 'Dana Ruiz', email: 'dana@northwind.example' },
      expiresAt: '2026-11-30T15:00:00.000Z',
    });
    const { link, subject } = await linkSentTo('dana@northwind.example');
    assert.equal(subject, 'Mara Chen invited you to Northwind on Followthrough');

    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Welcome to Northwind, Dana Ruiz/);
    const short = await form(link, { password: 'short' });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /A password needs 8 characters or more\./);

    const made = await form(link, { password: 'dana chooses well' });
    assert.equal(made.status, 303);
    const cookie = made.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const day = await fetch(`${server.url}/`, { headers: { cookie } });
    assert.match(await day.text(), /<h1>Dana Ruiz, Mon 23 Nov<\/h1>/);
    const dana = await db
      .selectFrom('people')
      .select(['role', 'user_id'])
      .where('email', '=', 'dana@northwind.example')
      .executeTakeFirstOrThrow();
    assert.equal(dana.role, 'member');
    assert.equal(typeof dana.user_id, 'string');

    const again = await form(link, { password: 'someone else tries' });
    assert.equal(again.status, 410);
    assert.match(await again.text(), /This invitation was used already/);
    assert.equal((await fetch(link)).status, 410);
    const bogus = await fetch(`${server.url}/invite/${'A'.repeat(43)}`);
    assert.equal(bogus.status, 404);

    // Dana is a member, not an admin: she invites nobody.
    const signedIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'dana@northwind.example', password: 'dana chooses well' }),
    });
    const refused = await invite(signedIn.headers.get('set-auth-token') as string, {
      name: 'Sam Patel',
      email: 'sam@northwind.example',
    });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'not_allowed');
  });

  it('stops a link after seven days, and when a newer one is sent', async () => {
    await invite(adminToken, { name: 'Sam Patel', email: 'sam@northwind.example' });
    const first = (await linkSentTo('sam@northwind.example')).link;
    await invite(adminToken, { name: 'Sam Patel', email: 'sam@northwind.example' });
    const { link: second, count } = await linkSentTo('sam@northwind.example');
    assert.equal(count, 2);
    const replaced = await fetch(first);
    assert.equal(replaced.status, 410);
    assert.match(await replaced.text(), /This invitation has expired: ask your admin for a new one\./);
    assert.equal((await fetch(second)).status, 200);

    await server.stop();
    server = await served(database, { now: EIGHT_DAYS_LATER });
    const late = await fetch(second.replace(/http:\/\/127\.0\.0\.1:\d+/, server.url));
    assert.equal(late.status, 410);
    assert.match(await late.text(), /This invitation has expired/);
    assert.equal(
      (
        await db
          .selectFrom('people')
          .select('user_id')
          .where('email', '=', 'sam@northwind.example')
          .executeTakeFirstOrThrow()
      ).user_id,
      null,
    );
  });
});
