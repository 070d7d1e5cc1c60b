import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { MAX_BODY_BYTES } from '../src/server/app.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { type Served, served, signUpNorthwind } from './support/server.js';

/**
 * Random bodies for every write route the API's own reference lists (a new route is fuzzed
 * without touching this file), sent as a signed-in admin so that only the body decides: any
 * type, missing and extra fields, control characters, long strings, broken JSON, other content
 * types. Each answer is a coded 4xx that changes nothing, or a success; never a 500.
 * Deterministic: one fixed seed (API_FUZZ_SEED overrides it).
 */
const SEED = Number(process.env.API_FUZZ_SEED ?? 20_261_123);
const NOW = '2026-11-23T15:00:00Z';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u001b[31m',
    '2026-12-04',
    'friday',
    'c1',
    'mara@northwind.example',
    '9999-12-31',
  ),
  fc.nat(300_000).map((n) => 'x'.repeat(n)),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
);
const fields = [
  'what',
  'after',
  'owner',
  'due',
  'outcome',
  'with',
  'meeting',
  'note',
  'on',
  'organization',
  'timeZone',
  'name',
  'email',
  'password',
  'reason',
  'yes',
  'needs',
  'ask',
  'plan',
  'visibility',
  'manager',
  'partner',
  'contact',
  'company',
  'to',
  'kind',
  'goal',
  'ends',
  'followUpHour',
  'followUpOffsetWorkingDays',
  'dueTodayReminders',
  'at',
  'series',
  'text',
  'private',
  'cc',
  'person',
  'from',
  'until',
  'date',
  'country',
  'year',
];
const jsonBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom('{', '{"what": ', 'null', '[]', '"just a string"', '{"what":"a","owner":"b","due":"c"}'),
);
const request = fc.record({
  body: jsonBody,
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  id: fc.oneof(
    fc.constantFrom('c1', '1', 'c999999999', 'c0', 'x', '%00', 'c1%2F..', 'p1', 'mara@northwind.example'),
    fc.string({ maxLength: 12 }),
  ),
});

/** One request on a connection of its own, so that one the server closed is never used again. */
function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string } | 'closed'> {
  return new Promise((resolve, reject) => {
    // Its length said, as any client says it: Node sends a DELETE's body without one.
    const sized = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(url, { method, headers: sized, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      ['ECONNRESET', 'EPIPE'].includes(error.code ?? '') ? resolve('closed') : reject(error),
    );
    req.end(body);
  });
}

onEachDatabase('random bodies to every write route', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  let token = '';

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database, { now: NOW });
    token = await signUpNorthwind(server.url);
    const made = await fetch(`${server.url}/api/v1/commitments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ what: 'Send pricing', owner: 'mara@northwind.example', due: '2026-12-04' }),
    });
    assert.equal(made.status, 201);
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  it('says what is wrong with a body it cannot read: not JSON, or not sent as JSON', async () => {
    const post = async (contentType: string, body: string) => {
      const answer = await send(
        'POST',
        `${server.url}/api/v1/commitments`,
        { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      );
      return answer === 'closed' ? answer : [answer.status, JSON.parse(answer.body)];
    };
    const before = await snapshot();
    const notJson = {
      error: {
        code: 'invalid_json',
        message: 'The body is not valid JSON: send one JSON object, with Content-Type: application/json.',
      },
    };
    const notSentAsJson = {
      error: {
        code: 'unsupported_content_type',
        message: 'Send the body as JSON, with the header Content-Type: application/json.',
      },
    };
    assert.deepEqual(await post('application/json', '{"what": '), [400, notJson]);
    assert.deepEqual(await post('text/plain', '{"what": "Send pricing"}'), [415, notSentAsJson]);
    assert.deepEqual(await post('', '{"what": "Send pricing"}'), [415, notSentAsJson]);
    assert.deepEqual(await snapshot(), before);
  });

  /** What a refused request must leave as it was: every row our tables hold. */
  const snapshot = async () => {
    const tables = [
      'organizations',
      'people',
      'commitments',
      'commitment_people',
      'commitment_events',
      'follow_ups',
      'outbox',
      'plans',
      'away_periods',
      'holidays',
      'meetings',
      'meeting_attendees',
      'series',
      'note_lines',
      'coach_flags',
      'auth_users',
    ];
    const counts = await Promise.all(
      tables.map(async (t) => {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
        return [t, JSON.stringify(rows.rows.map((r) => JSON.stringify(r)).sort())];
      }),
    );
    return Object.fromEntries(counts);
  };

  it('answers each with a coded 4xx that changes nothing, or a success; never a 500', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const writes = Object.entries(doc.paths)
      // Signing out ends the session every other request here is sent with (test/accounts).
      .filter(([path]) => path !== '/api/auth/sign-out')
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => ({ method: m.toUpperCase(), path })),
      );
    assert.ok(
      writes.some((w) => w.path === '/api/auth/sign-in/email'),
      'signing in is fuzzed with the rest',
    );
    assert.ok(writes.length >= 3, `write routes: ${JSON.stringify(writes)}`);
    for (const route of writes) {
      await fc.assert(
        fc.asyncProperty(request, async ({ body, contentType, id }) => {
          const before = await snapshot();
          const url = `${server.url}${route.path.replace(/\{\w+\}/, encodeURIComponent(id))}`;
          const headers = {
            authorization: `Bearer ${token}`,
            ...(contentType ? { 'content-type': contentType } : {}),
          };
          const response = await send(route.method, url, headers, body);
          if (response === 'closed') {
            // A body over the limit may be refused by closing the connection before the client has sent it all.
            assert.ok(
              Buffer.byteLength(body) > MAX_BODY_BYTES,
              `closed on a body of ${Buffer.byteLength(body)} bytes`,
            );
            assert.deepEqual(await snapshot(), before);
            return;
          }
          let answer: { error?: { code?: unknown; message?: unknown } } | null = null;
          try {
            answer = JSON.parse(response.body);
          } catch {}
          const said = `${route.method} ${route.path} ${response.status} ${response.body.slice(0, 300)}`;
          assert.ok(response.status < 500, said);
          if (response.status >= 400) {
            assert.equal(typeof answer?.error?.code, 'string', said);
            assert.equal(typeof answer?.error?.message, 'string', said);
            assert.ok(!String(answer?.error?.message).includes('    at '), `no stack trace: ${said}`);
            assert.deepEqual(await snapshot(), before, `changed nothing: ${said}`);
          }
        }),
        { seed: SEED, numRuns: dialect === 'sqlite' ? 60 : 20, endOnFailure: true },
      );
    }
  });
});
