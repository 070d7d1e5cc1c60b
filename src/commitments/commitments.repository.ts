import { type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import { notIndexed } from '../db/dialect.js';
import type {
  Commitment,
  CommitmentEvent,
  CommitmentStatus,
  CommitmentTable,
  NewCommitment,
} from '../db/schema.js';
import type { Scope } from '../organizations/scope.js';
import { groupBy } from '../shared/collections.js';
import { notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';

export function insertCommitment(db: Db, values: NewCommitment): Promise<Commitment> {
  return db.insertInto('commitments').values(values).returningAll().executeTakeFirstOrThrow();
}

export function getCommitment(db: Db, orgId: number, id: number): Promise<Commitment | undefined> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The commitment an id names, or a not-found error that says where to find ids. */
export async function getCommitmentOrFail(
  db: Db,
  scope: Pick<Scope, 'org'>,
  ref: string,
): Promise<Commitment> {
  const id = parseId('commitment', ref);
  const found = await getCommitment(db, scope.org.id, id);
  if (!found) throw notFound('commitment', formatId('commitment', id), 'See `ft list` for the ids.');
  return found;
}

export function getCommitments(db: Db, orgId: number, ids: number[]): Promise<Commitment[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('commitments')
    .selectAll()
    .where(notIndexed(db, 'organization_id'), '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function updateCommitment(
  db: Db,
  id: number,
  values: Updateable<CommitmentTable>,
): Promise<Commitment> {
  return db
    .updateTable('commitments')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function linkPeople(
  db: Db,
  orgId: number,
  commitmentId: number,
  personIds: number[],
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('commitment_people')
    .values(unique.map((person_id) => ({ organization_id: orgId, commitment_id: commitmentId, person_id })))
    .execute();
}

export async function linkPrerequisites(
  db: Db,
  orgId: number,
  commitmentId: number,
  ids: number[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  await db
    .insertInto('commitment_prerequisites')
    .values(
      unique.map((prerequisite_id) => ({
        organization_id: orgId,
        commitment_id: commitmentId,
        prerequisite_id,
      })),
    )
    .execute();
}

/** The people each commitment is made with, for many commitments in one query. */
export async function peopleWith(
  db: Db,
  orgId: number,
  commitmentIds: number[],
): Promise<Map<number, number[]>> {
  if (commitmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('commitment_people')
    .select(['commitment_id', 'person_id'])
    .where('organization_id', '=', orgId)
    .where('commitment_id', 'in', commitmentIds)
    .execute();
  return groupBy(
    rows,
    (r) => r.commitment_id,
    (r) => r.person_id,
  );
}

export async function prerequisitesOf(
  db: Db,
  orgId: number,
  commitmentIds: number[],
): Promise<Map<number, number[]>> {
  if (commitmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('commitment_prerequisites')
    .select(['commitment_id', 'prerequisite_id'])
    .where('organization_id', '=', orgId)
    .where('commitment_id', 'in', commitmentIds)
    .execute();
  return groupBy(
    rows,
    (r) => r.commitment_id,
    (r) => r.prerequisite_id,
  );
}

export function eventsOf(db: Db, orgId: number, commitmentId: number): Promise<CommitmentEvent[]> {
  return db
    .selectFrom('commitment_events')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('commitment_id', '=', commitmentId)
    .orderBy('id')
    .execute();
}

/** The ids of every commitment made in some meetings, whatever their status. */
export async function commitmentIdsOfMeetings(
  db: Db,
  orgId: number,
  meetingIds: number[],
): Promise<number[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom('commitments')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('meeting_id', 'in', meetingIds)
    .execute();
  return rows.map((r) => r.id);
}

export interface CommitmentFilter {
  ownerIds?: number[];
  statuses?: CommitmentStatus[];
  meetingIds?: number[];
  planIds?: number[];
  dueBefore?: string;
  /** Rules that depend on now, as SQL over the commitment aliased `c` (see commitments.sql.ts). */
  conditions?: RawBuilder<SqlBool>[];
  limit: number;
}

/** Where a page of a list ends: the sort key of its last row. */
export interface ListCursor {
  dueAt: string | null;
  id: number;
}

/** The filter as a query; an empty list of ids matches nothing (null). */
function filtered(db: Db, orgId: number, filter: Omit<CommitmentFilter, 'limit'>) {
  const lists = [filter.ownerIds, filter.statuses, filter.meetingIds, filter.planIds];
  if (lists.some((list) => list?.length === 0)) return null;
  let query = db.selectFrom('commitments as c').where('c.organization_id', '=', orgId);
  if (filter.ownerIds) query = query.where('c.owner_id', 'in', filter.ownerIds);
  if (filter.statuses) query = query.where('c.status', 'in', filter.statuses);
  if (filter.meetingIds) query = query.where('c.meeting_id', 'in', filter.meetingIds);
  if (filter.planIds) query = query.where('c.plan_id', 'in', filter.planIds);
  if (filter.dueBefore) query = query.where('c.due_at', '<', filter.dueBefore);
  for (const condition of filter.conditions ?? []) query = query.where(condition);
  return query;
}

/** Lists commitments, soonest due first (undated last), from after a cursor. */
export async function findCommitments(
  db: Db,
  orgId: number,
  filter: CommitmentFilter & { after?: ListCursor | null },
): Promise<Commitment[]> {
  let query = filtered(db, orgId, filter);
  if (!query) return [];
  const after = filter.after;
  if (after) {
    // Rows sort by (undated, due_at, id): continue strictly after the cursor's row.
    query = query.where(
      after.dueAt === null
        ? sql<SqlBool>`(c.due_at is null and c.id > ${after.id})`
        : sql<SqlBool>`(c.due_at is null or c.due_at > ${after.dueAt} or (c.due_at = ${after.dueAt} and c.id > ${after.id}))`,
    );
  }
  // Undated last on both engines (SQLite sorts NULL first, PostgreSQL last).
  return query
    .selectAll('c')
    .orderBy(sql`case when c.due_at is null then 1 else 0 end`)
    .orderBy('c.due_at')
    .orderBy('c.id')
    .limit(filter.limit)
    .execute() as Promise<Commitment[]>;
}

/** How many commitments a filter matches, whatever their number. */
export async function countCommitments(
  db: Db,
  orgId: number,
  filter: Omit<CommitmentFilter, 'limit'>,
): Promise<number> {
  const query = filtered(db, orgId, filter);
  if (!query) return 0;
  const row = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open commitments made with any of these people, soonest due first. */
export function openCommitmentsWith(
  db: Db,
  orgId: number,
  personIds: number[],
  limit: number,
): Promise<Commitment[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('status', '=', 'open')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('commitment_people')
        .select('commitment_id')
        .where('organization_id', '=', orgId)
        .where('person_id', 'in', personIds),
    )
    .orderBy(sql`case when due_at is null then 1 else 0 end`)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
