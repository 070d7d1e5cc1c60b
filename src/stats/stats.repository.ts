import { sql } from 'kysely';
import { flaggedSql } from '../commitments/commitments.sql.js';
import type { Db } from '../db/database.js';
import { daysBetweenColumns, notIndexed, withinADay } from '../db/dialect.js';

/**
 * The counts behind `ft stats`, made by the database: nothing is loaded row by row, so a team
 * of a hundred thousand open commitments costs a few index scans. People are passed in
 * chunks well under both databases' limits on bound parameters.
 */

/** Whose numbers: some people (owners, answerers, authors, writers), or the whole organization. */
export type Who = number[] | 'organization';

export interface Period {
  /** Instants, inclusive. */
  from: string;
  to: string;
}

const CHUNK = 500;

/** Runs a counting query per chunk of people and adds the results up. */
async function summed<T extends Record<string, number>>(
  who: Who,
  count: (people: number[] | null) => Promise<T>,
): Promise<T> {
  if (who === 'organization') return count(null);
  let total: T | null = null;
  for (let i = 0; i < Math.max(who.length, 1); i += CHUNK) {
    const part = await count(who.slice(i, i + CHUNK));
    const before: T | null = total;
    total = before
      ? (Object.fromEntries(
          Object.entries(before).map(([k, v]) => [k, (v as number) + ((part[k] as number | undefined) ?? 0)]),
        ) as T)
      : part;
  }
  return total as T;
}

const n = (value: unknown): number => Number(value ?? 0);

