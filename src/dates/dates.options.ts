import { isRealDate, plusDays, plusYears } from '../shared/days.js';
import { type AppError, invalid } from '../shared/errors.js';
import { quoted } from '../shared/text.js';
import { type Due, localDate, parseIsoInstant, wallClockToInstant } from '../shared/time.js';
import { type Direction, findDue, monthOf, quarterOf, weekOf } from './dates.read.js';

/**
 * Dates given to commands (`--due`, `--ends`, `--on`, `--since`, `--until`, `--at`,
 * `--next-due`): ISO dates, or prose read with the same conventions as notes ("friday",
 * "end of quarter", "in 2 wks"), against the person's today. Dates that cannot be meant
 * are refused: one that does not exist, one more than a year back, one more than ten years
 * ahead; one more than a year ahead needs --yes.
 */

/** Words that promise nothing: a commitment due "later" has no date and is in limbo. */
const VAGUE =
  /^(asap|soon|later|sometime|some time|at some point|tbd|whenever|eventually|when (i|we|you|they|he|she) (can|get a chance))$/i;

export type ParsedDue =
  | {
      kind: 'date';
      due: Due;
      /**
       * A day in words read as next year's ("nov 20" said on 24 Nov) when this year's has just
       * gone: this year's date, so that what was read can be said.
       */
      yearEarlier?: string;
    }
  | { kind: 'vague'; text: string };

/** How far ahead a day in words must land for this year's, gone by, to be worth naming. */
const NEXT_YEARS_AFTER_DAYS = 300;

