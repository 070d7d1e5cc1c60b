import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { registrars, runCli } from '../src/cli/program.js';
import { createOrganization } from '../src/organizations/organizations.repository.js';
import { addPerson } from '../src/people/people.usecases.js';
import { localCommands, remoteCommands } from '../src/remote/remote.rules.js';
import { runForMember } from '../src/remote/remote.run.js';
import { ManualClock } from '../src/shared/clock.js';
import { ft } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase } from './support/databases.js';
import { MATRIX_NOW, matrixWorld } from './support/matrix.js';

/** `ft` as a user runs it on their own computer: a home of their own, no local data named. */
async function ftAt(home: string, args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { XDG_CONFIG_HOME: home, ...options.env },
    isTTY: false,
    readStdin: async () => options.stdin ?? null,
  });
  return { code, stdout, stderr };
}

test('every command either runs through a server or is said to work on local data only', () => {
  const every = registrars.flatMap(([, names]) => names).sort();
  const classified = [...remoteCommands, ...localCommands].sort();
  assert.deepEqual(classified, every);
});

test('a command line the server runs that fails unexpectedly is logged, and the member told only that', async () => {
  const database = await createTestDatabase('sqlite');
  const db = database.open();
  const clock = new ManualClock(MATRIX_NOW);
  const org = await createOrganization(db, {
    name: 'Northwind',
    time_zone: 'America/New_York',
    created_at: MATRIX_NOW,
  });
  const dana = await addPerson(
    { db, clock, org, actor: null },
    { name: 'Dana Ruiz', email: 'dana@northwind.example' },
  );
  // The database goes away under the command: a failure no rule foresaw.
  await db.destroy();
  const logged: unknown[] = [];
  try {
    const run = await runForMember(
      { db, clock, org, actor: dana, bySession: true },
      { kind: 'postgres', shown: 'the server' },
      ['list'],
      null,
      false,
      (error) => logged.push(error),
    );
    assert.deepEqual(run, {
      exitCode: 3,
      stdout: '',
      stderr: 'ft: something unexpected went wrong on the server; nothing was saved. [internal_error]\n',
    });
    assert.equal(logged.length, 1);
    assert.ok(logged[0] instanceof Error);
  } finally {
    await database.drop();
  }
});

