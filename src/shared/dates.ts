import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { invalid } from './errors.js';
import type { Due } from './time.js';

/** Words that promise nothing: a commitment due "later" has no date and is in limbo. */
const VAGUE =
  /^(asap|soon|later|sometime|some time|at some point|tbd|whenever|eventually|when (i|we|you|they|he|she) (can|get a chance))$/i;

export type ParsedDue = { kind: 'date'; due: Due } | { kind: 'vague'; text: string };

/**
 * Reads a due as typed on the command line: an ISO date (2026-11-27), a date and time
 * (2026-11-27T15:00 or "2026-11-27 15:00", in the owner's zone), a day in words
 * ("friday", "tomorrow", "Dec 3") read forward from today, or a vague word ("ASAP").
 */
export function parseDue(text: string, context: { now: Date; zone: string; option: string }): ParsedDue {
  const value = text.trim();
  if (VAGUE.test(value)) return { kind: 'vague', text: value };
  // 04/12 is 4 December in some countries and 12 April in others: ask for the unambiguous form.
  if (/^\d{1,4}[/.]\d{1,2}([/.]\d{1,4})?$/.test(value)) {
    throw invalid(
      'ambiguous_date',
      `${context.option} "${text}" could be read day-first or month-first; write it as YYYY-MM-DD, like 2026-12-04, or as "Dec 4".`,
    );
  }
  const iso = DateTime.fromISO(value.replace(' ', 'T'), { zone: context.zone });
  if (iso.isValid && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const hasTime = value.length > 10;
    return {
      kind: 'date',
      due: { date: iso.toISODate() as string, time: hasTime ? iso.toFormat('HH:mm') : null },
    };
  }
  const [result] = chrono.casual.parse(value, ownerToday(context), { forwardDate: true });
  if (result && result.text.length >= value.length - 1) {
    const start = result.start;
    const date = [start.get('year'), start.get('month'), start.get('day')]
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
      .join('-');
    const time = start.isCertain('hour')
      ? `${String(start.get('hour')).padStart(2, '0')}:${String(start.get('minute') ?? 0).padStart(2, '0')}`
      : null;
    return { kind: 'date', due: { date, time } };
  }
  throw invalid(
    'invalid_date',
    `${context.option} "${text}" is not a date; use a date like 2026-11-27, "2026-11-27 15:00" or a day like friday.`,
  );
}

/**
 * chrono reads words against a reference in this process's own zone, and with `forwardDate`
 * compares the result with it. Handing it the owner's calendar day (at its start) as a
 * local date keeps both sides in one frame, so "friday" said on a Friday means today
 * wherever the owner and the server are.
 */
function ownerToday(context: { now: Date; zone: string }): Date {
  const local = DateTime.fromJSDate(context.now, { zone: context.zone });
  return new Date(local.year, local.month - 1, local.day);
}

/** A meeting time: ISO with an offset, or a local "2026-11-24 10:00" / "2026-11-24T10:00" in the zone. */
export function parseLocalInstant(text: string, zone: string, option: string): Date {
  const value = text.trim().replace(' ', 'T');
  const parsed = DateTime.fromISO(value, { zone, setZone: false });
  if (!parsed.isValid || !value.includes('T')) {
    throw invalid(
      'invalid_time',
      `${option} "${text}" is not a time; use "2026-11-24 10:00" (your zone) or an ISO instant.`,
    );
  }
  return parsed.toJSDate();
}

/** A plain calendar date, YYYY-MM-DD. */
export function parseCalendarDate(text: string, option: string): string {
  const parsed = DateTime.fromISO(text.trim());
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    throw invalid('invalid_date', `${option} "${text}" is not a date; use YYYY-MM-DD, like 2026-11-27.`);
  }
  return parsed.toISODate() as string;
}
