import { type RawBuilder, sql } from 'kysely';
import { flaggedSql } from '../commitments/commitments.sql.js';
import type { Db } from '../db/database.js';
import { notIndexed } from '../db/dialect.js';
import { plusDays } from '../shared/days.js';
import { dueInstant } from '../shared/time.js';
import type { Who } from './stats.repository.js';

/**
 * The loop's numbers week by week, per person or all together, counted by the database in a
 * handful of grouped queries (never row by row), by the same rules as `ft stats`: a step
 * counts in the week its due instant falls in, a follow-up in the week it was sent, a
 * wrap-up in the week its meeting ended, a coach's flag in the week it was said.
 */

/** A week of the reader's: its first day, and the instants it starts and ends. */
export interface Week {
  start: string;
  from: string;
  to: string;
}

/** The `count` weeks ending today in `zone`, oldest first; the last ends now. */
export function weeksEnding(today: string, zone: string, now: Date, count: number): Week[] {
  return Array.from({ length: count }, (_, i) => {
    const start = plusDays(today, -7 * (count - i) + 1);
    const next = plusDays(start, 7);
    return {
      start,
      from: dueInstant({ date: start, time: '00:00' }, zone).toISOString(),
      to:
        i === count - 1
          ? now.toISOString()
          : new Date(dueInstant({ date: next, time: '00:00' }, zone).getTime() - 1).toISOString(),
    };
  });
}

/** What is counted for each person (or everyone) and week. */
export interface WeekCounts {
  due: number;
  doneOnTime: number;
  followUpsSent: number;
  followUpsAnswered: number;
  meetingsEnded: number;
  wrapupsOnTime: number;
  buyBacksReassigned: number;
  buyBacksSaid: number;
  limboSaid: number;
}

const zero = (): WeekCounts => ({
  due: 0,
  doneOnTime: 0,
  followUpsSent: 0,
  followUpsAnswered: 0,
  meetingsEnded: 0,
  wrapupsOnTime: 0,
  buyBacksReassigned: 0,
  buyBacksSaid: 0,
  limboSaid: 0,
});

/** Which of the weeks an instant column falls in: 0 for the first (the query keeps only the weeks' span). */
function weekOf(column: string, weeks: Week[]): RawBuilder<number> {
  const cases = weeks
    .slice(1)
    .map((w, i) => ({ from: w.from, index: i + 1 }))
    .reverse()
    .map((w) => sql`when ${sql.ref(column)} >= ${w.from} then ${sql.lit(w.index)}`);
  return cases.length ? sql<number>`(case ${sql.join(cases, sql` `)} else 0 end)` : sql<number>`0`;
}

const CHUNK = 500;

/** The people in chunks under both databases' parameter limits, or everyone at once. */
async function chunked<R>(who: Who, run: (people: number[] | null) => Promise<R[]>): Promise<R[]> {
  if (who === 'organization') return run(null);
  const out: R[] = [];
  for (let i = 0; i < who.length; i += CHUNK) out.push(...(await run(who.slice(i, i + CHUNK))));
  return out;
}

const n = (value: unknown): number => Number(value ?? 0);

/**
 * Counts per week, and per person when `byPerson` (else under person `null`): a map from person
 * to one `WeekCounts` per week. People with nothing counted are absent.
 */
