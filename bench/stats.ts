/**
 * `ft stats` at scale: an organization of 1,000,000 commitments, 100,000 of them in one
 * manager's team, with their follow-ups, events, weekly 1:1s and coach flags, on SQLite and,
 * when DATABASE_URL is set, on PostgreSQL (in a schema of its own, dropped at the end). Each
 * scope is timed through the use case (median of 5 after a warm-up), then once through the
 * built command line. Target: ≤ 200 ms.
 * Usage: npm run build && [DATABASE_URL=postgres://…] node --import tsx bench/stats.ts [commitments]
 * (BENCH_SLOW_MS=N prints every timed query slower than N ms).
 * Prints Markdown tables; bench/stats.md keeps the last run.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, migrate, type OpenOptions, openDatabase } from '../src/db/database.js';
import { isPostgres } from '../src/db/dialect.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import type { Scope } from '../src/organizations/scope.js';
import { fixedClock } from '../src/shared/clock.js';
import { type StatsQuery, statsFor } from '../src/stats/stats.usecases.js';
import { createDays, dropDays, seedCommitments, seedMeetings, seedTeams } from './seed.js';

const total = Number(process.argv[2] ?? 1_000_000);
const TEAM = Math.round(total / 10);
const MANAGERS = 100;
const SELLERS = 10;
const NOW = '2026-11-24T15:00:00.000Z'; // a Tuesday, 10:00 in New York
const ZONE = 'America/New_York';
/** Two years of history up to today, and three months ahead. */
const FIRST_DAY = -730;
const LAST_DAY = 89;
const WEEKS = 104;
const TARGET_MS = 200;
const program = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(program)) throw new Error('Build the program first: npm run build');

const { DATABASE_URL, FOLLOWTHROUGH_AS: _actor, ...baseEnv } = process.env;

interface Engine {
  name: string;
  /** Settings the command line reads to reach the same data. */
  env: Record<string, string>;
  open(options?: OpenOptions): Db;
  drop(): Promise<void>;
}

