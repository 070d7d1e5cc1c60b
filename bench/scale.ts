/**
 * How the product's reads and the tick behave in an organization with a million commitments.
 * Usage: node --import tsx bench/scale.ts [commitments] (DATABASE_URL for PostgreSQL;
 * BENCH_SLOW_MS=N prints every query slower than N ms).
 * Prints a Markdown table; bench/results.md keeps the last run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { agendaFor, findSeries } from '../src/agendas/agendas.usecases.js';
import { listCommitments } from '../src/commitments/commitments.usecases.query.js';
import { migrate, openDatabase } from '../src/db/database.js';
import { tick } from '../src/followups/tick.js';
import { startMeeting } from '../src/meetings/meetings.usecases.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import type { Scope } from '../src/organizations/scope.js';
import { fixedClock } from '../src/shared/clock.js';
import { statsFor } from '../src/stats/stats.usecases.js';
import { myDay } from '../src/today/today.usecases.js';

const total = Number(process.argv[2] ?? 1_000_000);
const MANAGERS = 100;
const REPORTS = 9;
const DUE_NOW = 1000;
const now = '2026-11-25T15:00:00.000Z';
const DAY = 86_400_000;

const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-'));
const db = openDatabase(
  { dataDir, databaseUrl: process.env.DATABASE_URL },
  { create: true, slowQueryMs: process.env.BENCH_SLOW_MS ? Number(process.env.BENCH_SLOW_MS) : undefined },
);
const clock = fixedClock(now);

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function insertInChunks(
  table: 'people' | 'commitments' | 'follow_ups',
  rows: Record<string, unknown>[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

try {
  await migrate(db);
  const org = await ensureOrganization(db, clock, 'America/New_York');
  const base = {
    organization_id: org.id,
    kind: 'member',
    time_zone: 'America/New_York',
    created_at: now,
    partner_id: null,
  };
  await insertInChunks(
    'people',
    Array.from({ length: MANAGERS }, (_, m) => ({
      ...base,
      name: `Manager ${m}`,
      email: `m${m}@bench.example`,
      manager_id: null,
    })),
  );
  const managers = await db.selectFrom('people').select('id').orderBy('id').execute();
  await insertInChunks(
    'people',
    managers.flatMap((m, i) =>
      Array.from({ length: REPORTS }, (_, r) => ({
        ...base,
        name: `Seller ${i}-${r}`,
        email: `s${i}-${r}@bench.example`,
        manager_id: m.id,
      })),
    ),
  );
  const sellers = await db
    .selectFrom('people')
    .select(['id', 'manager_id'])
    .where('manager_id', 'is not', null)
    .orderBy('id')
    .execute();
  const manager = managers[0] as { id: number };
  const scope: Scope = {
    db,
    clock,
    org,
    actor: await db.selectFrom('people').selectAll().where('id', '=', manager.id).executeTakeFirstOrThrow(),
  };
  const { meeting } = await startMeeting(scope, {
    kind: 'one_on_one',
    with: ['s0-0@bench.example'],
    at: '2026-11-10 10:00',
  });

  const [, seedMs] = await time(async () => {
    const batch = 50_000;
    for (let start = 0; start < total; start += batch) {
      const commitments = [];
      for (let i = start; i < Math.min(total, start + batch); i++) {
        const seller = sellers[i % sellers.length] as { id: number; manager_id: number | null };
        const dueAt = new Date(Date.parse(now) - 700 * DAY + ((i * 7919) % (730 * DAY))).toISOString();
        const open = i % 10 === 0 || dueAt > now;
        commitments.push({
          organization_id: org.id,
          what: `Next step ${i}`,
          owner_id: seller.id,
          outcome: 'Deal moves',
          due_date: dueAt.slice(0, 10),
          due_time: null,
          due_at: dueAt,
          vague_due: null,
          status: open ? 'open' : i % 7 === 0 ? 'missed' : 'done',
          source: 'meeting',
          meeting_id: i < 20 ? meeting.id : null,
          plan_id: null,
          delegated_by_id: seller.manager_id,
          created_by_id: seller.manager_id ?? seller.id,
          needs: null,
          follows_id: null,
          renegotiations: i % 13 === 0 ? 2 : 0,
          created_at: dueAt,
          last_activity_at: dueAt,
          closed_at: open ? null : dueAt,
        });
      }
      await insertInChunks('commitments', commitments);
    }
    const ids = await db
      .selectFrom('commitments')
      .select(['id', 'owner_id', 'delegated_by_id', 'due_at', 'status'])
      .execute();
    const followUps = ids.map((c, n) => {
      const due = n < DUE_NOW;
      const fireAt = due
        ? new Date(Date.parse(now) - 3_600_000).toISOString()
        : new Date(Date.parse(c.due_at as string) + DAY).toISOString();
      const sent = !due && fireAt < now;
      return {
        organization_id: org.id,
        commitment_id: c.id,
        status: due ? 'scheduled' : sent ? (c.status === 'open' ? 'unanswered' : 'answered') : 'scheduled',
        fire_at: fireAt,
        answerer_id: c.owner_id,
        hearer_id: c.delegated_by_id,
        ask: null,
        sent_at: sent ? fireAt : null,
        late: 0,
        answer_due_at: sent ? fireAt : null,
        unanswered_at: null,
        answered_at: sent && c.status !== 'open' ? fireAt : null,
        outcome: sent && c.status !== 'open' ? 'done' : null,
        happened: null,
        learned: null,
        next_commitment_id: null,
        created_at: fireAt,
      };
    });
    await insertInChunks('follow_ups', followUps);
  });

  // A database in use has planner statistics: SQLite gathers them with PRAGMA optimize when ft exits.
  await sql`analyze`.execute(db);

  const rows: [string, number][] = [];
  const measure = async (name: string, work: () => Promise<unknown>) => {
    await work();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await time(work))[1]);
    rows.push([name, runs.sort((a, b) => a - b)[2] as number]);
  };
  const seller = {
    ...scope,
    actor: await db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 's0-0@bench.example')
      .executeTakeFirstOrThrow(),
  };
  await measure("a seller's day (`ft`)", () => myDay(seller));
  await measure("a manager's team, overdue (`ft list --team … --overdue`)", () =>
    listCommitments(scope, { team: 'm0@bench.example', overdue: true }),
  );
  await measure("one seller's open items (`ft list --owner … --status open`)", () =>
    listCommitments(scope, { owner: 's0-0@bench.example', status: 'open' }),
  );
  await measure('a 1:1 agenda (`ft agenda --with …`)', async () =>
    agendaFor(scope, { series: await findSeries(scope, { with: 's0-0@bench.example' }), plan: null }),
  );
  await measure('team stats, last four weeks (`ft stats`)', () =>
    statsFor(scope, { team: 'm0@bench.example' }),
  );
  const [sent, tickMs] = await time(() => tick(db, clock));

  const dialect = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  console.log(
    `\n${dialect}, ${total.toLocaleString('en')} commitments and as many follow-ups, ${managers.length + sellers.length} people (seeded in ${(seedMs / 1000).toFixed(0)} s)\n`,
  );
  console.log('| operation | median of 5 |\n| --- | ---: |');
  for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} ms |`);
  console.log(
    `| tick: ${sent.sent} due follow-ups claimed, written to the outbox | ${tickMs.toFixed(0)} ms (${Math.round(sent.sent / (tickMs / 1000))}/s) |`,
  );
} finally {
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
