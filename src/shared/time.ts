import { DateTime } from 'luxon';

/**
 * Zone arithmetic. Instants are stored as UTC ISO strings; calendar dates as YYYY-MM-DD
 * in the owner's zone. Luxon does the zone and daylight-saving work.
 */

/** A commitment's due: a calendar date, optionally with a wall-clock time in the owner's zone. */
export interface Due {
  date: string;
  time: string | null;
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export function toIso(instant: Date): string {
  return instant.toISOString();
}

export function zoned(instant: Date | string, zone: string): DateTime {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return DateTime.fromJSDate(date, { zone });
}

/** The calendar date an instant falls on in a zone. */
export function localDate(instant: Date | string, zone: string): string {
  return zoned(instant, zone).toISODate() as string;
}

/** A wall-clock time in a zone as an instant; a time skipped by a DST change moves forward. */
export function wallClockToInstant(date: string, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** A due date without a time means the end of that day in the owner's zone. */
export function dueInstant(due: Due, zone: string): Date {
  if (due.time) return wallClockToInstant(due.date, due.time, zone);
  return DateTime.fromISO(due.date, { zone }).endOf('day').toJSDate();
}

/** The date `count` working days (Mon–Fri) after `date`; count 0 returns the date itself. */
export function addWorkingDays(date: string, count: number): string {
  let day = DateTime.fromISO(date);
  let left = count;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day.toISODate() as string;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate() as string;
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);
}

/** "Fri 27 Nov", with the year only when it is not the current one. */
export function shortDate(date: string, today: string): string {
  const day = DateTime.fromISO(date);
  const sameYear = day.year === DateTime.fromISO(today).year;
  return day.toFormat(sameYear ? 'ccc d LLL' : 'ccc d LLL yyyy');
}

/** "in 3 days", "today", "2 days ago": how far a date is from today. */
export function relativeDays(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "Fri 27 Nov (in 3 days)", or with a time "Fri 27 Nov 15:00 (in 3 days)", as the reader sees it. */
export function describeDay(date: string, today: string, time: string | null = null): string {
  return `${shortDate(date, today)}${time ? ` ${time}` : ''} (${relativeDays(date, today)})`;
}

/** "Mon 30 Nov 09:00" in a zone. */
export function describeInstant(instant: Date | string, zone: string, today: string): string {
  const local = zoned(instant, zone);
  return `${shortDate(local.toISODate() as string, today)} ${local.toFormat('HH:mm')}`;
}
