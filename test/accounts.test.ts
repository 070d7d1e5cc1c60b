import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { getMigrations } from 'better-auth/db/migration';
import { pino } from 'pino';
import { SIGN_INS_PER_MINUTE, SIGN_UPS_PER_HOUR } from '../src/auth/address.limits.js';
import { createAuth } from '../src/auth/auth.js';
import type { Db } from '../src/db/database.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { type Served, served, testSecret } from './support/server.js';

const mara = { name: 'Mara Chen', email: 'mara@northwind.example', password: 'correct horse battery' };
const signUpBody = { organization: 'Northwind', timeZone: 'America/New_York', ...mara };

/** A browser's cookie jar, for one site: what Set-Cookie gave, sent back as Cookie. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

onEachDatabase('accounts', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database);
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, ...headers },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string | undefined> = {}) =>
    fetch(`${server.url}${path}`, { headers: headers as Record<string, string> });
  const errorOf = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as { error: { code: string; message: string; details?: unknown } }),
  });

  it('keeps its tables where the accounts library looks for them: it finds nothing to add', async () => {
    const auth = await createAuth(db, { secret: testSecret, baseURL: server.url }, pino({ level: 'silent' }));
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    assert.deepEqual({ toBeCreated, toBeAdded }, { toBeCreated: [], toBeAdded: [] });
  });

  it('signs up a new organization and its first admin, signed in by a cookie and by a token', async () => {
    const response = await post('/api/v1/signup', signUpBody);
    assert.equal(response.status, 201);
    const body = (await response.json()) as { token: string };
    assert.deepEqual(
      { ...body, token: typeof body.token },
      {
        organization: { name: 'Northwind', timeZone: 'America/New_York' },
        person: { name: 'Mara Chen', email: 'mara@northwind.example', role: 'admin' },
        token: 'string',
      },
    );
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    assert.match(cookie ?? '', /; HttpOnly/i);
    assert.match(cookie ?? '', /; SameSite=Lax/i);
    assert.doesNotMatch(cookie ?? '', /; Secure/i, 'served over http here, so not Secure');

    const jar = new Jar();
    jar.take(response);
    for (const headers of [{ cookie: jar.header() }, { authorization: `Bearer ${body.token}` }]) {
      const day = await get('/api/v1/me/today', headers);
      assert.equal(day.status, 200);
      const json = (await day.json()) as { person: unknown; overdue: unknown[] };
      assert.deepEqual(json.person, { name: 'Mara Chen', email: 'mara@northwind.example' });
      assert.deepEqual(json.overdue, []);
    }
    const [person] = await db.selectFrom('people').select(['name', 'role', 'kind']).execute();
    assert.deepEqual(person, { name: 'Mara Chen', role: 'admin', kind: 'member' });
  });

  it('refuses a sign-up that is not whole, or names an account that exists, and makes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...signUpBody, password: 'short' }, 400, 'invalid_request'],
      [{ ...signUpBody, timeZone: 'UTC+99' }, 400, 'invalid_time_zone'],
      [{ ...signUpBody, email: 'not an address' }, 400, 'invalid_email'],
      [{ ...signUpBody, name: 'Mara\u0007Chen' }, 400, 'control_characters'],
      [{ organization: 'Northwind' }, 400, 'invalid_request'],
      [{ ...signUpBody, extra: 1 }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const refused = await errorOf(await post('/api/v1/signup', body));
      assert.deepEqual([refused.status, refused.error.code], [status, code], JSON.stringify(body));
    }
    assert.deepEqual(await db.selectFrom('auth_users').select('id').execute(), []);
    assert.deepEqual(await db.selectFrom('organizations').select('id').execute(), []);

    assert.equal((await post('/api/v1/signup', signUpBody)).status, 201);
    const again = await errorOf(await post('/api/v1/signup', { ...signUpBody, organization: 'Other' }));
    assert.deepEqual(again, {
      status: 409,
      error: {
        code: 'account_exists',
        message: 'mara@northwind.example has an account already: sign in instead.',
        details: { field: 'email' },
      },
    });
    // The accounts library's own sign-up is closed: an account with no organization could do nothing.
    const direct = await errorOf(
      await post('/api/auth/sign-up/email', {
        name: 'X',
        email: 'x@x.example',
        password: 'long enough pass',
      }),
    );
    assert.equal(direct.status, 404);
    assert.equal((await db.selectFrom('organizations').select('id').execute()).length, 1);
  });

  it('signs in with the right password only, never holds up right passwords, and limits wrong guesses from one address', async () => {
    await post('/api/v1/signup', signUpBody);
    const wrong = await errorOf(
      await post('/api/auth/sign-in/email', { email: mara.email, password: 'not my password' }),
    );
    assert.deepEqual(wrong, {
      status: 401,
      error: { code: 'invalid_email_or_password', message: 'Invalid email or password' },
    });

    const right = await post('/api/auth/sign-in/email', { email: mara.email, password: mara.password });
    assert.equal(right.status, 200);
    const jar = new Jar();
    jar.take(right);
    assert.equal((await get('/api/v1/me/today', { cookie: jar.header() })).status, 200);

    // A team signing in from one office: right passwords are never held up.
    const rights: number[] = [];
    for (let i = 0; i < SIGN_INS_PER_MINUTE * 2; i++) {
      rights.push(
        (await post('/api/auth/sign-in/email', { email: mara.email, password: mara.password })).status,
      );
    }
    assert.deepEqual(rights, Array(SIGN_INS_PER_MINUTE * 2).fill(200));

    // One wrong password so far this minute; the limit counts wrong ones from this address.
    const statuses: number[] = [];
    for (let i = 2; i <= SIGN_INS_PER_MINUTE + 1; i++) {
      statuses.push((await post('/api/auth/sign-in/email', { email: mara.email, password: 'guess' })).status);
    }
    assert.deepEqual(statuses, [...Array(SIGN_INS_PER_MINUTE - 1).fill(401), 429]);
    const limited = await post('/api/auth/sign-in/email', { email: mara.email, password: mara.password });
    assert.equal(limited.status, 429, 'even the right password waits');
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'too_many_requests');
  });

  it('answers 401 without a session, and after signing out, by cookie or by token', async () => {
    const none = await errorOf(await get('/api/v1/me/today'));
    assert.deepEqual(none, {
      status: 401,
      error: {
        code: 'unauthenticated',
        message:
          'Sign in first: POST /api/auth/sign-in/email, or send the header Authorization: Bearer TOKEN.',
      },
    });
    const signedUp = await post('/api/v1/signup', signUpBody);
    const { token } = (await signedUp.json()) as { token: string };
    const jar = new Jar();
    jar.take(signedUp);
    const out = await post('/api/auth/sign-out', {}, { cookie: jar.header() });
    assert.equal(out.status, 200);
    // The session is gone on the server, not only from this browser: the old cookie and the token are refused.
    assert.equal((await get('/api/v1/me/today', { authorization: `Bearer ${token}` })).status, 401);
    assert.equal((await get('/api/v1/me/today', { cookie: jar.header() })).status, 401);
  });

  it('refuses what another site posts with the session cookie', async () => {
    const signedUp = await post('/api/v1/signup', signUpBody);
    const jar = new Jar();
    jar.take(signedUp);
    const crossSite = await post(
      '/api/auth/sign-out',
      {},
      { cookie: jar.header(), origin: 'https://evil.example' },
    );
    assert.equal(crossSite.status, 403);
    assert.equal(((await crossSite.json()) as { error: { code: string } }).error.code, 'invalid_origin');
    const form = await fetch(`${server.url}/api/v1/me/today`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: jar.header(),
      },
      body: 'a=1',
    });
    assert.equal(form.status, 403);
    // A cookie alongside a token header is checked all the same.
    const both = await fetch(`${server.url}/api/v1/commitments`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'https://evil.example',
        cookie: jar.header(),
        authorization: 'Bearer x',
      },
      body: '{}',
    });
    assert.equal(both.status, 403);
    assert.equal(((await both.json()) as { error: { code: string } }).error.code, 'cross_site_refused');
    // A token alone is never sent by a browser by itself: a script's POST needs no Origin.
    const { token } = (await (
      await post('/api/v1/signup', { ...signUpBody, email: 'other@acme.example', organization: 'Other' })
    ).json()) as { token: string };
    const script = await fetch(`${server.url}/api/v1/followups/f999/answer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(script.status, 400, 'read, and refused for its missing body, not as a cross-site form');
    // Still signed in: nothing the other site sent took effect.
    assert.equal((await get('/api/v1/me/today', { cookie: jar.header() })).status, 200);
  });

  it('takes the sign-in form from the page opened as localhost as well as 127.0.0.1', async () => {
    await post('/api/v1/signup', signUpBody);
    const asLocalhost = server.url.replace('127.0.0.1', 'localhost');
    const signedIn = await fetch(`${server.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: asLocalhost },
      body: new URLSearchParams({ email: mara.email, password: mara.password }).toString(),
      redirect: 'manual',
    });
    assert.equal(signedIn.status, 303);
    assert.ok(signedIn.headers.getSetCookie().length > 0, 'signed in');
    const elsewhere = await fetch(`${server.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:1' },
      body: new URLSearchParams({ email: mara.email, password: mara.password }).toString(),
      redirect: 'manual',
    });
    assert.equal(elsewhere.status, 403);
  });

  it('signs up from the form, and the day page shows what people typed as text, never as markup', async () => {
    const form = (body: Record<string, string>) =>
      fetch(`${server.url}/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
    const short = await form({ ...signUpBody, password: 'short' });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /Please check: password\./);
    const made = await form({ ...signUpBody, name: '<script>alert(1)</script> Mara' });
    assert.equal(made.status, 303);
    assert.equal(made.headers.get('location'), '/');
    const jar = new Jar();
    jar.take(made);
    const page = await get('/', { cookie: jar.header() });
    assert.equal(page.headers.get('content-type'), 'text/html; charset=UTF-8');
    const html = await page.text();
    assert.ok(html.startsWith('<!DOCTYPE html>'), html.slice(0, 40));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Mara'), html);
    assert.ok(!html.includes('<script>alert(1)'), 'no markup from a name');
    const taken = await form(signUpBody);
    assert.equal(taken.status, 409);
    assert.match(await taken.text(), /mara@northwind\.example has an account already: sign in instead\./);
  });

  it('refuses a body over the limit with 413, before reading it all, from the API and the pages alike', async () => {
    const huge = await post('/api/v1/signup', { ...signUpBody, name: 'x'.repeat(1024 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { error: { code: string } }).error.code, 'body_too_large');
    const form = await fetch(`${server.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: `email=a&password=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    assert.equal(form.status, 413);
    assert.deepEqual(await db.selectFrom('auth_users').select('id').execute(), []);
  });

  it('refuses a form it cannot read with a coded 400', async () => {
    const broken = await fetch(`${server.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', origin: server.url },
      body: 'this is not a multipart body',
    });
    assert.deepEqual(await errorOf(broken), {
      status: 400,
      error: {
        code: 'unreadable_form',
        message: 'This form could not be read: send it again from the page.',
      },
    });
  });

  it('logs what the accounts library refuses as one JSON line, never on the console', async () => {
    const printed: unknown[][] = [];
    const spied = (['log', 'info', 'warn', 'error'] as const).map((name) => {
      const original = console[name];
      console[name] = (...args: unknown[]) => {
        printed.push(args);
      };
      return () => {
        console[name] = original;
      };
    });
    let status: number;
    try {
      const broken = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: '{"email": ',
      });
      status = broken.status;
    } finally {
      for (const restore of spied) restore();
    }
    assert.equal(status, 400);
    assert.deepEqual(printed, []);
    const logged = server.lines.filter((line) => line.auth === true);
    assert.deepEqual(
      logged.map((line) => [line.level, line.status, line.msg]),
      [[40, 400, 'Invalid JSON in request body']],
    );
  });
});

onEachDatabase('the admin named by the environment', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const signIn = (url: string, password: string) =>
    fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'ops@northwind.example', password }),
    });

  it('is made at start when no account has the e-mail, and left as it is on the next start', async () => {
    const admin = { email: 'ops@northwind.example', password: 'first password here' };
    const first = await served(database, { server: { admin } });
    try {
      assert.equal((await signIn(first.url, admin.password)).status, 200);
      assert.deepEqual(
        first.lines.filter((l) => l.msg === 'Admin account made for ops@northwind.example').length,
        1,
      );
    } finally {
      await first.stop();
    }
    const second = await served(database, { server: { admin: { ...admin, password: 'another password' } } });
    try {
      assert.equal((await signIn(second.url, 'another password')).status, 401);
      assert.equal((await signIn(second.url, admin.password)).status, 200);
    } finally {
      await second.stop();
    }
    const people = await db.selectFrom('people').select(['name', 'email', 'role', 'kind']).execute();
    assert.deepEqual(people, [
      { name: 'Ops', email: 'ops@northwind.example', role: 'admin', kind: 'member' },
    ]);
  });
});

onEachDatabase('signing up where the command line has been', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('takes the empty organization ft init made, so that ft shows the same team; the next sign-up makes its own', async () => {
    await ftOk(database, '2026-11-23T15:00:00Z', ['init']);
    const server = await served(database);
    const signUp = (body: object) =>
      fetch(`${server.url}/api/v1/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(body),
      });
    try {
      assert.equal((await signUp(signUpBody)).status, 201);
      assert.equal(
        (await signUp({ ...signUpBody, organization: 'Initech', name: 'Ian', email: 'ian@initech.example' }))
          .status,
        201,
      );
    } finally {
      await server.stop();
    }
    const listed = await ftOk(database, '2026-11-23T15:00:00Z', ['person', 'list', '--json']);
    assert.deepEqual(
      listed.json<{ email: string }[]>().map((p) => p.email),
      ['mara@northwind.example'],
    );
    const db = database.open();
    try {
      const orgs = await db.selectFrom('organizations').select(['name', 'time_zone']).orderBy('id').execute();
      assert.deepEqual(orgs, [
        { name: 'Northwind', time_zone: 'America/New_York' },
        { name: 'Initech', time_zone: 'America/New_York' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

onEachDatabase('sign-ups from one address', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it(`makes at most ${SIGN_UPS_PER_HOUR} organizations an hour from one address`, async () => {
    const signUpAt = async (now: string, count: number) => {
      const server = await served(database, { now });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < count; i++) {
          const response = await fetch(`${server.url}/api/v1/signup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ...signUpBody,
              organization: `Team ${now} ${i}`,
              email: `a${i}-${now.slice(11, 13)}@x.example`,
            }),
          });
          statuses.push(response.status);
          if (response.status === 429) {
            assert.equal(
              ((await response.json()) as { error: { code: string } }).error.code,
              'too_many_requests',
            );
          }
        }
        return statuses;
      } finally {
        await server.stop();
      }
    };
    assert.deepEqual(await signUpAt('2026-11-23T15:00:00Z', SIGN_UPS_PER_HOUR + 1), [
      ...Array(SIGN_UPS_PER_HOUR).fill(201),
      429,
    ]);
    assert.deepEqual(await signUpAt('2026-11-23T15:59:00Z', 1), [429]);
    assert.deepEqual(await signUpAt('2026-11-23T16:00:00Z', 1), [201]);
  });
});

onEachDatabase('behind a trusted proxy', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('limits wrong passwords by the client the proxy names, and ignores the header from anyone else', async () => {
    const behind = await served(database, { server: { trustedProxies: ['127.0.0.1'] } });
    const attempt = (url: string, forwardedFor: string) =>
      fetch(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: 'nobody@x.example', password: 'wrong password' }),
      }).then((r) => r.status);
    try {
      const one: number[] = [];
      for (let i = 0; i <= SIGN_INS_PER_MINUTE; i++) one.push(await attempt(behind.url, '203.0.113.5'));
      assert.deepEqual(one, [...Array(SIGN_INS_PER_MINUTE).fill(401), 429]);
      // Another client behind the same proxy is not held up by the first one's guesses.
      assert.equal(await attempt(behind.url, '198.51.100.7, 127.0.0.1'), 401);
    } finally {
      await behind.stop();
    }
    // Without the setting, the header names nobody: every request counts against the connection's address.
    const direct = await served(database);
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= SIGN_INS_PER_MINUTE; i++) statuses.push(await attempt(direct.url, `192.0.2.${i}`));
      assert.deepEqual(statuses, [...Array(SIGN_INS_PER_MINUTE).fill(401), 429]);
    } finally {
      await direct.stop();
    }
  });
});
