import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Commitment } from '../db/schema.js';
import { INACTIVE_AFTER_DAYS, RENEGOTIATIONS_BEFORE_STALLED } from './commitments.rules.js';

/**
 * The rules of `commitments.rules.ts` that depend on "now", written as SQL over an open
 * commitment aliased `c`, so that counts and lists of them never load rows one by one.
 * `stallReasons` and `limboReasons` say the same in TypeScript: change both together.
 */

/**
 * "Unanswered" looks for an overdue commitment's follow-ups by the index on (organization,
 * commitment): a lookup per overdue row, which stays cheap for a person's or a team's open
 * commitments whatever the size of the organization. (Reading the matching follow-ups as one
 * set costs the whole organization's every time, which is far slower for a person or a team.)
 */

/** Overdue, with its follow-up sent and its answer window passed. */
export function unansweredSql(now: Date): RawBuilder<SqlBool> {
  const at = now.toISOString();
  return sql<SqlBool>`(c.due_at < ${at} and exists (
    select 1 from follow_ups f
    where f.organization_id = c.organization_id and f.commitment_id = c.id
      and f.status in ('sent', 'unanswered')
      and (f.status = 'unanswered' or (f.status = 'sent' and f.answer_due_at <= ${at}))))`;
}

/**
 * Stalled: renegotiated too often, idle too long, its latest follow-up answered "not done"
 * with no next step (a column its follow-ups' writes keep), or overdue and unanswered, the
 * one rule left that looks up follow-ups, and only for overdue rows.
 */
export function stalledSql(now: Date): RawBuilder<SqlBool> {
  const idleSince = new Date(now.getTime() - INACTIVE_AFTER_DAYS * 86_400_000).toISOString();
  return sql<SqlBool>`(c.renegotiations >= ${RENEGOTIATIONS_BEFORE_STALLED}
    or c.last_activity_at <= ${idleSince} or c.answered_not_done = 1 or ${unansweredSql(now)})`;
}

/** Limbo for a step that has an owner: no date, or no outcome. */
const limboOwnedSql = sql<SqlBool>`(c.due_date is null or c.outcome is null or trim(c.outcome) = '')`;

export const limboSql = sql<SqlBool>`(c.owner_id is null or ${limboOwnedSql})`;

export const overdueSql = (now: Date): RawBuilder<SqlBool> => sql<SqlBool>`(c.due_at < ${now.toISOString()})`;

/** What a manager sees flagged in each person's open work. */
export type OpenFlag = 'overdue' | 'stalled' | 'unanswered' | 'limbo';

/**
 * The open commitments of an organization (or of some owners in it) that carry a flag now, as
 * rows of `owner_id`, `id` and `due_at`, read from the flags' indexes (migration 0018), never
 * from the open rows themselves. The open status is written out, not bound: SQLite uses a
 * partial index only for a query that repeats its condition. With no owners given, the
 * organization's open steps with no owner are in limbo too (a second select, joined by `union`).
 */
export function flaggedSql(
  flag: OpenFlag,
  orgId: number,
  owners: readonly number[] | null,
  now: Date,
): RawBuilder<{ owner_id: number | null; id: number; due_at: string | null }> {
  const branches: Record<OpenFlag, () => RawBuilder<SqlBool>[]> = {
    overdue: () => [overdueSql(now)],
    unanswered: () => [unansweredSql(now)],
    stalled: () => [stalledSql(now)],
    limbo: () => (owners ? [limboOwnedSql] : [limboOwnedSql, sql<SqlBool>`c.owner_id is null`]),
  };
  const whose = owners ? sql`and c.owner_id in (${sql.join(owners)})` : sql``;
  return sql`${sql.join(
    branches[flag]().map(
      (branch) => sql`select c.owner_id, c.id, c.due_at from commitments c
        where c.organization_id = ${orgId} and c.status = 'open' ${whose} and ${branch}`,
    ),
    sql` union `,
  )}`;
}

/**
 * Delegated to someone else, and its owner has not agreed yet (they may have proposed another
 * date or approach, or asked for help, instead): a step one set oneself needs no agreement.
 */
export const unagreedSql = sql<SqlBool>`(c.agreed_at is null and c.delegated_by_id is not null and c.owner_id is not null and c.owner_id <> c.delegated_by_id)`;

/** `unagreedSql` for a row in hand. */
export const isUnagreed = (c: Pick<Commitment, 'agreed_at' | 'delegated_by_id' | 'owner_id'>): boolean =>
  c.agreed_at === null &&
  c.delegated_by_id !== null &&
  c.owner_id !== null &&
  c.owner_id !== c.delegated_by_id;