function sqlite(): Engine {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-stats-'));
  return {
    name: 'SQLite',
    env: { FOLLOWTHROUGH_DATA: dataDir },
    open: (options) => openDatabase({ dataDir }, options),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(url: string): Promise<Engine> {
  const schema = `ft_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-stats-'));
  return {
    name: 'PostgreSQL',
    env: { FOLLOWTHROUGH_DATA: dataDir, DATABASE_URL: inSchema },
    open: (options) => openDatabase({ dataDir, databaseUrl: inSchema }, options),
    drop: async () => {
      await admin(`drop schema ${schema} cascade`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * 100 managers with 10 sellers each, all written by SQL; commitment i belongs to the first
 * manager's team for i ≤ TEAM, else to one of the 99 other teams.
 */
async function seed(db: Db): Promise<{ manager: string; seller: string }> {
  const clock = fixedClock(NOW);
  const org = await ensureOrganization(db, clock, ZONE);
  const { managers, sellers, firstManager, firstSeller } = await seedTeams(
    db,
    org.id,
    MANAGERS,
    SELLERS,
    ZONE,
    NOW,
  );
  await db.updateTable('organizations').set({ default_actor_id: firstManager }).execute();

  const team = sql<number>`case when n.i <= ${sql.lit(TEAM)} then 0 else 1 + n.i % ${sql.lit(MANAGERS - 1)} end`;
  await createDays(db, NOW, ZONE, FIRST_DAY - 6, LAST_DAY + 1);
  await seedCommitments(db, {
    orgId: org.id,
    count: total,
    owner: sql<number>`${sql.lit(firstSeller)} + ${team} * ${sql.lit(SELLERS)} + n.i % ${sql.lit(SELLERS)}`,
    delegator: sql<number>`${sql.lit(firstManager)} + ${team}`,
    from: FIRST_DAY,
    to: LAST_DAY,
    history: true,
    now: NOW,
  });
  await seedMeetings(db, org.id, WEEKS, NOW);
  await dropDays(db);
  return { manager: managers[0]?.email as string, seller: sellers[0]?.email as string };
}

const tableCounts = [
  'people',
  'commitments',
  'follow_ups',
  'commitment_events',
  'meetings',
  'coach_flags',
] as const;

async function counts(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const table of tableCounts) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    parts.push(`${Number(row.n).toLocaleString('en')} ${table.replace('_', ' ')}`);
  }
  return parts.join(', ');
}

/** How many commitments a scope holds, open or closed. */
async function ownedBy(db: Db, query: StatsQuery, who: { manager: string; seller: string }): Promise<number> {
  let counting = db.selectFrom('commitments as c').select((eb) => eb.fn.countAll<number>().as('n'));
  if (query.person) {
    counting = counting.where('c.owner_id', '=', (eb) =>
      eb.selectFrom('people').select('id').where('email', '=', who.seller),
    );
  } else if (query.team) {
    counting = counting.where('c.owner_id', 'in', (eb) =>
      eb
        .selectFrom('people as p')
        .innerJoin('people as m', 'm.id', 'p.manager_id')
        .select('p.id')
        .where('m.email', '=', who.manager),
    );
  }
  return Number((await counting.executeTakeFirstOrThrow()).n);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Row {
  scope: string;
  owned: string;
  due: string;
  useCase: number;
  cli: number;
  counted: string;
}

async function bench(engine: Engine): Promise<{ rows: Row[]; seeded: string; seconds: number }> {
  const started = performance.now();
  let who: { manager: string; seller: string };
  const seeding = engine.open({ create: true });
  try {
    // A bigger page cache while writing a million rows; the timed reads get a connection as ft opens it.
    if (!isPostgres(seeding)) await sql`pragma cache_size = -1000000`.execute(seeding);
    await migrate(seeding);
    who = await seed(seeding);
    // A database in use has planner statistics (ft runs PRAGMA optimize on exit; PostgreSQL autovacuums).
    await sql.raw(isPostgres(seeding) ? 'vacuum analyze' : 'analyze').execute(seeding);
  } finally {
    await seeding.destroy();
  }
  const seconds = (performance.now() - started) / 1000;

  const slow = process.env.BENCH_SLOW_MS;
  const db = engine.open({ slowQueryMs: slow === undefined ? undefined : Number(slow) });
  const rows: Row[] = [];
  try {
    const seeded = await counts(db);
    const org = await ensureOrganization(db, fixedClock(NOW), ZONE);
    const actor = await db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', who.manager)
      .executeTakeFirstOrThrow();
    const scope: Scope = { db, clock: fixedClock(NOW), org, actor };
    const scopes: [string, StatsQuery, string[]][] = [
      [`\`--team\` (a manager and ${SELLERS} sellers)`, { team: who.manager }, ['--team', who.manager]],
      ['`--person` (one seller)', { person: who.seller }, ['--person', who.seller]],
      [`\`--org\` (${(MANAGERS * (SELLERS + 1)).toLocaleString('en')} members)`, { org: true }, ['--org']],
    ];
    for (const [name, query, args] of scopes) {
      const owned = await ownedBy(db, query, who);
      const first = await statsFor(scope, query);
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await statsFor(scope, query);
        runs.push(performance.now() - start);
      }
      const s = first.stats;
      const start = performance.now();
      const cli = spawnSync(process.execPath, [program, 'stats', ...args, '--json'], {
        env: { ...baseEnv, ...engine.env, FOLLOWTHROUGH_NOW: NOW, FOLLOWTHROUGH_TIME_ZONE: ZONE },
        encoding: 'utf8',
      });
      const cliMs = performance.now() - start;
      if (cli.status !== 0) throw new Error(`ft stats ${args.join(' ')} exited ${cli.status}: ${cli.stderr}`);
      const printed = JSON.parse(cli.stdout) as { due: number; stalled: number };
      if (printed.due !== s.due || printed.stalled !== s.stalled) {
        throw new Error(`ft stats ${args.join(' ')} counted differently from the use case`);
      }
      rows.push({
        scope: name,
        owned: owned.toLocaleString('en'),
        due: s.due.toLocaleString('en'),
        useCase: median(runs),
        cli: cliMs,
        counted: [
          `${s.doneOnTime}/${s.doneLate}/${s.missed}/${s.openOverdue}`,
          `${s.followUpsAnswered}/${s.followUpsSent}`,
          s.medianDaysLate ?? '–',
          s.renegotiations,
          `${s.stalled}/${s.limbo}`,
          `${s.buyBacksReassigned}/${s.buyBacksSaid}/${s.limboSaid}`,
          `${s.wrapupsOnTime}/${s.wrapupsLate}/${s.wrapupsMissing}`,
        ].join(' | '),
      });
    }
    return { rows, seeded, seconds };
  } finally {
    await db.destroy();
  }
}

const engines: (() => Promise<Engine>)[] = [async () => sqlite()];
if (DATABASE_URL) engines.push(() => postgres(DATABASE_URL));

console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}. Period: the last four weeks (the default), as of ${NOW}. Load average ${loadavg()[0]?.toFixed(2)}.`,
);
for (const make of engines) {
  const engine = await make();
  try {
    const { rows, seeded, seconds } = await bench(engine);
    console.log(
      `\n${engine.name}: ${seeded} (seeded in ${seconds.toFixed(0)} s; load average ${loadavg()[0]?.toFixed(2)} after the timings).\n`,
    );
    console.log(
      `| scope | commitments | due in the period | use case, median of 5 | ≤ ${TARGET_MS} ms | \`ft stats … --json\`, one run (wall) | ≤ ${TARGET_MS} ms |`,
    );
    console.log('| --- | ---: | ---: | ---: | :---: | ---: | :---: |');
    for (const r of rows) {
      const verdict = (ms: number) => (ms <= TARGET_MS ? 'PASS' : 'MISS');
      console.log(
        `| ${r.scope} | ${r.owned} | ${r.due} | ${r.useCase.toFixed(1)} ms | ${verdict(r.useCase)} | ${r.cli.toFixed(0)} ms | ${verdict(r.cli)} |`,
      );
    }
    console.log('\nWhat was counted, so that every number is exercised:\n');
    console.log(
      '| scope | done on time/late/missed/open overdue | follow-ups answered/sent | median days late | renegotiations | stalled/limbo now | buy-backs reassigned/said, limbo said | wrap-ups on time/late/missing |',
    );
    console.log('| --- | --- | --- | ---: | ---: | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.scope} | ${r.counted} |`);
  } finally {
    await engine.drop();
  }
}
if (!DATABASE_URL) console.log('\nDATABASE_URL is not set: PostgreSQL was not measured.');
