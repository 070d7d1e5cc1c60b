/**
 * The API under load: 50 clients at once (autocannon) on `ft serve` over an organization of a
 * million commitments on SQLite (100 managers with 10 sellers each), beside a bare Hono route
 * measured in the same run. Targets: p99 ≤ 20 ms, and the day at ≥ 50% of the bare route's
 * requests a second. The clients take gzip, as browsers, `fetch` and `ft` signed in do; each
 * route gets 2 s of load, unmeasured, first; the server's CPU time an answer is read from /proc.
 * Usage: npm run build && node --import tsx bench/api.ts [commitments] [seconds per route]
 * (API_BENCH_PROFILE=DIR writes a CPU profile of the server there.)
 * Prints a Markdown table; bench/api.md keeps the last run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createAccount } from '../src/auth/accounts.usecases.js';
import { createAuth } from '../src/auth/auth.js';
import { migrate, openDatabase } from '../src/db/database.js';
import { startMeeting } from '../src/meetings/meetings.usecases.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import { getPeople } from '../src/people/people.repository.js';
import { fixedClock } from '../src/shared/clock.js';
import { createDays, dropDays, seedCommitments, seedTeams } from './seed.js';

const total = Number(process.argv[2] ?? 1_000_000);
const seconds = Number(process.argv[3] ?? 10);
const CONNECTIONS = 50;
const MANAGERS = 100;
const SELLERS = 10;
const NOW = '2026-11-24T15:00:00.000Z';
const ZONE = 'America/New_York';
const program = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(program)) throw new Error('Build the program first: npm run build');

const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-api-'));
const secret = randomBytes(32).toString('base64url');
const password = randomBytes(12).toString('base64url');
const children: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function untilUp(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function seed(): Promise<{ manager: string; seller: string; seededMs: number }> {
  const started = performance.now();
  const db = openDatabase({ dataDir }, { create: true });
  try {
    await migrate(db);
    const clock = fixedClock(NOW);
    const org = await ensureOrganization(db, clock, ZONE);
    const { firstManager, firstSeller } = await seedTeams(db, org.id, MANAGERS, SELLERS, ZONE, NOW);
    await db.updateTable('organizations').set({ default_actor_id: firstManager }).execute();
    await createDays(db, NOW, ZONE, -736, 90);
    // Spread evenly: each seller owns total / 1,000, each team ten times that.
    await seedCommitments(db, {
      orgId: org.id,
      count: total,
      owner: sql<number>`${sql.lit(firstSeller)} + n.i % ${sql.lit(MANAGERS * SELLERS)}`,
      delegator: sql<number>`${sql.lit(firstManager)} + (n.i % ${sql.lit(MANAGERS * SELLERS)}) / ${sql.lit(SELLERS)}`,
      from: -730,
      to: 89,
      history: true,
      now: NOW,
    });
    await dropDays(db);
    await sql`analyze`.execute(db);
    const auth = await createAuth(db, { secret, baseURL: 'http://127.0.0.1' }, pino({ level: 'silent' }));
    const [manager, seller] = await getPeople(db, org.id, [firstManager, firstSeller]);
    if (!manager || !seller) throw new Error('no people');
    for (const person of [manager, seller]) await createAccount({ db, clock, auth }, person, password);
    // Their weekly 1:1, so that the manager has an agenda with the seller.
    await startMeeting({ db, clock, org, actor: manager }, { kind: 'one_on_one', with: [seller.email] });
    return { manager: manager.email, seller: seller.email, seededMs: performance.now() - started };
  } finally {
    await db.destroy();
  }
}

/** The CPU time a process has used so far, in ms (Linux: /proc; elsewhere unknown). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function tokenFor(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  const token = response.headers.get('set-auth-token');
  if (!token) throw new Error(`sign-in failed: ${response.status}`);
  return token;
}

interface Measured {
  p50: number;
  p99: number;
  rps: number;
  failed: number;
  /** The size of one answer, in bytes. */
  bytes: number;
  /** What one answer took on the wire, headers included, as the clients asked for it. */
  sent: number;
  /** The server's CPU time for each answer, in µs. */
  cpuUs: number | null;
}