onEachDatabase('the command line, through a server', (dialect) => {
  const world = matrixWorld(dialect);
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'ft-test-home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const signIn = (who = 'dana@northwind.example', password = 'owner password 1') =>
    ftAt(home, ['login', world.server.url, '--email', who, '--password-stdin'], { stdin: `${password}\n` });
  const kept = () => JSON.parse(readFileSync(join(home, 'followthrough', 'login.json'), 'utf8'));

  it('signs in with a password from standard input and keeps the token for its user alone', async () => {
    const signed = await signIn();
    assert.equal(signed.code, 0, signed.stderr);
    const file = join(home, 'followthrough', 'login.json');
    assert.equal(
      signed.stdout,
      `Signed in to ${world.server.url} as Dana Ruiz <dana@northwind.example>. Every ft command now runs there, as you.\nThe login is kept in ${file}; \`ft logout\` forgets it.\n`,
    );
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(home, 'followthrough')).mode & 0o777, 0o700);
    const login = kept();
    assert.deepEqual(Object.keys(login).sort(), ['email', 'token', 'url']);
    assert.equal(login.url, world.server.url);
    assert.equal(login.email, 'dana@northwind.example');
  });

  it('prints what the same command prints on the data itself, for the signed-in member', async () => {
    assert.equal((await signIn()).code, 0);
    const id = world.steps.get('read') as string;
    for (const args of [[], ['list'], ['show', id], ['list', '--json'], ['followups']]) {
      const remote = await ftAt(home, args);
      const local = await ft(world.database, MATRIX_NOW, [...args, '--as', 'dana@northwind.example']);
      assert.equal(remote.code, 0, remote.stderr);
      assert.equal(remote.stdout, local.stdout, `ft ${args.join(' ')}`);
      assert.equal(remote.stderr, '');
    }
  });

  it('changes the data on the server, as the signed-in member', async () => {
    assert.equal((await signIn()).code, 0);
    const id = world.steps.get('owner') as string;
    const done = await ftAt(home, ['done', id, '--json']);
    assert.equal(done.code, 0, done.stderr);
    const row = await world.db
      .selectFrom('commitments')
      .select('status')
      .where('id', '=', Number(id.slice(1)))
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'done');
  });

  it('goes through the same rules as the API: a peer does not see, nor close, a step not theirs', async () => {
    assert.equal((await signIn('sam@northwind.example', 'peer password 1')).code, 0);
    const id = world.steps.get('read') as string;
    const shown = await ftAt(home, ['show', id]);
    assert.deepEqual(shown, {
      code: 1,
      stdout: '',
      stderr: `ft: No commitment ${id}. See \`ft list\` for the ids. [commitment_not_found]\n`,
    });
    const done = await ftAt(home, ['done', id]);
    assert.equal(done.code, 1);
    const listed = await ftAt(home, ['list', '--json']);
    assert.equal(JSON.parse(listed.stdout).commitments.length, 0);
    const open = await world.db.selectFrom('commitments').select('id').where('status', '=', 'open').execute();
    assert.equal(open.length, 7);
  });

  it('runs every kind of command under the member’s rights: a seller reads, only an admin runs the organization', async () => {
    assert.equal((await signIn()).code, 0);
    const outbox = await ftAt(home, ['outbox']);
    assert.equal(outbox.code, 1);
    assert.match(outbox.stderr, /\[not_allowed\]\n$/);
    const added = await ftAt(home, ['person', 'add', 'Kim Larsen', '--email', 'kim@northwind.example']);
    assert.equal(added.code, 1);
    assert.match(added.stderr, /\[not_allowed\]\n$/);
    const people = await world.db
      .selectFrom('people')
      .select('email')
      .where('email', '=', 'kim@northwind.example')
      .execute();
    assert.deepEqual(people, []);
    const settings = await ftAt(home, ['settings', '--json']);
    assert.equal(settings.code, 0, settings.stderr);
    const mine = await ftAt(home, ['stats', '--json']);
    assert.equal(mine.code, 0, mine.stderr);
    const org = await ftAt(home, ['stats', '--org']);
    assert.equal(org.code, 1);
    assert.match(org.stderr, /\[not_allowed\]\n$/);
  });

  it('refuses --as, local data and local commands, saying why, and changes nothing', async () => {
    assert.equal((await signIn()).code, 0);
    const as = await ftAt(home, ['list', '--as', 'mara@northwind.example']);
    assert.equal(as.code, 1);
    assert.equal(
      as.stderr,
      `ft: You are signed in to ${world.server.url}: the server decides who you are, which data and what time it is, so --as is not taken. Leave it out, or \`ft logout\` to work on local data. [as_refused]\n`,
    );
    const data = await ftAt(home, ['list'], { env: { FOLLOWTHROUGH_DATA: join(home, 'data') } });
    assert.match(data.stderr, /so FOLLOWTHROUGH_DATA is not taken\. .*\[remote_setting\]\n$/);
    const init = await ftAt(home, ['init']);
    assert.equal(init.code, 1);
    assert.equal(
      init.stderr,
      `ft: \`ft init\` works on local data, and you are signed in to ${world.server.url}: \`ft logout\` to use it here. [not_remote]\n`,
    );
    // The server refuses them too, whoever sends them.
    const sent = await world.call('owner', 'POST', '/api/v1/commands', { argv: ['list', '--as', 'mara'] });
    assert.deepEqual([sent.status, (sent.body.error as { code: string }).code], [422, 'as_refused']);
    const tick = await world.call('admin', 'POST', '/api/v1/commands', { argv: ['tick'] });
    assert.deepEqual([tick.status, (tick.body.error as { code: string }).code], [422, 'not_remote']);
    const outbox = await world.db.selectFrom('outbox').select('id').execute();
    assert.equal(outbox.length, 0);
  });

  it('takes FOLLOWTHROUGH_URL with FOLLOWTHROUGH_TOKEN instead of a kept login, and a token to log in with', async () => {
    assert.equal((await signIn()).code, 0);
    const { token: danas } = kept();
    rmSync(join(home, 'followthrough'), { recursive: true });
    const viaEnv = await ftAt(home, ['list', '--json'], {
      env: { FOLLOWTHROUGH_URL: world.server.url, FOLLOWTHROUGH_TOKEN: danas },
    });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.equal(JSON.parse(viaEnv.stdout).commitments.length, 7);
    const half = await ftAt(home, ['list'], { env: { FOLLOWTHROUGH_URL: world.server.url } });
    assert.equal(
      half.stderr,
      'ft: Set both FOLLOWTHROUGH_URL and FOLLOWTHROUGH_TOKEN to work through a server (only FOLLOWTHROUGH_URL is set). [remote_incomplete]\n',
    );
    const withToken = await ftAt(home, ['login', world.server.url, '--token', danas, '--json']);
    assert.equal(withToken.code, 0, withToken.stderr);
    assert.deepEqual(JSON.parse(withToken.stdout).person, {
      name: 'Dana Ruiz',
      email: 'dana@northwind.example',
    });
    const forged = await ftAt(home, ['login', world.server.url, '--token', `${danas}x`]);
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /\[unauthenticated\]\n$/);
  });

  it('refuses to send a password over plain http to another computer, unless told', async () => {
    const plain = await ftAt(
      home,
      ['login', 'http://192.0.2.1:3000', '--email', 'dana@northwind.example', '--password-stdin'],
      {
        stdin: 'owner password 1\n',
      },
    );
    assert.equal(plain.code, 1);
    assert.match(
      plain.stderr,
      /^ft: http:\/\/192\.0\.2\.1:3000 is plain http: .*--insecure.* \[insecure_url\]\n$/,
    );
    assert.throws(() => statSync(join(home, 'followthrough', 'login.json')), { code: 'ENOENT' });
  });

  it('refuses a wrong password and keeps nothing', async () => {
    const wrong = await signIn('dana@northwind.example', 'not her password');
    assert.deepEqual(wrong, {
      code: 1,
      stdout: '',
      stderr: `ft: ${world.server.url} does not know this e-mail with this password. [invalid_credentials]\n`,
    });
    assert.throws(() => statSync(join(home, 'followthrough', 'login.json')), { code: 'ENOENT' });
  });

  it('logs out: the token is revoked on the server and forgotten here; commands work on local data again', async () => {
    assert.equal((await signIn()).code, 0);
    const { token } = kept();
    const out = await ftAt(home, ['logout']);
    assert.equal(out.stdout, `Signed out of ${world.server.url}; commands work on local data again.\n`);
    assert.throws(() => statSync(join(home, 'followthrough', 'login.json')), { code: 'ENOENT' });
    const revoked = await fetch(`${world.server.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(revoked.status, 401);
    const local = await ftAt(home, ['list', '--json'], { env: world.database.env });
    assert.equal(local.code, 0, local.stderr);
    assert.equal(
      (await ftAt(home, ['logout'])).stdout,
      'No login was kept: commands already work on local data.\n',
    );
  });

  it('says so when the server does not answer', async () => {
    // A port that was free a moment ago, and nothing listens on now.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    const gone = await ftAt(home, ['list'], { env: { FOLLOWTHROUGH_URL: url, FOLLOWTHROUGH_TOKEN: 'x' } });
    assert.equal(gone.code, 1);
    assert.equal(
      gone.stderr,
      `ft: ${url} does not answer (ECONNREFUSED): check the address, or \`ft logout\` to work on local data. [server_unreachable]\n`,
    );
  });
});
