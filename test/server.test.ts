import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe } from 'node:test';
import { pino } from 'pino';
import { createAuth } from '../src/auth/auth.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { dataLocation } from '../src/db/location.js';
import { migrationNames } from '../src/db/migrations/index.js';
import { addPerson } from '../src/people/people.usecases.js';
import { createApp } from '../src/server/app.js';
import { startScheduler, type Wait } from '../src/server/scheduler.js';
import { readServerSettings } from '../src/server/server.settings.js';
import { ManualClock } from '../src/shared/clock.js';
import { ft } from './support/cli.js';
import { messagesPerFollowUp } from './support/counts.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { served, testSecret } from './support/server.js';
import { startFt } from './support/spawn.js';

const silent = pino({ level: 'silent' });

onEachDatabase('the server', (dialect) => {
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

  it('answers its health checks over HTTP and logs one line per request', async () => {
    const server = await served(database);
    try {
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const id = health.headers.get('x-request-id');
      assert.match(id ?? '', /^[0-9a-f-]{36}$/);
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
      const missing = await fetch(`${server.url}/nowhere?x=1`, { method: 'POST' });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), {
        error: { code: 'route_not_found', message: 'Nothing here: POST /nowhere.' },
      });
    } finally {
      await server.stop();
    }
    const requests = server.lines
      .filter((l) => l.msg === 'request')
      .map(({ method, route, status, id, ms }) => ({ method, route, status, id: typeof id, ms: typeof ms }));
    assert.deepEqual(requests, [
      { method: 'GET', route: '/healthz', status: 200, id: 'string', ms: 'number' },
      { method: 'GET', route: '/readyz', status: 200, id: 'string', ms: 'number' },
      { method: 'POST', route: '/*', status: 404, id: 'string', ms: 'number' },
    ]);
    assert.deepEqual(
      server.lines.slice(-2).map((l) => l.msg),
      ['stopping: finishing the requests and the batch in hand', 'stopped'],
    );
  });

  it('is not ready while the database lacks this release’s migrations', async () => {
    const bare = await createTestDatabase(dialect, { migrated: false });
    const bareDb = bare.open();
    try {
      const auth = await createAuth(bareDb, { secret: testSecret, baseURL: 'http://127.0.0.1:3000' }, silent);
      const app = createApp({
        db: bareDb,
        clock: new ManualClock('2026-11-23T15:00:00Z'),
        log: silent,
        auth,
        location: dataLocation({ dataDir: bare.env.FOLLOWTHROUGH_DATA, databaseUrl: bare.env.DATABASE_URL }),
        origin: 'http://127.0.0.1:3000',
      });
      const ready = await app.request('/readyz');
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'migrations_pending');
      assert.equal(
        body.error.message,
        `The database needs migrations ${migrationNames.join(', ')}: restart to run them.`,
      );
    } finally {
      await bareDb.destroy();
      await bare.drop();
    }
  });

  it('sends a follow-up by itself at 09:00 in its owner’s zone, once, as the clock reaches it', async () => {
    const team = await seedTeam(db);
    const mara = team.as(team.manager);
    await addPerson(mara, {
      name: 'Lena Vogel',
      email: 'lena@northwind.example',
      manager: team.manager.email,
      timeZone: 'Europe/Berlin',
    });
    await makeCommitment(mara, {
      what: 'Send the Initech proposal',
      owner: 'Lena',
      due: '2026-11-27',
      outcome: 'A pilot',
    });
    // Monday 30 November, a minute before 09:00 in Berlin (08:00 UTC).
    team.clock.set('2026-11-30T07:59:00Z');
    const waits: number[] = [];
    const sentAt: string[] = [];
    // Time passes only as the scheduler asks to wait: each wait moves the clock on by as much.
    const wait: Wait = async (ms, signal) => {
      if (signal.aborted) return;
      waits.push(ms);
      const sent = await db.selectFrom('follow_ups').select('sent_at').where('status', '=', 'sent').execute();
      sentAt.push(...sent.map((f) => f.sent_at as string).filter((t) => !sentAt.includes(t)));
      if (sent.length > 0) return void scheduler.stop();
      team.clock.set(new Date(team.clock.now().getTime() + ms));
    };
    const scheduler = startScheduler({ db, clock: team.clock, log: silent, maxWaitMs: 5000, wait });
    await scheduler.stopped;
    // Twelve waits of the longest, 5 s, from 07:59:00 to 08:00:00; then it found the answer window next.
    assert.deepEqual(waits, [...Array(12).fill(5000), 5000]);
    assert.deepEqual(sentAt, ['2026-11-30T08:00:00.000Z']);
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: 1 });
  });

  it('waits as long as it takes for the next due follow-up when that is sooner than the longest wait', async () => {
    const team = await seedTeam(db);
    await makeCommitment(team.as(team.manager), {
      what: 'Call Acme',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A date',
    });
    // Dana is in New York: 09:00 there on Monday is 14:00 UTC; look 1.5 s before.
    team.clock.set('2026-11-30T13:59:58.500Z');
    const waits: number[] = [];
    const wait: Wait = async (ms, signal) => {
      if (signal.aborted) return;
      waits.push(ms);
      if (waits.length === 2) return void scheduler.stop();
      team.clock.set(new Date(team.clock.now().getTime() + ms));
    };
    const scheduler = startScheduler({ db, clock: team.clock, log: silent, maxWaitMs: 5000, wait });
    await scheduler.stopped;
    assert.equal(waits[0], 1500);
    assert.deepEqual(await messagesPerFollowUp(db, 'follow_up'), { 1: 1 });
  });
});