/** What browsers, `fetch` and `ft` signed in send: they take gzip. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const cpuOf = (before: number | null, after: number | null, requests: number): number | null =>
  before === null || after === null || requests === 0 ? null : ((after - before) * 1000) / requests;

/** Seconds of load before each measured run, unmeasured: the server's code is compiled by then. */
const WARM_UP = 2;

async function load(server: ChildProcess, url: string, token?: string): Promise<Measured> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      headers: {
        'accept-encoding': ACCEPT_ENCODING,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  await run(WARM_UP);
  const before = cpuMs(server.pid);
  const result = await run(seconds);
  const one = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failed: result.non2xx + result.errors + result.timeouts,
    bytes: (await one.arrayBuffer()).byteLength,
    sent: result.throughput.total / Math.max(1, result.requests.total),
    cpuUs: cpuOf(before, cpuMs(server.pid), result.requests.total),
  };
}

try {
  const seeded = await seed();
  const [ftPort, barePort] = await Promise.all([freePort(), freePort()]);
  const api = `http://127.0.0.1:${ftPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  // API_BENCH_PROFILE=DIR: a CPU profile of the server, written there when it stops.
  const profile = process.env.API_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.API_BENCH_PROFILE}`]
    : [];
  const ft = start([...profile, program, 'serve', '--no-scheduler', '--port', String(ftPort)], {
    FOLLOWTHROUGH_DATA: dataDir,
    FOLLOWTHROUGH_NOW: NOW,
    BETTER_AUTH_SECRET: secret,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  });
  // The same framework, adapter and JSON answer, with nothing behind it.
  const bareServer = start(
    [
      '-e',
      `const { Hono } = require('hono'); const { serve } = require('@hono/node-server');
       const app = new Hono(); app.get('/bare', (c) => c.json({ status: 'ok' }));
       serve({ fetch: app.fetch, hostname: '127.0.0.1', port: ${barePort} });`,
    ],
    {},
  );
  await Promise.all([untilUp(`${api}/healthz`), untilUp(`${bare}/bare`)]);
  const [managerToken, sellerToken] = [
    await tokenFor(api, seeded.manager),
    await tokenFor(api, seeded.seller),
  ];

  const rows: [string, Measured][] = [];
  rows.push(['a bare Hono route (`GET /bare`), the anchor', await load(bareServer, `${bare}/bare`)]);
  rows.push([
    "the server's own health check (`GET /healthz`): its whole app, no data read",
    await load(ft, `${api}/healthz`),
  ]);
  rows.push([
    "a seller's day (`GET /api/v1/me/today`)",
    await load(ft, `${api}/api/v1/me/today`, sellerToken),
  ]);
  rows.push([
    "a manager's team, overdue (`GET /api/v1/commitments?team=…&overdue=true&limit=50`)",
    await load(
      ft,
      `${api}/api/v1/commitments?team=${encodeURIComponent(seeded.manager)}&overdue=true&limit=50`,
      managerToken,
    ),
  ]);
  rows.push([
    "a 1:1 agenda, the manager's with a seller (`GET /api/v1/people/{seller}/agenda`)",
    await load(ft, `${api}/api/v1/people/${encodeURIComponent(seeded.seller)}/agenda`, managerToken),
  ]);
  const anchor = rows[0]?.[1].rps ?? 1;

  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; SQLite, ${total.toLocaleString('en-US')} commitments (seeded in ${Math.round(seeded.seededMs / 1000)} s); ${CONNECTIONS} connections, ${seconds} s a route; load average ${loadavg()[0]?.toFixed(2)}.\n`,
  );
  console.log(
    '| route | answer | sent | p50 | p99 | requests/s | × bare | server CPU an answer | failed | p99 ≤ 20 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const [name, m] of rows) {
    console.log(
      `| ${name} | ${(m.bytes / 1024).toFixed(1)} KB | ${(m.sent / 1024).toFixed(1)} KB | ${m.p50} ms | ${m.p99} ms | ${Math.round(m.rps).toLocaleString('en-US')} | ${(m.rps / anchor).toFixed(2)} | ${m.cpuUs === null ? '?' : `${Math.round(m.cpuUs)} µs`} | ${m.failed} | ${m.p99 <= 20 ? 'PASS' : 'MISS'} |`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
