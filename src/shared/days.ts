/**
 * Calendar dates (YYYY-MM-DD) without a zone: arithmetic on them runs in UTC, where every
 * day has 24 hours. Cheap enough to run per row in the scheduler's hot path.
 */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const year = Number(date.slice(0, 4));
  const ms = Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // Date.UTC reads years 0–99 as 1900–1999.
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function plusDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay() || 7;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Days someone does not work on besides weekends: the organization's holidays and their own time away. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  away: readonly { from: string; until: string }[];
}

export const weekendsOnly: WorkCalendar = { holidays: new Set(), away: [] };

export function isWorkingDay(date: string, calendar: WorkCalendar = weekendsOnly): boolean {
  if (weekday(date) > 5 || calendar.holidays.has(date)) return false;
  return !calendar.away.some((a) => a.from <= date && date <= a.until);
}

/** The date `count` working days after `date`; count 0 returns the date itself. */
export function addWorkingDays(date: string, count: number, calendar: WorkCalendar = weekendsOnly): string {
  let day = date;
  let left = count;
  // A calendar can only hold so many days off: stop rather than loop for ever on a bad one.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    day = plusDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** The same day `years` later (or earlier); 29 February becomes the 28th in other years. */
export function plusYears(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isRealDate(candidate) ? candidate : `${year}-02-28`;
}

/** Whether YYYY-MM-DD names a day that exists (2026-02-30 does not). */
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && plusDays(date, 0) === date;
}