export function dueCounts(db: Db, orgId: number, owners: Who, period: Period, now: string) {
  return summed(owners, async (people) => {
    if (people?.length === 0) return { due: 0, doneOnTime: 0, doneLate: 0, missed: 0, openOverdue: 0 };
    let query = db
      .selectFrom('commitments')
      .select([
        sql<number>`count(*)`.as('due'),
        sql<number>`sum(case when status = 'done' and done_on <= due_date then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when status = 'done' and done_on > due_date then 1 else 0 end)`.as('late'),
        sql<number>`sum(case when status = 'missed' then 1 else 0 end)`.as('missed'),
        sql<number>`sum(case when status = 'open' and due_at < ${now} then 1 else 0 end)`.as('overdue'),
      ])
      .where('organization_id', '=', orgId)
      .where('due_at', '>=', period.from)
      .where('due_at', '<=', period.to)
      .where('status', '!=', 'dropped');
    if (people) query = query.where('owner_id', 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return {
      due: n(row.due),
      doneOnTime: n(row.on_time),
      doneLate: n(row.late),
      missed: n(row.missed),
      openOverdue: n(row.overdue),
    };
  });
}

/** How many late steps were done how many days late: a short histogram, not the rows. */
export async function daysLate(
  db: Db,
  orgId: number,
  owners: Who,
  period: Period,
): Promise<[number, number][]> {
  const histogram = new Map<number, number>();
  await summed(owners, async (people) => {
    if (people?.length === 0) return {};
    const days = daysBetweenColumns(db, 'due_date', 'done_on');
    let query = db
      .selectFrom('commitments')
      .select([days.as('days'), sql<number>`count(*)`.as('n')])
      .where('organization_id', '=', orgId)
      .where('due_at', '>=', period.from)
      .where('due_at', '<=', period.to)
      .where('status', '=', 'done')
      .whereRef('done_on', '>', 'due_date')
      .groupBy(days);
    if (people) query = query.where('owner_id', 'in', people);
    for (const row of await query.execute()) {
      histogram.set(n(row.days), (histogram.get(n(row.days)) ?? 0) + n(row.n));
    }
    return {};
  });
  return [...histogram.entries()];
}

export function followUpCounts(db: Db, orgId: number, answerers: Who, period: Period) {
  return summed(answerers, async (people) => {
    if (people?.length === 0) return { sent: 0, answered: 0 };
    let query = db
      .selectFrom('follow_ups')
      .select([
        sql<number>`count(*)`.as('sent'),
        sql<number>`sum(case when answered_at is not null then 1 else 0 end)`.as('answered'),
      ])
      .where('organization_id', '=', orgId)
      .where('sent_at', '>=', period.from)
      .where('sent_at', '<=', period.to);
    if (people) query = query.where('answerer_id', 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return { sent: n(row.sent), answered: n(row.answered) };
  });
}

export function wrapupCounts(db: Db, orgId: number, authors: Who, period: Period) {
  return summed(authors, async (people) => {
    if (people?.length === 0) return { ended: 0, onTime: 0, late: 0 };
    let query = db
      .selectFrom('meetings')
      .select([
        sql<number>`count(*)`.as('ended'),
        sql<number>`sum(case when wrapup_sent_at <= wrapup_due_at then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when wrapup_sent_at > wrapup_due_at then 1 else 0 end)`.as('late'),
      ])
      .where('organization_id', '=', orgId)
      .where('ended_at', '>=', period.from)
      .where('ended_at', '<=', period.to);
    if (people) query = query.where('author_id', 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return { ended: n(row.ended), onTime: n(row.on_time), late: n(row.late) };
  });
}

/**
 * The steps delegated to the people in the period (made by someone else for them), and how
 * their owners answered: agreed within a day, proposed another date or approach, asked for
 * help, or not yet.
 */
export function agreementCounts(db: Db, orgId: number, owners: Who, period: Period) {
  return summed(owners, async (people) => {
    if (people?.length === 0) return { delegated: 0, agreedInADay: 0, proposed: 0, askedForHelp: 0 };
    let query = db
      .selectFrom('commitments')
      .select([
        sql<number>`count(*)`.as('delegated'),
        sql<number>`sum(case when agreed_at is not null and ${withinADay(db, 'created_at', 'agreed_at')} then 1 else 0 end)`.as(
          'agreed',
        ),
        sql<number>`sum(case when proposal is not null then 1 else 0 end)`.as('proposed'),
        sql<number>`sum(case when help_asked is not null then 1 else 0 end)`.as('asked'),
      ])
      .where('organization_id', '=', orgId)
      .where('created_at', '>=', period.from)
      .where('created_at', '<=', period.to)
      .where('delegated_by_id', 'is not', null)
      .where(sql<boolean>`owner_id <> delegated_by_id`);
    if (people) query = query.where('owner_id', 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return {
      delegated: n(row.delegated),
      agreedInADay: n(row.agreed),
      proposed: n(row.proposed),
      askedForHelp: n(row.asked),
    };
  });
}

/** Renegotiations of the people's commitments, and buy-backs onto them, in the period. */
export function eventCounts(db: Db, orgId: number, owners: Who, period: Period) {
  return summed(owners, async (people) => {
    if (people?.length === 0) return { renegotiations: 0, buyBacks: 0 };
    let query = db
      .selectFrom('commitment_events as e')
      .innerJoin('commitments as c', 'c.id', 'e.commitment_id')
      .select([
        sql<number>`sum(case when e.kind = 'renegotiated' then 1 else 0 end)`.as('renegotiations'),
        sql<number>`sum(case when e.kind = 'buy_back' then 1 else 0 end)`.as('buy_backs'),
      ])
      .where('e.organization_id', '=', orgId)
      .where('e.kind', 'in', ['renegotiated', 'buy_back'])
      .where('e.at', '>=', period.from)
      .where('e.at', '<=', period.to);
    // Start from the period's events (few) and look up each one's owner, not the other way round.
    if (people) query = query.where(notIndexed(db, 'c.owner_id'), 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return { renegotiations: n(row.renegotiations), buyBacks: n(row.buy_backs) };
  });
}

/** Buy-backs and limbo the coach found in what these people wrote, in a period. */
export function coachCounts(db: Db, orgId: number, writers: Who, period: Period) {
  return summed(writers, async (people) => {
    if (people?.length === 0) return { buyBacks: 0, limbo: 0 };
    let query = db
      .selectFrom('coach_flags')
      .select([
        sql<number>`sum(case when label = 'buy_back' then 1 else 0 end)`.as('buy_backs'),
        sql<number>`sum(case when label = 'limbo' then 1 else 0 end)`.as('limbo'),
      ])
      .where('organization_id', '=', orgId)
      .where('at', '>=', period.from)
      .where('at', '<=', period.to);
    if (people) query = query.where('writer_id', 'in', people);
    const row = await query.executeTakeFirstOrThrow();
    return { buyBacks: n(row.buy_backs), limbo: n(row.limbo) };
  });
}

/**
 * Open commitments stalled now, and in limbo now, by the same rules as `stallReasons` and
 * `limboReasons`, counted by the database from the flags' indexes (see `flaggedSql`).
 */
export function openCounts(db: Db, orgId: number, owners: Who, now: Date) {
  return summed(owners, async (people) => {
    if (people?.length === 0) return { stalled: 0, limbo: 0 };
    const row = (
      await sql<{ stalled: number; limbo: number }>`select
        (select count(*) from (${flaggedSql('stalled', orgId, people, now)}) s) as stalled,
        (select count(*) from (${flaggedSql('limbo', orgId, people, now)}) l) as limbo`.execute(db)
    ).rows[0];
    return { stalled: n(row?.stalled), limbo: n(row?.limbo) };
  });
}