export async function weeklyCounts(
  db: Db,
  orgId: number,
  who: Who,
  weeks: Week[],
  byPerson: boolean,
): Promise<Map<number | null, WeekCounts[]>> {
  const first = weeks[0];
  const last = weeks.at(-1);
  const out = new Map<number | null, WeekCounts[]>();
  if (!first || !last || (who !== 'organization' && who.length === 0)) return out;
  const add = (person: unknown, week: unknown, counts: Partial<WeekCounts>) => {
    const key = byPerson ? n(person) : null;
    let row = out.get(key);
    if (!row) {
      row = weeks.map(zero);
      out.set(key, row);
    }
    const bucket = row[n(week)] as WeekCounts;
    for (const [k, v] of Object.entries(counts)) bucket[k as keyof WeekCounts] += v;
  };
  const span = { from: first.from, to: last.to };
  // By position: a week's expression holds parameters, which PostgreSQL would not match again.
  const grouped = byPerson ? [sql`1`, sql`2`] : [sql`2`];
  const person = (column: string) => (byPerson ? sql.ref(column) : sql<null>`null`);

  await chunked(who, async (people) => {
    const due = weekOf('due_at', weeks);
    let q = db
      .selectFrom('commitments')
      .select([
        person('owner_id').as('person'),
        due.as('week'),
        sql<number>`count(*)`.as('due'),
        sql<number>`sum(case when status = 'done' and done_on <= due_date then 1 else 0 end)`.as('on_time'),
      ])
      .where('organization_id', '=', orgId)
      .where('due_at', '>=', span.from)
      .where('due_at', '<=', span.to)
      .where('status', '!=', 'dropped')
      .groupBy(grouped);
    if (people) q = q.where('owner_id', 'in', people);
    for (const r of await q.execute()) add(r.person, r.week, { due: n(r.due), doneOnTime: n(r.on_time) });
    return [];
  });

  await chunked(who, async (people) => {
    const sent = weekOf('sent_at', weeks);
    let q = db
      .selectFrom('follow_ups')
      .select([
        person('answerer_id').as('person'),
        sent.as('week'),
        sql<number>`count(*)`.as('sent'),
        sql<number>`sum(case when answered_at is not null then 1 else 0 end)`.as('answered'),
      ])
      .where('organization_id', '=', orgId)
      .where('sent_at', '>=', span.from)
      .where('sent_at', '<=', span.to)
      .groupBy(grouped);
    if (people) q = q.where('answerer_id', 'in', people);
    for (const r of await q.execute())
      add(r.person, r.week, { followUpsSent: n(r.sent), followUpsAnswered: n(r.answered) });
    return [];
  });

  await chunked(who, async (people) => {
    const ended = weekOf('ended_at', weeks);
    let q = db
      .selectFrom('meetings')
      .select([
        person('author_id').as('person'),
        ended.as('week'),
        sql<number>`count(*)`.as('ended'),
        sql<number>`sum(case when wrapup_sent_at <= wrapup_due_at then 1 else 0 end)`.as('on_time'),
      ])
      .where('organization_id', '=', orgId)
      .where('ended_at', '>=', span.from)
      .where('ended_at', '<=', span.to)
      .groupBy(grouped);
    if (people) q = q.where('author_id', 'in', people);
    for (const r of await q.execute())
      add(r.person, r.week, { meetingsEnded: n(r.ended), wrapupsOnTime: n(r.on_time) });
    return [];
  });

  await chunked(who, async (people) => {
    const said = weekOf('at', weeks);
    let q = db
      .selectFrom('coach_flags')
      .select([
        person('writer_id').as('person'),
        said.as('week'),
        sql<number>`sum(case when label = 'buy_back' then 1 else 0 end)`.as('buy_backs'),
        sql<number>`sum(case when label = 'limbo' then 1 else 0 end)`.as('limbo'),
      ])
      .where('organization_id', '=', orgId)
      .where('at', '>=', span.from)
      .where('at', '<=', span.to)
      .groupBy(grouped);
    if (people) q = q.where('writer_id', 'in', people);
    for (const r of await q.execute())
      add(r.person, r.week, { buyBacksSaid: n(r.buy_backs), limboSaid: n(r.limbo) });
    return [];
  });

  await chunked(who, async (people) => {
    const at = weekOf('e.at', weeks);
    let q = db
      .selectFrom('commitment_events as e')
      .innerJoin('commitments as c', 'c.id', 'e.commitment_id')
      .select([person('c.owner_id').as('person'), at.as('week'), sql<number>`count(*)`.as('buy_backs')])
      .where('e.organization_id', '=', orgId)
      .where('e.kind', '=', 'buy_back')
      .where('e.at', '>=', span.from)
      .where('e.at', '<=', span.to)
      .groupBy(grouped);
    // The period's buy-backs from the index alone (not by each of the people's steps, which are
    // many more), kept when their step is one of the people's (a set made once from the owners'
    // index), before any step's row is read.
    if (people) {
      q = q.where(
        notIndexed(db, 'e.commitment_id'),
        'in',
        db
          .selectFrom('commitments as o')
          .select('o.id')
          .where('o.organization_id', '=', orgId)
          .where('o.owner_id', 'in', people),
      );
    }
    for (const r of await q.execute()) add(r.person, r.week, { buyBacksReassigned: n(r.buy_backs) });
    return [];
  });
  return out;
}

/** Open steps stalled and in limbo now, per owner: the same rules as `ft stats`. */
export async function openNow(
  db: Db,
  orgId: number,
  who: Who,
  now: Date,
): Promise<Map<number, { stalled: number; limbo: number }>> {
  const out = new Map<number, { stalled: number; limbo: number }>();
  await chunked(who, async (people) => {
    for (const flag of ['stalled', 'limbo'] as const) {
      const rows = await sql<{ owner_id: number | null; n: number }>`
        select owner_id, count(*) as n from (${flaggedSql(flag, orgId, people, now)}) flagged
        where owner_id is not null group by owner_id`.execute(db);
      for (const r of rows.rows) {
        const entry = out.get(n(r.owner_id)) ?? { stalled: 0, limbo: 0 };
        entry[flag] = n(r.n);
        out.set(n(r.owner_id), entry);
      }
    }
    return [];
  });
  return out;
}

/** Several weeks' counts added up. */
export function total(weeks: WeekCounts[]): WeekCounts {
  const sum = zero();
  for (const w of weeks) for (const k of Object.keys(sum) as (keyof WeekCounts)[]) sum[k] += w[k];
  return sum;
}
