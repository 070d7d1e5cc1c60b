import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { INACTIVE_AFTER_DAYS, RENEGOTIATIONS_BEFORE_STALLED } from './commitments.rules.js';

/**
 * The rules of `commitments.rules.ts` that depend on "now", written as SQL over an open
 * commitment aliased `c`, so that counts and lists of them never load rows one by one.
 * `stallReasons` and `limboReasons` say the same in TypeScript: change both together.
 */

/**
 * Each rule looks for a commitment's follow-ups by the index on (organization, commitment):
 * a few lookups per row, which stays cheap for a person's or a team's open commitments
 * whatever the size of the organization. (Reading the matching follow-ups as one set costs
 * the whole organization's every time, which is far slower for a person or a team.)
 */

/** Overdue, with its follow-up sent and its answer window passed. */
export function unansweredSql(now: Date): RawBuilder<SqlBool> {
  const at = now.toISOString();
  return sql<SqlBool>`(c.due_at < ${at} and exists (
    select 1 from follow_ups f
    where f.organization_id = c.organization_id and f.commitment_id = c.id
      and (f.status = 'unanswered' or (f.status = 'sent' and f.answer_due_at <= ${at}))))`;
}

/** Its latest follow-up was answered "not done" with no next step. */
function notDoneSql(): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from follow_ups f
    where f.organization_id = c.organization_id and f.commitment_id = c.id
      and f.status = 'answered' and f.outcome = 'not_done' and f.next_commitment_id is null
      and not exists (
        select 1 from follow_ups g
        where g.organization_id = f.organization_id and g.commitment_id = f.commitment_id and g.id > f.id))`;
}

export function stalledSql(now: Date): RawBuilder<SqlBool> {
  const idleSince = new Date(now.getTime() - INACTIVE_AFTER_DAYS * 86_400_000).toISOString();
  return sql<SqlBool>`(c.renegotiations >= ${RENEGOTIATIONS_BEFORE_STALLED}
    or c.last_activity_at <= ${idleSince} or ${unansweredSql(now)} or ${notDoneSql()})`;
}

export const limboSql = sql<SqlBool>`(c.owner_id is null or c.due_date is null or c.outcome is null or trim(c.outcome) = '')`;

export const overdueSql = (now: Date): RawBuilder<SqlBool> => sql<SqlBool>`(c.due_at < ${now.toISOString()})`;
