import { daysFrom, isRealDate, plusDays, weekday } from './days.js';
import { invalid } from './errors.js';
import { quoted } from './text.js';

/**
 * Zone arithmetic. Instants are stored as UTC ISO strings; calendar dates as YYYY-MM-DD
 * in the owner's zone. The runtime's own time-zone data (Intl) does the zone and
 * daylight-saving work, with one formatter per zone kept for the life of the process: this
 * runs per row in the scheduler.
 */

/** A commitment's due: a calendar date, optionally with a wall-clock time in the owner's zone. */
export interface Due {
  date: string;
  time: string | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The IANA name of a zone as the runtime spells it ("america/new_york" → "America/New_York"), or null. */
export function canonicalZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Zones with no place, and so no summer time to get wrong. */
const PLACELESS = new Set(['UTC', 'GMT']);

/**
 * A time zone as typed, checked and spelled as the runtime spells it; refused, saying what to
 * type instead, when it names no zone, or when it names no place ("EST", "CET"): the runtime
 * reads such an abbreviation as some place that may not keep the clocks meant ("EST" is
 * America/Panama, which has no summer time, where New York has one), and follow-ups would go
 * out an hour off for half the year. `what` names the value in the message ("--tz").
 */
export function checkZone(zone: string, what?: string): string {
  const canonical = canonicalZone(zone);
  const named = what ? `${what} ${quoted(zone)}` : quoted(zone);
  if (!canonical)
    throw invalid(
      'invalid_time_zone',
      `${named} is not a time zone; use a place's, like America/New_York or Europe/Berlin.`,
    );
  if (!zone.includes('/') && !PLACELESS.has(zone.toUpperCase()))
    throw invalid(
      'invalid_time_zone',
      `${named} is an abbreviation or an old alias, not a place's zone; use the place whose clock you keep, like America/New_York or Europe/Berlin (alone, ${zone} is read as ${canonical}).`,
    );
  return canonical;
}

export function toIso(instant: Date): string {
  return instant.toISOString();
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsAt(ms: number, zone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as LocalParts;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const msOf = (instant: Date | string): number =>
  typeof instant === 'string' ? Date.parse(instant) : instant.getTime();

/** The last instants asked for: a tick asks for the same few (now, in each zone) thousands of times. */
const recent = new Map<string, { date: string; time: string }>();

/** The calendar date and wall-clock time an instant shows in a zone. */
export function localParts(instant: Date | string, zone: string): { date: string; time: string } {
  const ms = msOf(instant);
  const key = `${ms}|${zone}`;
  let local = recent.get(key);
  if (!local) {
    const p = partsAt(ms, zone);
    local = {
      date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
      time: `${pad(p.hour)}:${pad(p.minute)}`,
    };
    if (recent.size >= 256) recent.clear();
    recent.set(key, local);
  }
  return local;
}

/** The calendar date an instant falls on in a zone. */
export function localDate(instant: Date | string, zone: string): string {
  return localParts(instant, zone).date;
}

/** How far ahead of UTC a zone's clocks are at an instant, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const p = partsAt(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * A wall-clock time in a zone as an instant. A time skipped by a daylight-saving change moves
 * forward (02:30 on the spring-forward night is 03:30); a time that happens twice is the first.
 */
export function wallClockToInstant(date: string, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    hour,
    minute,
  );
  const first = wanted - offsetAt(wanted, zone);
  const second = wanted - offsetAt(first, zone);
  const shows = (ms: number) => {
    const p = partsAt(ms, zone);
    return (
      p.hour === hour && p.minute === minute && `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` === date
    );
  };
  const matching = [first, second].filter(shows);
  if (matching.length) return new Date(Math.min(...matching));
  // In the gap: the same time under the offset from before the change, which lands after it.
  return new Date(
    wanted - Math.min(offsetAt(wanted - 86_400_000, zone), offsetAt(wanted + 86_400_000, zone)),
  );
}

/** A due date without a time means the end of that day in the owner's zone. */
export function dueInstant(due: Due, zone: string): Date {
  if (due.time) return wallClockToInstant(due.date, due.time, zone);
  return new Date(wallClockToInstant(plusDays(due.date, 1), '00:00', zone).getTime() - 1);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri 27 Nov", with the year only when it is not the current one. */
export function shortDate(date: string, today: string): string {
  const day = `${WEEKDAYS[weekday(date) - 1]} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? day : `${day} ${date.slice(0, 4)}`;
}

/** "in 3 days", "today", "2 days ago": how far a date is from today. */
export function relativeDays(date: string, today: string): string {
  const days = daysFrom(today, date);
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
  const local = localParts(instant, zone);
  return `${shortDate(local.date, today)} ${local.time}`;
}

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/i;

/** An ISO-8601 instant with an explicit offset ("2026-11-30T09:00-05:00"), or null. */
export function parseIsoInstant(value: string): Date | null {
  const match = ISO_INSTANT.exec(value.trim());
  if (!match || !isRealDate(match[1] as string)) return null;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? null : new Date(ms);
}
