/**
 * How fast the tick sends due follow-ups, beside what claiming alone allows, measured in the
 * same run. SQLite in this process; PostgreSQL with two `ft tick` processes sharing the work
 * (DATABASE_URL names an empty database to use). Each run checks that every follow-up got
 * exactly one message.
 * Usage: node --import tsx bench/tick.ts [follow-ups]. bench/tick.md keeps the last run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Db, migrate, openDatabase } from '../src/db/database.js';
import { isPostgres } from '../src/db/dialect.js';
import { claimDue } from '../src/followups/followups.repository.js';
import { BATCH, tick } from '../src/followups/tick.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import { fixedClock } from '../src/shared/clock.js';

const total = Number(process.argv[2] ?? 20_000);
const NOW = '2026-11-30T15:00:00.000Z';
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata'];

function numbers(db: Db, n: number) {
  return isPostgres(db)
    ? sql`select g as i from generate_series(1, ${sql.lit(n)}) as g`
    : sql`with recursive g(i) as (select 1 union all select i + 1 from g where i < ${sql.lit(n)}) select i from g`;
}

/** A manager and 20 sellers in five zones; `total` commitments due last Friday, each with a due follow-up. */
async function seed(db: Db): Promise<void> {
  await migrate(db);
  const org = await ensureOrganization(db, fixedClock(NOW), 'America/New_York');
  const person = (i: number) => ({
    organization_id: org.id,
    name: i === 0 ? 'Mara Chen' : `Seller ${i}`,
    email: i === 0 ? 'mara@bench.example' : `s${i}@bench.example`,
    kind: 'member' as const,
    time_zone: ZONES[i % ZONES.length] as string,
    manager_id: null,
    partner_id: null,
    company: null,
    deactivated_at: null,
    created_at: NOW,
  });
  await db
    .insertInto('people')
    .values(Array.from({ length: 21 }, (_, i) => person(i)))
    .execute();
  const manager = 1;
  await sql`
    insert into commitments (organization_id, what, owner_id, outcome, due_date, due_at, status, source,
      delegated_by_id, created_by_id, renegotiations, created_at, last_activity_at, visibility)
    select ${org.id}, 'Send revised pricing ' || i, 2 + (i % 20), 'Budget approved', '2026-11-27',
      '2026-11-28T04:59:59.999Z', 'open', 'direct', ${manager}, ${manager}, 0, ${NOW}, ${NOW}, 'internal'
    from (${numbers(db, total)}) as n`.execute(db);
  await sql`
    insert into follow_ups (organization_id, commitment_id, status, fire_at, answerer_id, hearer_id, late, created_at)
    select organization_id, id, 'scheduled', '2026-11-30T14:00:00.000Z', owner_id, ${manager}, 0, ${NOW}
    from commitments`.execute(db);
}

/** Claiming alone: the tick's batches moved from scheduled to sent, nothing else written. */
async function claimOnly(db: Db): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rows = await db
      .transaction()
      .execute((trx) => claimDue(trx, 'fire_at', 'scheduled', 'sent', NOW, BATCH, { sent_at: NOW }));
    if (rows.length < BATCH) break;
  }
  return performance.now() - started;
}

async function resetClaims(db: Db): Promise<void> {
  await db.updateTable('follow_ups').set({ status: 'scheduled', sent_at: null }).execute();
}

async function exactlyOnce(db: Db): Promise<string> {
  const row = await sql<{ messages: number; distinct_follow_ups: number }>`
    select count(*) as messages, count(distinct follow_up_id) as distinct_follow_ups
    from outbox where kind = 'follow_up'`.execute(db);
  const { messages, distinct_follow_ups } = row.rows[0] as { messages: number; distinct_follow_ups: number };
  return Number(messages) === total && Number(distinct_follow_ups) === total
    ? `${total.toLocaleString('en-US')} messages, one per follow-up`
    : `WRONG: ${messages} messages for ${distinct_follow_ups} follow-ups of ${total}`;
}

const rate = (ms: number) => `${Math.round((total / ms) * 1000).toLocaleString('en-US')}/s`;

function runTick(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'tick'], {
      env: { ...process.env, ...env, FOLLOWTHROUGH_NOW: NOW },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ft tick exited ${code}`))));
  });
}

const rows: string[] = [];

{
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-tick-'));
  const db = openDatabase({ dataDir }, { create: true });
  try {
    await seed(db);
    const claim = await claimOnly(db);
    await resetClaims(db);
    const started = performance.now();
    const result = await tick(db, fixedClock(NOW));
    const ms = performance.now() - started;
    if (result.sent !== total) throw new Error(`sent ${result.sent} of ${total}`);
    rows.push(
      `| SQLite, one process | ${rate(claim)} | ${rate(ms)} (${Math.round(ms)} ms) | ${await exactlyOnce(db)} |`,
    );
  } finally {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.env.DATABASE_URL) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-tick-'));
  const db = openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL });
  try {
    await sql`drop schema public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    await seed(db);
    const claim = await claimOnly(db);
    await resetClaims(db);
    const started = performance.now();
    const env = { DATABASE_URL: process.env.DATABASE_URL, FOLLOWTHROUGH_DATA: dataDir };
    await Promise.all([runTick(env), runTick(env)]);
    const ms = performance.now() - started;
    rows.push(
      `| PostgreSQL, two \`ft tick\` processes | ${rate(claim)} (one process) | ${rate(ms)} (${Math.round(ms)} ms, with start-up) | ${await exactlyOnce(db)} |`,
    );
  } finally {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  rows.push('| PostgreSQL | skipped: set DATABASE_URL to an empty database | | |');
}

console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${total.toLocaleString('en-US')} follow-ups due at once, owners in ${ZONES.length} zones.\n`,
);
console.log('| where | claiming alone | the tick (claim, messages, events) | exactly once |');
console.log('|---|---:|---:|---|');
for (const row of rows) console.log(row);
