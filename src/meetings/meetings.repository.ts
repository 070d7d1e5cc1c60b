import type { Insertable, RawBuilder, SqlBool, Updateable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Meeting, MeetingTable, Series, SeriesTable } from '../db/schema.js';
import { groupBy } from '../shared/collections.js';

export function insertMeeting(db: Db, values: Insertable<MeetingTable>): Promise<Meeting> {
  return db.insertInto('meetings').values(values).returningAll().executeTakeFirstOrThrow();
}

export function getMeeting(db: Db, orgId: number, id: number): Promise<Meeting | undefined> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function updateMeeting(db: Db, id: number, values: Updateable<MeetingTable>): Promise<Meeting> {
  return db.updateTable('meetings').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function addAttendees(
  db: Db,
  orgId: number,
  meetingId: number,
  personIds: number[],
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('meeting_attendees')
    .values(unique.map((person_id) => ({ organization_id: orgId, meeting_id: meetingId, person_id })))
    .execute();
}

export async function attendeesOf(
  db: Db,
  orgId: number,
  meetingIds: number[],
): Promise<Map<number, number[]>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('meeting_attendees')
    .select(['meeting_id', 'person_id'])
    .where('organization_id', '=', orgId)
    .where('meeting_id', 'in', [...new Set(meetingIds)])
    .orderBy('meeting_id')
    .orderBy('person_id')
    .execute();
  return groupBy(
    rows,
    (r) => r.meeting_id,
    (r) => r.person_id,
  );
}

export function meetingsOfSeries(db: Db, orgId: number, seriesId: number): Promise<Meeting[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('series_id', '=', seriesId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** Meetings a person ran that ended and still owe their wrap-up. */
export function wrapupsOwedBy(db: Db, orgId: number, authorId: number): Promise<Meeting[]> {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('author_id', '=', authorId)
    .where('ended_at', 'is not', null)
    .where('wrapup_sent_at', 'is', null)
    .orderBy('ended_at')
    .execute();
}

export function findSeriesByPair(db: Db, orgId: number, pairKey: string): Promise<Series | undefined> {
  return db
    .selectFrom('series')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('pair_key', '=', pairKey)
    .executeTakeFirst();
}

export function findSeriesByName(db: Db, orgId: number, name: string): Promise<Series | undefined> {
  return db
    .selectFrom('series')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function getSeries(db: Db, orgId: number, id: number): Promise<Series | undefined> {
  return db
    .selectFrom('series')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertSeries(db: Db, values: Insertable<SeriesTable>): Promise<Series> {
  return db.insertInto('series').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Where a page of meetings, newest first, ended: the last one's start and id. */
export interface MeetingCursor {
  startsAt: string;
  id: number;
}

export interface MeetingFilter {
  personId?: number | undefined;
  kind?: string | undefined;
  since?: string | undefined;
  /** What else a meeting (aliased `m`) must be: the policy's SQL. */
  conditions?: RawBuilder<SqlBool>[];
}

function meetingsWhere(db: Db, orgId: number, filter: MeetingFilter) {
  let query = db.selectFrom('meetings as m').where('m.organization_id', '=', orgId);
  if (filter.personId !== undefined) {
    const personId = filter.personId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('meeting_attendees as a')
          .select('a.person_id')
          .whereRef('a.meeting_id', '=', 'm.id')
          .where('a.person_id', '=', personId),
      ),
    );
  }
  if (filter.kind) query = query.where('m.kind', '=', filter.kind);
  if (filter.since) query = query.where('m.starts_at', '>=', filter.since);
  for (const condition of filter.conditions ?? []) query = query.where(condition);
  return query;
}

/** Meetings, newest first, after a cursor, with how many steps each agreed. */
export function listMeetings(
  db: Db,
  orgId: number,
  filter: MeetingFilter & { limit: number; after?: MeetingCursor | null },
) {
  let query = meetingsWhere(db, orgId, filter)
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('commitments as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.meeting_id', '=', 'm.id')
        .where('c.organization_id', '=', orgId)
        .as('commitments'),
    );
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('m.starts_at', '<', after.startsAt),
        eb.and([eb('m.starts_at', '=', after.startsAt), eb('m.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc').limit(filter.limit).execute();
}

/** How many meetings match, whatever the page. */
export async function countMeetings(db: Db, orgId: number, filter: MeetingFilter): Promise<number> {
  const row = await meetingsWhere(db, orgId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Everyone a series is between: the attendees of its meetings, and the pair of a 1:1 series. */
export async function peopleOfSeries(db: Db, series: Pick<Series, 'id' | 'organization_id' | 'pair_key'>) {
  const rows = await db
    .selectFrom('meeting_attendees as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select('a.person_id')
    .distinct()
    .where('m.organization_id', '=', series.organization_id)
    .where('a.organization_id', '=', series.organization_id)
    .where('m.series_id', '=', series.id)
    .execute();
  const pair = series.pair_key ? series.pair_key.split(':').map(Number) : [];
  return [...new Set([...pair, ...rows.map((r) => r.person_id)])];
}

/** Every series (that the policy's SQL lets one see), with how many meetings it has had and when the last one started. */
export function listSeries(db: Db, orgId: number, seen: RawBuilder<SqlBool> | null = null) {
  let query = db
    .selectFrom('series as s')
    .leftJoin('meetings as m', (join) =>
      join.onRef('m.series_id', '=', 's.id').on('m.organization_id', '=', orgId),
    )
    .select(['s.id', 's.name', 's.kind'])
    .select((eb) => [eb.fn.count<number>('m.id').as('meetings'), eb.fn.max('m.starts_at').as('last')])
    .where('s.organization_id', '=', orgId);
  if (seen) query = query.where(seen);
  return query.groupBy(['s.id', 's.name', 's.kind']).orderBy('s.name').execute();
}
