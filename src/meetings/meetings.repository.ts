import type { Insertable, Updateable } from 'kysely';
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

/** Meetings, newest first, with the people in them and how many steps each agreed. */
export async function listMeetings(
  db: Db,
  orgId: number,
  filter: { personId?: number; kind?: string; since?: string; limit: number },
) {
  let query = db
    .selectFrom('meetings as m')
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('commitments as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.meeting_id', '=', 'm.id')
        .where('c.organization_id', '=', orgId)
        .as('commitments'),
    )
    .where('m.organization_id', '=', orgId);
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
  return query.orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc').limit(filter.limit).execute();
}

/** Every series, with how many meetings it has had and when the last one started. */
export function listSeries(db: Db, orgId: number) {
  return db
    .selectFrom('series as s')
    .leftJoin('meetings as m', (join) =>
      join.onRef('m.series_id', '=', 's.id').on('m.organization_id', '=', orgId),
    )
    .select(['s.id', 's.name', 's.kind'])
    .select((eb) => [eb.fn.count<number>('m.id').as('meetings'), eb.fn.max('m.starts_at').as('last')])
    .where('s.organization_id', '=', orgId)
    .groupBy(['s.id', 's.name', 's.kind'])
    .orderBy('s.name')
    .execute();
}