export interface DateContext {
  now: Date;
  /** The zone "today" is read in: the owner's for a due date. */
  zone: string;
  option: string;
  /** The user confirmed a date more than a year ahead. */
  yes?: boolean | undefined;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/;
export const FAR_AHEAD_YEARS = 10;

function notADate(option: string, text: string, hint: string): AppError {
  return invalid('invalid_date', `${option} ${quoted(text)} is not a date; ${hint}`);
}

/** A date and an optional time, read whole from the text; null when it is no date at all. */
function readWhole(
  text: string,
  today: string,
  option: string,
  direction: Direction,
): { date: string; time: string | null } | { vague: string } | null {
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const [, date, time] = iso as unknown as [string, string, string | undefined];
    if (!isRealDate(date) || (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
      throw notADate(option, text, 'that day or time does not exist.');
    }
    return { date, time: time ?? null };
  }
  if (VAGUE.test(value)) return { vague: value };
  const found = findDue(value, today, { direction });
  if (!found) return null;
  const rest = `${value.slice(0, found.index)}${value.slice(found.index + found.length)}`;
  if (/[a-z0-9]/i.test(rest)) return null;
  if (found.invalid) throw notADate(option, text, `${quoted(found.invalid)} does not exist.`);
  if (found.vague) return { vague: value };
  return found.date ? { date: found.date, time: found.time } : null;
}

/** Refuses a date too far from today to be meant; one more than a year ahead needs --yes. */
export function checkRange(date: string, today: string, context: DateContext): void {
  const yearBack = plusYears(today, -1);
  const yearAhead = plusYears(today, 1);
  const farAhead = plusYears(today, FAR_AHEAD_YEARS);
  if (date < yearBack || date > farAhead) {
    throw invalid(
      'date_out_of_range',
      `${context.option} ${date} is out of range: dates from ${yearBack} to ${farAhead} are accepted.`,
    );
  }
  if (date > yearAhead && !context.yes) {
    throw invalid(
      'far_date',
      `${context.option} ${date} is more than a year away; add --yes if that is what you mean.`,
    );
  }
}

/**
 * Reads a due as typed on the command line: an ISO date (2026-11-27), a date and time
 * (2026-11-27T15:00 or "2026-11-27 15:00", in the owner's zone), a day in words ("friday",
 * "end of quarter") read forward from the owner's today, one that can only be past
 * ("yesterday", "last friday"), or a vague word ("ASAP").
 */
export function parseDue(text: string, context: DateContext): ParsedDue {
  const today = localDate(context.now, context.zone);
  // Words that only name a day gone by ("yesterday", "last friday") are read back, as a date
  // typed out would be: a step agreed last week and due since is recorded as it was agreed. A
  // period gone by ("last week", "last month") names no day, and stays refused.
  const read =
    readWhole(text, today, context.option, 'forward') ??
    (PERIOD.test(text) ? null : readWhole(text, today, context.option, 'backward'));
  if (!read) {
    throw notADate(
      context.option,
      text,
      'use a date like 2026-11-27, "2026-11-27 15:00", or words like friday, "next Tues", EOW or "end of quarter".',
    );
  }
  if ('vague' in read) return { kind: 'vague', text: read.vague };
  checkRange(read.date, today, context);
  // A month and day with no year, read as next year's while this year's has gone by.
  const yearEarlier = plusYears(read.date, -1);
  const nextYears =
    MONTH_NAME.test(text) &&
    !/\d{4}|\b(in|next|end|eo[mqy])\b/i.test(text) &&
    read.date.slice(0, 4) > today.slice(0, 4) &&
    yearEarlier.slice(0, 4) === today.slice(0, 4) &&
    yearEarlier < today &&
    read.date > plusDays(today, NEXT_YEARS_AFTER_DAYS);
  return nextYears ? { kind: 'date', due: read, yearEarlier } : { kind: 'date', due: read };
}

/** Words for a period rather than a day. */
const PERIOD = /\b(weeks?|months?|quarters?|years?)\b/i;
/** A month named in words. */
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;

/** A calendar date read forward from today (a plan's end): no time, no vague words. */
export function parseForwardDate(text: string, context: DateContext): string {
  const today = localDate(context.now, context.zone);
  const read = readWhole(text, today, context.option, 'forward');
  if (!read || 'vague' in read) {
    throw notADate(context.option, text, 'use a date like 2026-12-31 or words like "end of quarter".');
  }
  checkRange(read.date, today, context);
  return read.date;
}

/** When something was done: today or before ("yesterday", "thursday", 2026-12-03). */
export function parsePastDate(text: string, context: DateContext): string {
  const today = localDate(context.now, context.zone);
  const read = readWhole(text, today, context.option, 'backward');
  if (!read || 'vague' in read) {
    // "tomorrow" or "next friday" is a date, only not a past one: say so.
    const ahead = readWhole(text, today, context.option, 'forward');
    if (ahead && !('vague' in ahead) && ahead.date > today) {
      throw invalid(
        'date_in_future',
        `${context.option} ${quoted(text)} is ${ahead.date}, which has not happened yet (today is ${today}).`,
      );
    }
    throw notADate(context.option, text, 'use a date like 2026-12-03, or words like yesterday or thursday.');
  }
  if (read.date > today) {
    throw invalid(
      'date_in_future',
      `${context.option} ${read.date} has not happened yet (today is ${today}).`,
    );
  }
  checkRange(read.date, today, context);
  return read.date;
}

const RANGES: Record<string, (today: string) => { from: string; until: string }> = {
  today: (today) => ({ from: today, until: today }),
  'this week': (today) => weekOf(today),
  'last week': (today) => weekOf(plusDays(today, -7)),
  'this month': (today) => monthOf(today),
  'last month': (today) => monthOf(today, -1),
  'this quarter': (today) => quarterOf(today),
  'last quarter': (today) => quarterOf(today, -1),
  'this year': (today) => ({ from: `${today.slice(0, 4)}-01-01`, until: `${today.slice(0, 4)}-12-31` }),
  'last year': (today) => {
    const year = String(Number(today.slice(0, 4)) - 1).padStart(4, '0');
    return { from: `${year}-01-01`, until: `${year}-12-31` };
  },
};

/**
 * A period's bound (`--since`, `--until`): a date, a day in words read backward ("monday"),
 * or a period ("last week", "this quarter"), of which --since takes the first day and
 * --until the last.
 */
export function parsePeriodBound(text: string, bound: 'from' | 'until', context: DateContext): string {
  const today = localDate(context.now, context.zone);
  const range = RANGES[text.trim().toLowerCase().replace(/\s+/g, ' ')];
  if (range) return range(today)[bound];
  const read =
    readWhole(text, today, context.option, 'backward') ?? readWhole(text, today, context.option, 'forward');
  if (!read || 'vague' in read) {
    throw notADate(
      context.option,
      text,
      'use a date like 2026-11-01, or words like monday, "last week", "this month" or "last quarter".',
    );
  }
  const farBack = plusYears(today, -FAR_AHEAD_YEARS);
  const farAhead = plusYears(today, FAR_AHEAD_YEARS);
  if (read.date < farBack || read.date > farAhead) {
    throw invalid(
      'date_out_of_range',
      `${context.option} ${read.date} is out of range: periods from ${farBack} to ${farAhead} are accepted.`,
    );
  }
  return read.date;
}

/**
 * A meeting time: ISO with an offset, a local "2026-11-24 10:00", or words with a time
 * ("tomorrow 10am", "monday at 9:30"), in the zone.
 */
export function parseLocalInstant(text: string, context: DateContext): Date {
  const value = text.trim();
  const today = localDate(context.now, context.zone);
  let instant = parseIsoInstant(value);
  if (!instant) {
    const read =
      readWhole(value, today, context.option, 'forward') ??
      readWhole(value, today, context.option, 'backward');
    if (read && !('vague' in read) && read.time)
      instant = wallClockToInstant(read.date, read.time, context.zone);
  }
  if (!instant) {
    // "Dec 32 10:00": the day does not exist, whatever the time.
    const impossible = findDue(value, today);
    if (impossible?.invalid)
      throw notADate(context.option, text, `${quoted(impossible.invalid)} does not exist.`);
    throw invalid(
      'invalid_time',
      `${context.option} ${quoted(text)} is not a time; use "2026-11-24 10:00" (your zone), words like "tomorrow 10am", or an ISO instant.`,
    );
  }
  checkRange(localDate(instant, context.zone), today, context);
  return instant;
}
