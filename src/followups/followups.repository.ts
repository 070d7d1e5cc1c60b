import { type Insertable, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notIndexed, skipLocked } from '../db/dialect.js';
import type { Database, FollowUp, FollowUpStatus, FollowUpTable } from '../db/schema.js';

export async function insertFollowUp(db: Db, values: Insertable<FollowUpTable>): Promise<FollowUp> {
  const inserted = await db.insertInto('follow_ups').values(values).returningAll().executeTakeFirstOrThrow();
  await keepNotDone(db, [inserted.commitment_id]);
  return inserted;
}

export function getFollowUp(db: Db, orgId: number, id: number): Promise<FollowUp | undefined> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateFollowUp(
  db: Db,
  id: number,
  values: Partial<Insertable<FollowUpTable>>,
): Promise<FollowUp> {
  const updated = await db
    .updateTable('follow_ups')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await keepNotDone(db, [updated.commitment_id]);
  return updated;
}

/** Sets the same values on several follow-ups in one statement. */
export async function updateFollowUps(
  db: Db,
  ids: number[],
  values: Partial<Insertable<FollowUpTable>>,
): Promise<void> {
  if (ids.length === 0) return;
  const updated = await db
    .updateTable('follow_ups')
    .set(values)
    .where('id', 'in', ids)
    .returning('commitment_id')
    .execute();
  await keepNotDone(
    db,
    updated.map((f) => f.commitment_id),
  );
}

/**
 * Keeps each commitment's `answered_not_done` true to its follow-ups: whether the latest was
 * answered "not done" with no next step. Every write above calls it, since what people do
 * (an answer, a new or cancelled follow-up) can change it; the tick's claims below only move
 * follow-ups between scheduled, sent and unanswered, which never does, and leave commitments
 * alone.
 */
async function keepNotDone(db: Db, commitmentIds: number[]): Promise<void> {
  if (commitmentIds.length === 0) return;
  await db
    .updateTable('commitments')
    .set({
      answered_not_done: sql<number>`coalesce((
        select case when f.status = 'answered' and f.outcome = 'not_done' and f.next_commitment_id is null
          then 1 else 0 end
        from follow_ups f
        where f.organization_id = commitments.organization_id and f.commitment_id = commitments.id
        order by f.id desc limit 1), 0)`,
    })
    .where('id', 'in', [...new Set(commitmentIds)])
    .execute();
}

