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

export const limboSql = sql<SqlBool>`(c.owner_id is null or c.due_date is null or c.outcome is null or trim(c.outcome) = '')`;

export const overdueSql = (now: Date): RawBuilder<SqlBool> => sql<SqlBool>`(c.due_at < ${now.toISOString()})`;

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
