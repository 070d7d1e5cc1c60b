/**
 * What the server benchmarks share: an organization of a million commitments on SQLite (100
 * managers with 10 sellers each, two years of history), `ft serve` and a bare Hono route each
 * in a process of its own, and tokens for the people the routes are read as.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export const MANAGERS = 100;
export const SELLERS = 10;
export const NOW = '2026-11-24T15:00:00.000Z';
const ZONE = 'America/New_York';
const program = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export interface Seeded {
  manager: string;
  seller: string;
  /** The manager's 1:1 with the seller, just started. */
  meetingId: number;
  seededMs: number;
}

/** A data folder, the processes started on it, and what stops them all. */
export function bench() {
  if (!existsSync(program)) throw new Error('Build the program first: npm run build');
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-served-'));
  const secret = randomBytes(32).toString('base64url');
  const password = randomBytes(12).toString('base64url');
  const children: ChildProcess[] = [];

  const start = (args: string[], env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  /** The organization, spread evenly: each seller owns total / 1,000 commitments, each team ten times that. */
  async function seed(total: number): Promise<Seeded> {
    const started = performance.now();
    const db = openDatabase({ dataDir }, { create: true });
    try {
      await migrate(db);
      const clock = fixedClock(NOW);
      const org = await ensureOrganization(db, clock, ZONE);
      const { firstManager, firstSeller } = await seedTeams(db, org.id, MANAGERS, SELLERS, ZONE, NOW);
      await db.updateTable('organizations').set({ default_actor_id: firstManager }).execute();
      await createDays(db, NOW, ZONE, -736, 90);
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
      const { meeting } = await startMeeting(
        { db, clock, org, actor: manager },
        { kind: 'one_on_one', with: [seller.email] },
      );
      return {
        manager: manager.email,
        seller: seller.email,
        meetingId: meeting.id,
        seededMs: performance.now() - started,
      };
    } finally {
      await db.destroy();
    }
  }

  /** `ft serve` on the data (no scheduler), and a bare Hono route: both up, with their addresses. */
  async function serve(profileDir?: string) {
    const [ftPort, barePort] = await Promise.all([freePort(), freePort()]);
    const url = `http://127.0.0.1:${ftPort}`;
    const bare = `http://127.0.0.1:${barePort}`;
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
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
    await Promise.all([untilUp(`${url}/healthz`), untilUp(`${bare}/bare`)]);
    return { url, bare, ft, bareServer };
  }

  /** A bearer token of someone seeded, signed in as `ft login` does. */
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

  const stop = () => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { dataDir, seed, serve, tokenFor, stop };
}

export const freePort = () =>
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

/** The CPU time a process has used so far, in ms (Linux: /proc; elsewhere unknown). */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
