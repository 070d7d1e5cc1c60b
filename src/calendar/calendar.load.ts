import type { Db } from '../db/database.js';
import { plusDays, type WorkCalendar } from '../shared/days.js';
import { awayOf, holidayDates } from './calendar.repository.js';

/**
 * Each person's working calendar from a date on: the organization's holidays and their own
 * time away. Two queries, however many people.
 */
export async function loadCalendars(
  db: Db,
  orgId: number,
  personIds: number[],
  from: Date,
): Promise<Map<number, WorkCalendar>> {
  // A day's margin: "from" is read in UTC, and the people may be a day ahead or behind.
  const since = plusDays(from.toISOString().slice(0, 10), -1);
  const [holidays, away] = await Promise.all([
    holidayDates(db, orgId, since),
    awayOf(db, orgId, personIds, since),
  ]);
  return new Map(
    personIds.map((id) => [
      id,
      {
        holidays,
        away: (away.get(id) ?? []).map((a) => ({ from: a.starts_on, until: a.ends_on })),
      },
    ]),
  );
}

export async function loadCalendar(
  db: Db,
  orgId: number,
  personId: number,
  from: Date,
): Promise<WorkCalendar> {
  return (await loadCalendars(db, orgId, [personId], from)).get(personId) as WorkCalendar;
}