describe('ft serve and ft worker', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('refuses a bad setting before starting anything, saying what it must be', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [
        ['serve', '--port', '99999'],
        {},
        'ft: --port (PORT) must be a whole number from 0 to 65535 (got "99999"). [invalid_setting]\n',
      ],
      [
        ['serve'],
        { PORT: 'http' },
        'ft: --port (PORT) must be a whole number from 0 to 65535 (got "http"). [invalid_setting]\n',
      ],
      [
        ['serve', '--host', 'example.com'],
        {},
        'ft: --host (HOST) must be an IP address like 127.0.0.1 or ::1, or localhost (got "example.com"). [invalid_setting]\n',
      ],
      [
        ['worker'],
        { FOLLOWTHROUGH_SCHEDULER_WAIT: '0' },
        'ft: FOLLOWTHROUGH_SCHEDULER_WAIT must be a whole number of seconds from 1 to 60 (got "0"). [invalid_setting]\n',
      ],
      [
        ['worker'],
        { LOG_LEVEL: 'loud' },
        'ft: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud"). [invalid_setting]\n',
      ],
      [
        ['worker'],
        { SMTP_URL: 'https://user:secret@mail.example.com' },
        'ft: SMTP_URL must be an smtp:// or smtps:// address with a host, like smtps://user:password@smtp.example.com:465. [invalid_setting]\n',
      ],
      [
        ['serve'],
        { MAIL_FROM: 'ft@example.com, sales@example.com' },
        'ft: MAIL_FROM must be one address, alone or with a name, like \'Followthrough <followthrough@example.com>\' (got "ft@example.com, sales@example.com"). [invalid_setting]\n',
      ],
      [
        ['serve'],
        { MAIL_FROM: 'Followthrough' },
        'ft: MAIL_FROM must be one address, alone or with a name, like \'Followthrough <followthrough@example.com>\' (got "Followthrough"). [invalid_setting]\n',
      ],
    ];
    for (const [args, env, stderr] of cases) {
      const result = await ft(database, '2026-11-23T15:00:00Z', args, env);
      assert.deepEqual(
        { code: result.code, stdout: result.stdout, stderr: result.stderr },
        { code: 1, stdout: '', stderr },
      );
    }
  });

  it('reads its settings from flags over the environment over the defaults', () => {
    assert.deepEqual(readServerSettings({}, {}), {
      host: '127.0.0.1',
      port: 3000,
      schedulerMaxWaitMs: 5000,
      logLevel: 'info',
      publicUrl: undefined,
      admin: undefined,
      trustedProxies: [],
      smtpUrl: undefined,
      mailFrom: 'Followthrough <followthrough@localhost>',
      smtpPort: undefined,
      mailDomain: undefined,
    });
    assert.deepEqual(
      readServerSettings(
        { port: '8080' },
        {
          PORT: '9090',
          HOST: '::1',
          FOLLOWTHROUGH_SCHEDULER_WAIT: '60',
          LOG_LEVEL: 'warn',
          FOLLOWTHROUGH_TRUSTED_PROXIES: '10.0.0.5, ::1',
          PUBLIC_URL: 'https://ft.northwind.example',
          SMTP_URL: 'smtps://ft:secret@smtp.northwind.example',
          SMTP_PORT: '2525',
          MAIL_DOMAIN: 'FT.northwind.example',
        },
      ),
      {
        host: '::1',
        port: 8080,
        schedulerMaxWaitMs: 60_000,
        logLevel: 'warn',
        publicUrl: 'https://ft.northwind.example',
        admin: undefined,
        trustedProxies: ['10.0.0.5', '::1'],
        smtpUrl: 'smtps://ft:secret@smtp.northwind.example',
        mailFrom: 'Followthrough <followthrough@ft.northwind.example>',
        smtpPort: 2525,
        mailDomain: 'ft.northwind.example',
      },
    );
  });

  it('lists every server setting in ft serve --help, and the scheduler’s in ft worker --help', async () => {
    const help = await ft(database, '2026-11-23T15:00:00Z', ['serve', '--help']);
    assert.equal(help.code, 0);
    for (const name of [
      '--host, HOST',
      '--port, PORT',
      'FOLLOWTHROUGH_SCHEDULER_WAIT',
      'LOG_LEVEL',
      'SMTP_URL',
      'MAIL_FROM',
      '--smtp-port, SMTP_PORT',
      'MAIL_DOMAIN',
      '--no-scheduler',
      'FOLLOWTHROUGH_ADMIN_EMAIL',
      'FOLLOWTHROUGH_TRUSTED_PROXIES',
      'BETTER_AUTH_SECRET',
      // What every command reads, that a server needs said too.
      '--data, FOLLOWTHROUGH_DATA',
      'DATABASE_URL',
      'PUBLIC_URL',
    ]) {
      assert.ok(help.stdout.includes(name), `${name} in:\n${help.stdout}`);
    }
    const worker = await ft(database, '2026-11-23T15:00:00Z', ['worker', '--help']);
    for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'SMTP_URL', 'FOLLOWTHROUGH_SCHEDULER_WAIT']) {
      assert.ok(worker.stdout.includes(name), `${name} in:\n${worker.stdout}`);
    }
  });

  it('runs as a process until SIGTERM, then stops cleanly with status 0', async () => {
    const run = startFt(database, ['serve', '--port', '0'], { LOG_LEVEL: 'info' }, '', { timeoutMs: 20_000 });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      run.child.stdout?.on('data', (chunk) => {
        seen += chunk;
        const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
        if (found) resolve(found[1] as string);
      });
      void run.exited.then((e) => reject(new Error(`ft serve ended: ${e.stderr}`)));
    });
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    run.child.kill('SIGTERM');
    const exited = await run.exited;
    assert.deepEqual(
      { code: exited.code, signal: exited.signal, stderr: exited.stderr },
      { code: 0, signal: null, stderr: '' },
    );
    assert.deepEqual(
      exited.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { msg: string }).msg)
        .slice(-2),
      ['stopping: finishing the requests and the batch in hand', 'stopped'],
    );
  });

  it('says so when its port is taken, and exits with status 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const result = await ft(database, '2026-11-23T15:00:00Z', ['serve', '--port', String(port)]);
      assert.deepEqual(
        { code: result.code, stderr: result.stderr },
        {
          code: 1,
          stderr: `ft: 127.0.0.1:${port} is in use: stop what listens there, or set PORT (--port). [port_in_use]\n`,
        },
      );
    } finally {
      taken.close();
    }
  });
});