/** Follow-ups of some commitments, oldest first, in one query. */
export function followUpsOf(db: Db, orgId: number, commitmentIds: number[]): Promise<FollowUp[]> {
  if (commitmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('commitment_id', 'in', commitmentIds)
    .orderBy('id')
    .execute();
}

/** The latest follow-up of each commitment. */
export async function latestFollowUps(
  db: Db,
  orgId: number,
  commitmentIds: number[],
): Promise<Map<number, FollowUp>> {
  const latest = new Map<number, FollowUp>();
  for (const f of await followUpsOf(db, orgId, commitmentIds)) latest.set(f.commitment_id, f);
  return latest;
}

/** Pending follow-ups (scheduled, sent or unanswered) are the ones a change to the commitment affects. */
export const pendingStatuses: FollowUpStatus[] = ['scheduled', 'sent', 'unanswered'];

export function listFollowUps(
  db: Db,
  orgId: number,
  filter: { statuses: FollowUpStatus[]; answererId?: number; fireBefore?: string },
): Promise<FollowUp[]> {
  let query = db
    .selectFrom('follow_ups')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('status', 'in', filter.statuses);
  if (filter.answererId !== undefined) query = query.where('answerer_id', '=', filter.answererId);
  if (filter.fireBefore !== undefined) query = query.where('fire_at', '<=', filter.fireBefore);
  return query.orderBy('fire_at').orderBy('id').limit(1000).execute();
}

/** The latest answers someone heard since a time (at most `limit`, oldest first), and how many there are. */
export async function answersHeardBy(
  db: Db,
  orgId: number,
  hearerId: number,
  since: string,
  limit: number,
): Promise<{ rows: FollowUp[]; total: number }> {
  const heard = db
    .selectFrom('follow_ups')
    .where('organization_id', '=', orgId)
    .where('hearer_id', '=', hearerId)
    .where('answered_at', '>=', since);
  const [rows, count] = await Promise.all([
    heard.selectAll().orderBy('answered_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    heard.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.reverse(), total: Number(count.n) };
}

/**
 * Claims due rows for one process: moves them from `from` to `to` and returns them. On
 * PostgreSQL concurrent claimers skip each other's locked rows; the status check in the
 * UPDATE makes a row change hands once even if two claimers raced for it.
 *
 * The rows are locked by one statement and updated by the next, in the caller's transaction.
 * As one UPDATE … WHERE id IN (SELECT … SKIP LOCKED), PostgreSQL could lock a row that another
 * claimer had just changed (a reminder sent) and then drop it on rechecking the UPDATE's own
 * older view of it: claimed by nobody, and left for the next tick.
 */
export async function claimDue(
  db: Db,
  column: 'fire_at' | 'answer_due_at',
  from: FollowUpStatus,
  to: FollowUpStatus,
  now: string,
  limit: number,
  stamp: Partial<Insertable<FollowUpTable>>,
): Promise<FollowUp[]> {
  const ids = await lockedIds(
    db,
    db
      .selectFrom('follow_ups')
      .select('id')
      .where('status', '=', from)
      .where(column, '<=', now)
      .orderBy(column)
      .limit(limit),
  );
  if (ids.length === 0) return [];
  return db
    .updateTable('follow_ups')
    .set({ status: to, ...stamp })
    .where('id', 'in', ids)
    .where(notIndexed(db, 'status'), '=', from)
    .returningAll()
    .execute();
}

/**
 * The due rows of one claim, read and locked until the transaction ends: concurrent
 * claimers on PostgreSQL skip them; on SQLite the transaction holds the one write lock.
 * The caller moves each on (`moveOn`) in the same transaction.
 */
export function lockDue(
  db: Db,
  column: 'fire_at' | 'answer_due_at',
  from: FollowUpStatus,
  now: string,
  limit: number,
): Promise<FollowUp[]> {
  return skipLocked(
    db,
    db
      .selectFrom('follow_ups')
      .selectAll()
      .where('status', '=', from)
      .where(column, '<=', now)
      .orderBy(column)
      .limit(limit),
  ).execute();
}

/** Moves locked rows from one status to the next with the values they share, in one statement. */
export async function moveOn(
  db: Db,
  ids: number[],
  from: FollowUpStatus,
  values: Partial<Insertable<FollowUpTable>> & { status: FollowUpStatus },
): Promise<number> {
  if (ids.length === 0) return 0;
  const moved = await db
    .updateTable('follow_ups')
    .set(values)
    .where('id', 'in', ids)
    .where(notIndexed(db, 'status'), '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/**
 * Claims the "due today" reminders whose time has come: clears their time and returns them,
 * so each goes out once however many processes tick.
 */
export async function claimReminders(db: Db, now: string, limit: number): Promise<FollowUp[]> {
  const ids = await lockedIds(
    db,
    db
      .selectFrom('follow_ups')
      .select('id')
      .where('status', '=', 'scheduled')
      .where('remind_at', '<=', now)
      .orderBy('remind_at')
      .limit(limit),
  );
  if (ids.length === 0) return [];
  return db
    .updateTable('follow_ups')
    .set({ remind_at: null })
    .where('id', 'in', ids)
    .where(notIndexed(db, 'remind_at'), 'is not', null)
    .returningAll()
    .execute();
}

/** The ids of the rows a claim selects, locked until the transaction ends (see claimDue). */
async function lockedIds(
  db: Db,
  query: SelectQueryBuilder<Database, 'follow_ups', { id: number }>,
): Promise<number[]> {
  return (await skipLocked(db, query).execute()).map((row) => row.id);
}

/**
 * The earliest moment the tick has work: a follow-up to send, a due-today reminder, or an answer
 * window closing. Each is the first entry of an index on (status, time); null when none waits.
 */
export async function nextDueAt(db: Db): Promise<string | null> {
  const first = (column: 'fire_at' | 'remind_at' | 'answer_due_at', status: FollowUpStatus) =>
    db
      .selectFrom('follow_ups')
      .select(column)
      .where('status', '=', status)
      .where(column, 'is not', null)
      .orderBy(column)
      .limit(1)
      .executeTakeFirst()
      .then((row) => (row?.[column as keyof typeof row] as string | null | undefined) ?? null);
  const times = await Promise.all([
    first('fire_at', 'scheduled'),
    first('remind_at', 'scheduled'),
    first('answer_due_at', 'sent'),
  ]);
  const known = times.filter((t): t is string => t !== null).sort();
  return known[0] ?? null;
}
