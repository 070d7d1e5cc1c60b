import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { ft } from './support/cli.js';
import { it, onEachDatabase } from './support/databases.js';
import { MATRIX_NOW, matrixWorld } from './support/matrix.js';

/**
 * The server keeps sessions and read answers while nothing was written; these check that a
 * write, from the server itself or from another process on the same data, is seen at once.
 */
onEachDatabase('answers kept between writes', (dialect) => {
  const world = matrixWorld(dialect);

  it('shows a change made through the API on the next read', async () => {
    const id = world.steps.get('owner') as string;
    const before = await world.call('owner', 'GET', `/api/v1/commitments/${id}`);
    assert.equal(before.body.status, 'open');
    assert.equal((await world.call('owner', 'POST', `/api/v1/commitments/${id}/done`, {})).status, 200);
    const after = await world.call('owner', 'GET', `/api/v1/commitments/${id}`);
    assert.equal(after.body.status, 'done');
  });

  it('shows a change another process made to the same data on the next read', async () => {
    const id = world.steps.get('owner') as string;
    const listed = async () =>
      ((await world.call('owner', 'GET', '/api/v1/commitments?status=open')).body.total as number) ?? -1;
    assert.equal(await listed(), 7);
    assert.equal(await listed(), 7);
    const done = await ft(world.database, MATRIX_NOW, ['done', id]);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(await listed(), 6);
  });

  it('refuses a token at once when its session is ended by another process', async () => {
    assert.equal((await world.call('owner', 'GET', '/api/v1/me')).status, 200);
    assert.equal((await world.call('owner', 'GET', '/api/v1/me')).status, 200);
    const dana = world.people.dana;
    const account = await world.db
      .selectFrom('people')
      .select('user_id')
      .where('id', '=', dana.id)
      .executeTakeFirstOrThrow();
    await sql`delete from auth_sessions where user_id = ${account.user_id}`.execute(world.db);
    const refused = await world.call('owner', 'GET', '/api/v1/me');
    assert.deepEqual(
      [refused.status, (refused.body.error as { code: string }).code],
      [401, 'unauthenticated'],
    );
    // Others are not affected.
    assert.equal((await world.call('manager', 'GET', '/api/v1/me')).status, 200);
  });

  it('keeps a session under everything it was read from: another header alone never finds it', async () => {
    const signedIn = await fetch(`${world.server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: world.server.url },
      body: JSON.stringify({ email: 'dana@northwind.example', password: 'owner password 1' }),
    });
    assert.equal(signedIn.status, 200);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    // A proxy's shared password rides along on every request, whoever sends it.
    const basic = 'Basic dGVhbTpzZWNyZXQ=';
    const me = (headers: Record<string, string>) => fetch(`${world.server.url}/api/v1/me`, { headers });
    assert.equal((await me({ authorization: basic, cookie })).status, 200);
    assert.equal((await me({ authorization: basic })).status, 401);
    assert.equal((await me({ cookie })).status, 200);
  });

  it('keeps answers apart: one member never gets another’s', async () => {
    const mine = await world.call('owner', 'GET', '/api/v1/me');
    const theirs = await world.call('peer', 'GET', '/api/v1/me');
    assert.equal((mine.body.person as { email: string }).email, 'dana@northwind.example');
    assert.equal((theirs.body.person as { email: string }).email, 'sam@northwind.example');
    const again = await world.call('peer', 'GET', '/api/v1/me');
    assert.equal((again.body.person as { email: string }).email, 'sam@northwind.example');
  });

  it('sends an answer gzipped to a client that accepts gzip, the same answer, kept or not', async () => {
    // The raw bytes and headers, as a client that decodes nothing itself gets them.
    const get = (path: string, acceptEncoding?: string) =>
      new Promise<{ encoding?: string; vary?: string; bytes: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { authorization: `Bearer ${world.token('owner')}` };
        if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
        request(`${world.server.url}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              encoding: response.headers['content-encoding'],
              vary: response.headers.vary,
              bytes: Buffer.concat(chunks),
            }),
          );
        })
          .on('error', reject)
          .end();
      });
    const list = '/api/v1/commitments?status=open';
    // Worked out for the first, kept for the others.
    const first = await get(list, 'gzip');
    const plain = await get(list);
    assert.equal(plain.encoding, undefined);
    const answer = JSON.parse(plain.bytes.toString('utf8')) as { total: number };
    assert.equal(answer.total, 7);
    assert.ok(
      plain.bytes.length >= 1024,
      `a list of seven is long enough to compress (${plain.bytes.length})`,
    );
    for (const [asked, zipped] of [
      ['gzip', first],
      ['gzip', await get(list, 'gzip')],
      ['gzip, deflate, br', await get(list, 'gzip, deflate, br')],
      ['br;q=1, gzip;q=0.5', await get(list, 'br;q=1, gzip;q=0.5')],
    ] as const) {
      assert.equal(zipped.encoding, 'gzip', asked);
      assert.equal(zipped.vary, 'Accept-Encoding');
      assert.ok(
        zipped.bytes.length < plain.bytes.length / 2,
        `${zipped.bytes.length} of ${plain.bytes.length}`,
      );
      assert.deepEqual(gunzipSync(zipped.bytes), plain.bytes);
    }
    for (const refused of ['gzip;q=0', 'identity', 'br']) {
      const sent = await get(list, refused);
      assert.equal(sent.encoding, undefined, refused);
      assert.deepEqual(sent.bytes, plain.bytes);
    }
    // A short answer goes as it is: compressing it would save less than it costs.
    const me = await get('/api/v1/me', 'gzip');
    assert.equal(me.encoding, undefined);
    assert.equal(
      (JSON.parse(me.bytes.toString('utf8')) as { person: { email: string } }).person.email,
      'dana@northwind.example',
    );
  });

  it('answers a kept read at the door: the app’s answer, headers and all, logged as kept', async () => {
    const path = '/api/v1/commitments?status=open';
    const get = async (requestId?: string) => {
      const response = await fetch(`${world.server.url}${path}`, {
        headers: {
          authorization: `Bearer ${world.token('owner')}`,
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
      });
      const { 'x-request-id': id, date: _date, ...headers } = Object.fromEntries(response.headers);
      return { status: response.status, id, headers, body: await response.text() };
    };
    const logged = () => world.server.lines.filter((line) => line.msg === 'request').at(-1);
    const first = await get();
    assert.equal(logged()?.kept, undefined);
    const again = await get('from-the-proxy-1');
    assert.deepEqual([again.status, again.headers, again.body], [first.status, first.headers, first.body]);
    assert.equal(again.id, 'from-the-proxy-1');
    const line = logged();
    assert.deepEqual(
      { id: line?.id, method: line?.method, route: line?.route, status: line?.status, kept: line?.kept },
      {
        id: 'from-the-proxy-1',
        method: 'GET',
        route: '/api/v1/commitments',
        status: 200,
        // Only where the data has a version to keep answers at.
        kept: dialect === 'sqlite' ? true : undefined,
      },
    );
    // An id that is not plain is replaced, at the door as in the app.
    const replaced = await get('not plain!');
    assert.match(replaced.id ?? '', /^[0-9a-f-]{36}$/);
    // A write, and the next read is worked out again by the app.
    const id = world.steps.get('owner') as string;
    assert.equal((await world.call('owner', 'POST', `/api/v1/commitments/${id}/done`, {})).status, 200);
    const after = await get();
    assert.equal(logged()?.kept, undefined);
    assert.equal((JSON.parse(after.body) as { total: number }).total, 6);
  });

  it('answers at the door a path written another way as the app reads it', async () => {
    const { hostname, port } = new URL(world.server.url);
    // Sent as written: fetch and URL strings would resolve the dots before sending.
    const get = (path: string) =>
      new Promise<{ status?: number; body: string }>((resolve, reject) => {
        request(
          { hostname, port, path, headers: { authorization: `Bearer ${world.token('owner')}` } },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              body += chunk;
            });
            response.on('end', () => resolve({ status: response.statusCode, body }));
          },
        )
          .on('error', reject)
          .end();
      });
    const logged = () => world.server.lines.filter((line) => line.msg === 'request').at(-1);
    const plain = await get('/api/v1/commitments?status=open');
    for (const written of [
      '/api/v1/x/../commitments?status=open',
      '/api/v1/./commitments?status=open',
      '/api/v1/%2e/commitments?status=open',
    ]) {
      const answered = await get(written);
      assert.deepEqual(answered, plain, written);
      assert.deepEqual(
        [logged()?.route, logged()?.kept],
        ['/api/v1/commitments', dialect === 'sqlite' ? true : undefined],
        written,
      );
    }
    assert.equal((JSON.parse(plain.body) as { total: number }).total, 7);
  });
});