onEachDatabase('the API reference', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('serves the OpenAPI 3.1 document built from the routes’ own schemas, and a page that reads it from here', async () => {
    const server = await served(database);
    try {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, unknown>>;
      };
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(doc.info.title, 'Followthrough API');
      assert.match(doc.info.version, /^\d+\.\d+\.\d+$/);
      assert.deepEqual(
        Object.entries(doc.paths)
          .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
          .sort(),
        [
          'DELETE /api/v1/away/{id}',
          'DELETE /api/v1/holidays/{date}',
          'GET /api/v1/away',
          'GET /api/v1/commitments',
          'GET /api/v1/commitments/{id}',
          'GET /api/v1/followups',
          'GET /api/v1/holidays',
          'GET /api/v1/me',
          'GET /api/v1/me/calendar',
          'GET /api/v1/me/today',
          'GET /api/v1/meetings',
          'GET /api/v1/meetings/{id}',
          'GET /api/v1/meetings/{id}/wrapup',
          'GET /api/v1/outbox',
          'GET /api/v1/people',
          'GET /api/v1/people/{ref}',
          'GET /api/v1/people/{ref}/agenda',
          'GET /api/v1/plans',
          'GET /api/v1/plans/{id}',
          'GET /api/v1/series/{id}/agenda',
          'GET /api/v1/settings',
          'GET /api/v1/stats',
          'PATCH /api/v1/commitments/{id}',
          'PATCH /api/v1/people/{ref}',
          'PATCH /api/v1/settings',
          'POST /api/auth/sign-in/email',
          'POST /api/auth/sign-out',
          'POST /api/v1/away',
          'POST /api/v1/capture/preview',
          'POST /api/v1/coach',
          'POST /api/v1/commands',
          'POST /api/v1/commitments',
          'POST /api/v1/commitments/{id}/agree',
          'POST /api/v1/commitments/{id}/done',
          'POST /api/v1/commitments/{id}/drop',
          'POST /api/v1/commitments/{id}/missed',
          'POST /api/v1/commitments/{id}/move',
          'POST /api/v1/commitments/{id}/reassign',
          'POST /api/v1/commitments/{id}/reopen',
          'POST /api/v1/followups/{id}/answer',
          'POST /api/v1/holidays',
          'POST /api/v1/invitations',
          'POST /api/v1/me/calendar/rotate',
          'POST /api/v1/meetings',
          'POST /api/v1/meetings/{id}/end',
          'POST /api/v1/meetings/{id}/notes',
          'POST /api/v1/meetings/{id}/wrapup',
          'POST /api/v1/people',
          'POST /api/v1/people/{ref}/deactivate',
          'POST /api/v1/plans',
          'POST /api/v1/plans/{id}/close',
          'POST /api/v1/signup',
        ],
      );
      const page = await fetch(`${server.url}/api/docs`);
      const html = await page.text();
      assert.equal(page.status, 200);
      assert.deepEqual(html.match(/(?:src|href)="[^"]+"/g), [
        'href="/api/docs/swagger-ui.css"',
        'src="/api/docs/swagger-ui-bundle.js"',
        'src="/api/docs/init.js"',
      ]);
      for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js']) {
        assert.equal((await fetch(`${server.url}/api/docs/${file}`)).status, 200, file);
      }
      for (const file of ['package.json', 'constructor', '__proto__', 'toString']) {
        assert.equal((await fetch(`${server.url}/api/docs/${file}`)).status, 404, file);
      }
    } finally {
      await server.stop();
    }
  });
});
