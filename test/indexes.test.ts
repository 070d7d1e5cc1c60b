import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { agendaFor, findSeries } from '../src/agendas/agendas.usecases.js';
import { listCommitments, showCommitment } from '../src/commitments/commitments.usecases.query.js';
import { type Db, migrate } from '../src/db/database.js';
import { ImmediateSqliteDialect } from '../src/db/dialect.js';
import type { Database } from '../src/db/schema.js';
import { runDemo } from '../src/demo/demo.usecases.js';
import { listPendingFollowUps } from '../src/followups/followups.usecases.js';
import { tick } from '../src/followups/tick.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import type { Scope } from '../src/organizations/scope.js';
import { listOutbox } from '../src/outbox/outbox.repository.js';
import { findByEmail } from '../src/people/people.repository.js';
import { showPlan } from '../src/plans/plans.usecases.js';
import { fixedClock } from '../src/shared/clock.js';
import { statsFor } from '../src/stats/stats.usecases.js';
import { myDay } from '../src/today/today.usecases.js';

/** Tables that grow with use; a query that reads one of them whole would not survive a million commitments. */
const growing = [
  'commitments',
  'follow_ups',
  'commitment_events',
  'commitment_people',
  'commitment_prerequisites',
  'outbox',
  'meetings',
  'meeting_attendees',
];

/**
 * The demo in a SQLite file of its own (with its planner statistics when `measured`, as a
 * database in use has them), and each distinct query run inside `record`, with its parameters
 * and the plan SQLite gives it.
 */
async function demoWithPlans(name: string, measured: boolean) {
  const dir = mkdtempSync(join(tmpdir(), `ft-${name}-`));
  const file = new SQLite(join(dir, `${name}.db`));
  const queries = new Map<string, readonly unknown[]>();
  let recording = false;
  const db: Db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect(file),
    log: (event) => {
      if (recording && event.level === 'query') queries.set(event.query.sql, event.query.parameters);
    },
  });
  const close = async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(db);
    const clock = fixedClock('2026-11-25T16:00:00Z');
    const org = await ensureOrganization(db, clock, 'America/New_York');
    await runDemo(db, clock, org);
    // PRAGMA optimize gives a database in use its statistics when a command ends.
    if (measured) file.exec('analyze');
    const mara = await findByEmail(db, org.id, 'mara@northwind.example');
    const scope: Scope = { db, clock, org, actor: mara ?? null };
    /** The queries `work` ran, each with the details of its plan. */
    const record = async (work: () => Promise<unknown>) => {
      recording = true;
      try {
        await work();
      } finally {
        recording = false;
      }
      return [...queries].map(([sql, parameters]) => ({
        sql,
        plan: /^\s*(select|update|delete)/i.test(sql)
          ? (
              file.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as {
                detail: string;
              }[]
            ).map((step) => step.detail)
          : [],
      }));
    };
    return { db, org, scope, record, close };
  } catch (error) {
    await close();
    throw error;
  }
}

it('reads every growing table through an index (SQLite query plans of the day, lists, agendas, stats and the tick)', async () => {
  const { db, org, scope, record, close } = await demoWithPlans('plans', false);
  try {
    const queries = await record(async () => {
      await myDay(scope);
      for (const query of [
        {},
        { owner: 'dana@northwind.example' },
        { team: 'mara@northwind.example', overdue: true },
        { stalled: true },
      ]) {
        await listCommitments(scope, query);
      }
      await agendaFor(scope, {
        series: await findSeries(scope, { with: 'dana@northwind.example' }),
        plan: null,
      });
      await showCommitment(scope, 'c1');
      await showPlan(scope, 'p1');
      await statsFor(scope, { team: 'mara@northwind.example' });
      await listPendingFollowUps(scope, { due: true });
      await listOutbox(db, org.id, { limit: 50 });
      await tick(db, fixedClock('2026-12-01T15:00:00Z'));
    });

    assert.ok(queries.length > 20, `captured ${queries.length} distinct queries`);
    const scans: string[] = [];
    for (const { sql, plan } of queries) {
      for (const detail of plan) {
        const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
        if (scanned && growing.includes(scanned) && !/USING (COVERING )?INDEX/.test(detail))
          scans.push(`${detail}\n    in: ${sql}`);
      }
    }
    assert.deepEqual(scans, [], `full table scans:\n${scans.join('\n')}`);
  } finally {
    await close();
  }
});

it('counts the flags of a manager’s team (overdue, stalled, unanswered, limbo) and the agreement line from indexes alone, never reading a commitment’s row (SQLite query plans of the day and stats)', async () => {
  const { scope, record, close } = await demoWithPlans('flags', true);
  try {
    let teamSize = 0;
    const queries = await record(async () => {
      teamSize = (await myDay(scope)).team.length;
      await statsFor(scope, { team: 'mara@northwind.example' });
    });
    assert.ok(teamSize > 0, 'the demo manager has a team');

    const flagQueries = queries.filter(
      ({ sql }) =>
        /from commitments c\s+where c\.organization_id = \? and c\.status = 'open'/.test(sql) ||
        /"delegated"/.test(sql),
    );
    // The four flags of the day (a count and the first few each), stats' stalled and limbo (one
    // query) and its agreement line.
    assert.equal(flagQueries.length, 10);
    const reads: string[] = [];
    for (const { sql, plan } of flagQueries)
      for (const detail of plan)
        if (
          /^(SEARCH|SCAN) (c|f|commitments|follow_ups)\b/.test(detail) &&
          !/USING COVERING INDEX/.test(detail)
        )
          reads.push(`${detail}\n    in: ${sql}`);
    assert.deepEqual(reads, [], `rows read:\n${reads.join('\n')}`);
  } finally {
    await close();
  }
});
