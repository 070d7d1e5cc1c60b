import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Indexes for the flags a manager sees on each of their people (`ft`, the day page, `ft stats`),
 * so that counting them reads indexes, never the table's rows:
 * - limbo: a partial index of the open steps with no date or no outcome, holding the columns
 *   its condition reads; the condition is `commitments.sql.ts`'s, word for word, since SQLite
 *   uses a partial index only for a query that repeats it;
 * - stalled: every column the rule reads, for the open steps of an organization, or of a person
 *   in date order;
 * - unanswered: a partial index of the follow-ups still waiting for an answer, looked up for
 *   each overdue step;
 * - for `ft stats`' agreement line, the steps delegated to each person, by when, with how
 *   they answered;
 * - a step's meeting and plan, for the steps that have one (see below).
 * Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index commitments_limbo on commitments
    (organization_id, owner_id, due_at, due_date, outcome)
    where status = 'open' and (due_date is null or outcome is null or trim(outcome) = '')`.execute(db);
  await sql`create index commitments_stall on commitments
    (organization_id, status, owner_id, due_at, last_activity_at, renegotiations, answered_not_done)`.execute(
    db,
  );
  await sql`create index commitments_delegated on commitments
    (organization_id, owner_id, created_at, delegated_by_id, agreed_at, proposal, help_asked)
    where delegated_by_id is not null`.execute(db);
  // A step's meeting and plan, indexed again for the steps that have one: SQLite's statistics
  // keep only the average number of steps per value, and with most steps in no plan (or made
  // outside a meeting) that average made a meeting's few steps look like thousands, and the
  // planner read the whole table instead. A partial index counts only steps that have one,
  // and any comparison of the column (= or in) uses it. (0003 keeps the full ones as they are.)
  for (const column of ['meeting_id', 'plan_id'] as const) {
    const name = column === 'meeting_id' ? 'commitments_meeting_set' : 'commitments_plan_set';
    await sql`create index ${sql.id(name)} on commitments (organization_id, ${sql.ref(column)}, status)
      where ${sql.ref(column)} is not null`.execute(db);
  }
  await sql`create index follow_ups_awaiting on follow_ups
    (organization_id, commitment_id, status, answer_due_at)
    where status in ('sent', 'unanswered')`.execute(db);
  // SQLite's planner picks an index by its statistics, and a database that has them has none
  // for a new index until `PRAGMA optimize` runs when a command closes (a server runs for days
  // before that): it would keep reading every open row. Each new index is measured now, from a
  // sample, as `PRAGMA optimize` would. A database never measured stays so.
  if (!isPostgres(db) && (await measured(db))) {
    const { rows } = await sql<{ analysis_limit: number }>`pragma analysis_limit`.execute(db);
    await sql`pragma analysis_limit = 1000`.execute(db);
    for (const index of [
      'commitments_limbo',
      'commitments_stall',
      'commitments_delegated',
      'commitments_meeting_set',
      'commitments_plan_set',
      'follow_ups_awaiting',
    ])
      await sql`analyze ${sql.id(index)}`.execute(db);
    await sql`pragma analysis_limit = ${sql.lit(rows[0]?.analysis_limit ?? 0)}`.execute(db);
  }
}

async function measured(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  return rows.length > 0;
}
