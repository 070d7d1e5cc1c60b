import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AwayPeriod, AwayPeriodTable, Holiday, HolidayTable } from '../db/schema.js';
import { groupBy } from '../shared/collections.js';

/** The organization's holidays from a date on: a few dozen a year, read whole. */
export async function holidayDates(db: Db, orgId: number, from: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('holidays')
    .select('date')
    .where('organization_id', '=', orgId)
    .where('date', '>=', from)
    .execute();
  return new Set(rows.map((r) => r.date));
}

export function listHolidays(db: Db, orgId: number, from: string, until: string): Promise<Holiday[]> {
  return db
    .selectFrom('holidays')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('date', '>=', from)
    .where('date', '<=', until)
    .orderBy('date')
    .execute();
}

/** Adds holidays; a date the organization has already is kept as it was. Returns those added. */
export async function insertHolidays(db: Db, rows: Insertable<HolidayTable>[]): Promise<Holiday[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('holidays')
    .values(rows)
    .onConflict((oc) => oc.columns(['organization_id', 'date']).doNothing())
    .returningAll()
    .execute();
}

export function deleteHoliday(db: Db, orgId: number, date: string): Promise<Holiday | undefined> {
  return db
    .deleteFrom('holidays')
    .where('organization_id', '=', orgId)
    .where('date', '=', date)
    .returningAll()
    .executeTakeFirst();
}

/** Time away of some people that has not ended before `from`, by person. */
export async function awayOf(
  db: Db,
  orgId: number,
  personIds: number[],
  from: string,
): Promise<Map<number, AwayPeriod[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('away_periods')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('person_id', 'in', [...new Set(personIds)])
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .execute();
  return groupBy(rows, (r) => r.person_id);
}

export function listAway(db: Db, orgId: number, from: string, personId?: number): Promise<AwayPeriod[]> {
  let query = db
    .selectFrom('away_periods')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('ends_on', '>=', from);
  if (personId !== undefined) query = query.where('person_id', '=', personId);
  return query.orderBy('starts_on').orderBy('id').execute();
}

export function insertAway(db: Db, values: Insertable<AwayPeriodTable>): Promise<AwayPeriod> {
  return db.insertInto('away_periods').values(values).returningAll().executeTakeFirstOrThrow();
}

export function getAway(db: Db, orgId: number, id: number): Promise<AwayPeriod | undefined> {
  return db
    .selectFrom('away_periods')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAway(db: Db, id: number): Promise<void> {
  await db.deleteFrom('away_periods').where('id', '=', id).execute();
}
