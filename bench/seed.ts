/**
 * Seeding for the benchmarks: rows written by `insert … select` over a generated series, so a
 * million commitments with their follow-ups, events, meetings and coach flags take seconds,
 * with the same SQL on SQLite and PostgreSQL. Every instant a row needs is computed here once
 * per day in a small `bench_days` table; the rows join it by their day.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { isPostgres } from '../src/db/dialect.js';
import { addWorkingDays, plusDays } from '../src/shared/days.js';
import { dueInstant, wallClockToInstant } from '../src/shared/time.js';

/** Rows 1…n as `i`, a table both engines can insert from. */
export function numbers(db: Db, n: number) {
  return isPostgres(db)
    ? sql`select g as i from generate_series(1, ${sql.lit(n)}) as g`
    : sql`with recursive g(i) as (select 1 union all select i + 1 from g where i < ${sql.lit(n)}) select i from g`;
}

interface DayRow {
  /** Days from today: negative in the past. */
  d: number;
  date: string;
  /** The end of the day: when a step due that day is late. */
  due_at: string;
  /** 08:30 that day, the due-today reminder; 09:00 on the next working day, its follow-up. */
  remind_at: string;
  fire_at: string;
  /** Two days after the follow-up, when it counts as unanswered. */
  answer_due_at: string;
  /** Two weeks before the day, or now if that is later: when a step due that day was agreed. */
  created_at: string;
  /** A 1:1 that day, 10:00 to 10:30; its wrap-up is due 24 hours later. */
  meeting_at: string;
  meeting_end: string;
  wrapup_due: string;
  wrapup_on_time: string;
  wrapup_late: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Fills `bench_days` for every day from `from` to `to` days after today, in one zone. */
export async function createDays(db: Db, now: string, zone: string, from: number, to: number) {
  const days = db.withTables<{ bench_days: DayRow }>();
  await days.schema.dropTable('bench_days').ifExists().execute();
  await days.schema
    .createTable('bench_days')
    .addColumn('d', 'integer', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull().unique())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('remind_at', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .addColumn('answer_due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('meeting_at', 'text', (c) => c.notNull())
    .addColumn('meeting_end', 'text', (c) => c.notNull())
    .addColumn('wrapup_due', 'text', (c) => c.notNull())
    .addColumn('wrapup_on_time', 'text', (c) => c.notNull())
    .addColumn('wrapup_late', 'text', (c) => c.notNull())
    .execute();
  const today = new Date(now).toISOString().slice(0, 10);
  const at = (date: string, time: string) => wallClockToInstant(date, time, zone).getTime();
  const rows: DayRow[] = [];
  for (let d = from; d <= to; d++) {
    const date = plusDays(today, d);
    const fire = at(addWorkingDays(date, 1), '09:00');
    const meetingEnd = at(date, '10:30');
    rows.push({
      d,
      date,
      due_at: dueInstant({ date, time: null }, zone).toISOString(),
      remind_at: iso(at(date, '08:30')),
      fire_at: iso(fire),
      answer_due_at: iso(fire + 2 * 86_400_000),
      created_at: iso(Math.min(at(plusDays(date, -14), '11:00'), Date.parse(now))),
      meeting_at: iso(at(date, '10:00')),
      meeting_end: iso(meetingEnd),
      wrapup_due: iso(meetingEnd + 86_400_000),
      wrapup_on_time: iso(meetingEnd + 2 * 3_600_000),
      wrapup_late: iso(meetingEnd + 30 * 3_600_000),
    });
  }
  for (let i = 0; i < rows.length; i += 50) {
    await days
      .insertInto('bench_days')
      .values(rows.slice(i, i + 50))
      .execute();
  }
}

export async function dropDays(db: Db) {
  await db.schema.dropTable('bench_days').ifExists().execute();
}

export interface CommitmentSeed {
  orgId: number;
  count: number;
  /** SQL over `n.i` (1…count): who owns commitment i, and the manager who delegated it. */
  owner: RawBuilder<number>;
  delegator: RawBuilder<number>;
  /** Due dates spread evenly over these days from today (`bench_days` must hold them). */
  from: number;
  to: number;
  /**
   * With history, steps due in the past are mostly closed (55% done on time, 15% late, 10%
   * missed, 5% dropped, 15% still open); without, every commitment is open.
   */
  history: boolean;
  now: string;
}

/**
 * Commitments, each with its `created` event and, when it has a date, its follow-up in the
 * state the loop would have left it by now: scheduled, sent, unanswered (two days after it
 * went out) or answered (one in 7 open ones: "not done", no next step, so it stalls). About
 * 1.6% have no outcome and 0.5% no date (limbo); one in 13 was renegotiated twice (stalled),
 * one in 7 once; one in 47 was bought back; one in 7 carries a coach flag (a third of them
 * buy-backs, the rest limbo). Which rows get what is decided by different moduli and
 * scrambles, so owners, days and states do not line up.
 */
export async function seedCommitments(db: Db, seed: CommitmentSeed): Promise<void> {
  const { orgId, now } = seed;
  const span = seed.to - seed.from + 1;
  // A scrambled day per row, so that a row's day says nothing about its owner or its status.
  const day = sql`${sql.lit(seed.from)} + (cast(n.i as bigint) * 7919 % 10007) % ${sql.lit(span)}`;
  const past = seed.history ? sql`d.d < 0 and n.i % 211 <> 3` : sql`1 = 0`;
  // Another scramble decides how a past step ended, apart from its day and its owner.
  const r = sql`(cast(n.i as bigint) * 6983 % 10009) % 20`;
  // A late step was done one to five days after its date, and never after today.
  const lateDay = sql`case when d.d + 1 + n.i % 5 > 0 then 0 else d.d + 1 + n.i % 5 end`;
  await sql`
    insert into commitments (organization_id, what, owner_id, outcome, due_date, due_time, due_at, vague_due,
      status, source, delegated_by_id, created_by_id, renegotiations, created_at, last_activity_at,
      closed_at, done_on, visibility)
    select ${orgId}, 'Next step ' || n.i, ${seed.owner},
      case when n.i % 61 = 1 then null else 'Deal moves forward' end,
      case when n.i % 211 = 3 then null else d.date end, null,
      case when n.i % 211 = 3 then null else d.due_at end,
      case when n.i % 211 = 3 then 'next quarter' end,
      case when not (${past}) then 'open'
           when ${r} between 2 and 15 then 'done'
           when ${r} between 16 and 17 then 'missed'
           when ${r} = 18 then 'dropped'
           else 'open' end,
      'direct', ${seed.delegator}, ${seed.delegator},
      case when n.i % 13 = 0 then 2 when n.i % 7 = 0 then 1 else 0 end,
      d.created_at, d.created_at,
      case when not (${past}) then null
           when ${r} between 2 and 12 then d.due_at
           when ${r} between 13 and 15 then late.due_at
           when ${r} between 16 and 17 then d.due_at
           when ${r} = 18 then d.created_at end,
      case when not (${past}) then null
           when ${r} between 2 and 12 then d.date
           when ${r} between 13 and 15 then late.date end,
      'internal'
    from (${numbers(db, seed.count)}) as n
    join bench_days d on d.d = ${day}
    join bench_days late on late.d = ${lateDay}`.execute(db);

  await sql`
    insert into follow_ups (organization_id, commitment_id, status, fire_at, answerer_id, hearer_id, sent_at, late,
      answer_due_at, unanswered_at, answered_at, outcome, happened, learned, created_at, remind_at)
    select organization_id, id, status, fire_at, owner_id, delegated_by_id,
      case when status in ('scheduled', 'cancelled') then null else fire_at end, 0,
      case when status in ('sent', 'unanswered') then answer_due_at end,
      case when status = 'unanswered' then answer_due_at end,
      case when status = 'answered' then fire_at end,
      case when status = 'answered' then (case when commitment_status = 'done' then 'done' else 'not_done' end) end,
      case when status = 'answered' then 'Finance was out this week' end,
      case when status = 'answered' then 'Finance signs off, not the buyer' end,
      created_at,
      case when status = 'scheduled' and remind_at > ${now} then remind_at end
    from (
      select c.organization_id, c.id, c.owner_id, c.delegated_by_id, c.created_at, c.status as commitment_status,
        d.fire_at, d.answer_due_at, d.remind_at,
        case when c.status = 'dropped' then 'cancelled'
             when d.fire_at > ${now} then 'scheduled'
             when c.status <> 'open' or c.id % 7 = 3 then 'answered'
             when d.answer_due_at <= ${now} then 'unanswered'
             else 'sent' end as status
      from commitments c
      join bench_days d on d.date = c.due_date
      where c.organization_id = ${orgId}
    ) as f`.execute(db);

  // As the follow-ups' writes keep it: one follow-up each, so that one is the latest.
  await sql`
    update commitments set answered_not_done = 1
    where organization_id = ${orgId} and id in (
      select commitment_id from follow_ups
      where organization_id = ${orgId} and status = 'answered' and outcome = 'not_done'
        and next_commitment_id is null)`.execute(db);

  await sql`
    insert into commitment_events (organization_id, commitment_id, kind, actor_id, at, data)
    select organization_id, id, 'created', created_by_id, created_at, '{}'
    from commitments where organization_id = ${orgId}
    union all
    select organization_id, id, 'renegotiated', owner_id, created_at, '{}'
    from commitments where organization_id = ${orgId} and renegotiations > 0
    union all
    select organization_id, id, 'buy_back', delegated_by_id, created_at, '{}'
    from commitments where organization_id = ${orgId} and id % 47 = 0`.execute(db);

  await sql`
    insert into coach_flags (organization_id, writer_id, label, source, text, cues, commitment_id, at)
    select organization_id, delegated_by_id,
      case when id % 3 = 0 then 'buy_back' else 'limbo' end, 'note',
      case when id % 3 = 0 then 'I''ll call their CFO myself' else 'Someone should look into it' end,
      case when id % 3 = 0 then '["myself"]' else '["someone should"]' end,
      id, created_at
    from commitments where organization_id = ${orgId} and id % 7 = 0`.execute(db);
}

/**
 * A weekly 1:1 of every member who has a manager, written by the manager, for `weeks` weeks
 * up to yesterday: 70% of wrap-ups sent within 24 hours, 20% late, 10% never.
 */
export async function seedMeetings(db: Db, orgId: number, weeks: number, now: string): Promise<void> {
  await sql`
    insert into meetings (organization_id, kind, author_id, starts_at, ends_at, ended_at, notes, wrapup_due_at,
      wrapup_sent_at, created_at)
    select p.organization_id, 'one_on_one', p.manager_id, d.meeting_at, d.meeting_end, d.meeting_end, '',
      d.wrapup_due,
      case when (p.id + w.i) % 10 < 7 then d.wrapup_on_time
           when (p.id + w.i) % 10 < 9 and d.wrapup_late <= ${now} then d.wrapup_late end,
      d.meeting_at
    from people p
    cross join (${numbers(db, weeks)}) as w
    join bench_days d on d.d = -7 * (w.i - 1) - 1 - p.id % 5
    where p.organization_id = ${orgId} and p.manager_id is not null`.execute(db);
}

/**
 * `managers` managers with `sellers` sellers each, written by SQL, ids running on without gaps
 * team by team (so that owners can be found by arithmetic on ids: the first team's sellers are
 * firstSeller … firstSeller + sellers - 1, under firstManager).
 */
export async function seedTeams(
  db: Db,
  orgId: number,
  managers: number,
  sellers: number,
  zone: string,
  now: string,
) {
  await sql`
    insert into people (organization_id, name, email, kind, time_zone, created_at)
    select ${orgId}, 'Manager ' || n.i, 'm' || n.i || '@bench.example', 'member', ${zone}, ${now}
    from (${numbers(db, managers)}) as n order by n.i`.execute(db);
  await sql`
    insert into people (organization_id, name, email, kind, time_zone, manager_id, created_at)
    select ${orgId}, 'Seller ' || m.id || '-' || n.i, 's' || m.id || '-' || n.i || '@bench.example', 'member',
      ${zone}, m.id, ${now}
    from people m cross join (${numbers(db, sellers)}) as n
    where m.organization_id = ${orgId}
    order by m.id, n.i`.execute(db);
  const people = await db
    .selectFrom('people')
    .select(['id', 'email', 'manager_id'])
    .where('organization_id', '=', orgId)
    .orderBy('id')
    .execute();
  const managerRows = people.filter((p) => p.manager_id === null);
  const sellerRows = people.filter((p) => p.manager_id !== null);
  const firstManager = managerRows[0]?.id as number;
  const firstSeller = sellerRows[0]?.id as number;
  managerRows.forEach((m, t) => {
    if (m.id !== firstManager + t) throw new Error('manager ids are not consecutive');
  });
  sellerRows.forEach((s, j) => {
    if (s.id !== firstSeller + j || s.manager_id !== firstManager + Math.floor(j / sellers)) {
      throw new Error('seller ids are not consecutive, team by team');
    }
  });
  return { managers: managerRows, sellers: sellerRows, firstManager, firstSeller };
}
