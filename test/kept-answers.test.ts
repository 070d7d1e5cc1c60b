import assert from 'node:assert/strict';
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
});
