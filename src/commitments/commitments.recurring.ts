import rrule from 'rrule';
import { plusDays, plusYears } from '../shared/days.js';
import { invalid } from '../shared/errors.js';
import { oneLine, quoted } from '../shared/text.js';

const { RRule, rrulestr } = rrule;

/**
 * Recurring steps ("update the forecast every Friday"): `--every` takes a phrase ("friday",
 * "every 2 weeks on monday", "every month on the 1st", "weekdays") or an RRULE
 * ("FREQ=WEEKLY;BYDAY=FR"). Each occurrence is a commitment of its own with its own follow-up;
 * the next is made when one closes or its date passes. Dates are days: the rule is read in UTC
 * on whole dates, anchored on the series' first date, so "every 2 weeks" keeps its rhythm.
 */

/** Words people say that rrule's reader wants as "every …". */
const SHORTHAND: Record<string, string> = {
  daily: 'every day',
  weekly: 'every week',
  fortnightly: 'every 2 weeks',
  biweekly: 'every 2 weeks',
  monthly: 'every month',
  yearly: 'every year',
  annually: 'every year',
  weekdays: 'every weekday',
  quarterly: 'every 3 months',
  'every quarter': 'every 3 months',
};

const DAY_FREQUENCIES = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);

/** The parts of a rule a step's rhythm may have: days, not hours; no counting by year-day or week number. */
const KEPT = new Set([
  'freq',
  'interval',
  'count',
  'until',
  'wkst',
  'byweekday',
  'bymonthday',
  'bymonth',
  'bysetpos',
]);

/** How far ahead a rhythm must come round: one that does not within this is refused. */
const HORIZON_YEARS = 5;

const HOW =
  'say it as "friday", "every other monday", "every 2 weeks on monday", "every month on the 1st", "weekdays", or an RRULE like "FREQ=WEEKLY;BYDAY=FR".';

const unread = (text: string, why: string) =>
  invalid('invalid_every', `--every ${quoted(text)} ${why}; ${HOW}`);

/** "Every other …", which rrule's reader does not know, as the interval of two it means. */
function otherAsTwo(said: string): string {
  return said
    .replace(/^(?:every )?other (day|week|month|year)s?\b/, 'every 2 $1s')
    .replace(/^(?:every )?other (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/, 'every 2 weeks on ');
}

/** A stored rule (DTSTART on the first date, then the RRULE) from what a person wrote. */
export function readEvery(text: string, firstDate: string): string {
  const said = otherAsTwo(oneLine(text, '--every', 200).toLowerCase().replace(/\s+/g, ' '));
  if (!said) throw invalid('invalid_every', `--every needs a rhythm: ${HOW}`);
  if (/^(every 0+ |(rrule:)?freq=.*\binterval=0+(;|$))/.test(said))
    throw invalid(
      'invalid_every',
      `--every ${quoted(text)} never comes round; say how often, like "every 2 weeks".`,
    );
  let options: Partial<rrule.Options>;
  try {
    if (/^(rrule:)?freq=/i.test(said)) {
      options = RRule.parseString(said.replace(/^rrule:/i, '').toUpperCase());
    } else {
      const phrase = SHORTHAND[said] ?? (said.startsWith('every ') ? said : `every ${said}`);
      options = RRule.parseText(phrase) ?? {};
    }
  } catch {
    throw unread(text, 'is no rhythm Followthrough reads');
  }
  const extra = Object.entries(options).filter(([key, value]) => value != null && !KEPT.has(key));
  if (options.freq === undefined || !DAY_FREQUENCIES.has(options.freq) || extra.length > 0) {
    throw unread(
      text,
      'is not a rhythm of days: a step recurs by days, weeks, months or years, not at an hour',
    );
  }
  if (options.bysetpos != null && options.freq !== RRule.MONTHLY && options.freq !== RRule.YEARLY) {
    throw unread(text, 'counts days within a month or a year only (BYSETPOS with FREQ=MONTHLY or YEARLY)');
  }
  if (!daysExist(options)) throw unread(text, 'names a day no month it names has');
  let rule: rrule.RRule;
  try {
    rule = new RRule({ ...options, ...lastDayKept(options, firstDate), dtstart: dayStart(firstDate) });
    // It comes round, and again: a rhythm whose second date is years away is no rhythm of work.
    const first = firstAfter(rule, plusDays(firstDate, -1));
    if (!first || !firstAfter(rule, first)) throw new Error('never');
  } catch {
    throw unread(text, `does not come round again within ${HORIZON_YEARS} years`);
  }
  return rule.toString();
}

/** Longest each month gets (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether some day the rule names is in some month it names: rrule looks for one forever (to
 * the year 9999) when none is, so "30 February" is refused before it is looked for.
 */
function daysExist(options: Partial<rrule.Options>): boolean {
  const days = [options.bymonthday ?? []].flat();
  if (days.length === 0) return true;
  const months = [options.bymonth ?? []].flat();
  const longest = Math.max(...(months.length ? months : [1]).map((m) => MONTH_DAYS[m - 1] ?? 0));
  return days.some((d) => (d < 0 ? -d <= 28 : d <= longest));
}

/**
 * A month's 29th to 31st is not in every month: "monthly" from the 31st means the month's
 * last day when it has no 31st, not a month skipped (and so for "yearly" from 29 February).
 */
function lastDayKept(options: Partial<rrule.Options>, firstDate: string): Partial<rrule.Options> {
  // The day the rhythm names ("every month on the 31st"), or the first date's.
  const named = [options.bymonthday ?? []].flat();
  const day = named.length === 1 ? (named[0] as number) : Number(firstDate.slice(8, 10));
  const otherwise = named.length > 1 || options.byweekday != null || options.bysetpos != null;
  if (day <= 28 || otherwise || (options.freq !== RRule.MONTHLY && options.freq !== RRule.YEARLY)) return {};
  return {
    bymonthday: Array.from({ length: day - 27 }, (_, i) => 28 + i),
    bysetpos: -1,
    ...(options.freq === RRule.YEARLY ? { bymonth: [Number(firstDate.slice(5, 7))] } : {}),
  };
}

/** The first date of a rhythm on or after a day: a recurring step given no --due starts there. */
export function firstOccurrence(text: string, from: string): string {
  const first = firstAfter(rrulestr(readEvery(text, from)), plusDays(from, -1));
  if (!first) throw unread(text, `does not come round again within ${HORIZON_YEARS} years`);
  return first;
}

/**
 * The rhythm's next day after a first date that is not one of its days ("--every friday --due
 * 'dec 9'", a Wednesday), so that it can be said; null when the date is one of them.
 */
export function offRhythm(every: string, date: string): string | null {
  const rule = rrulestr(every);
  return firstAfter(rule, plusDays(date, -1)) === date ? null : firstAfter(rule, date);
}

/**
 * The date the next occurrence is due: the rule's first date after the one before it, and not
 * before today (a series that waited while nothing ran starts again from today, once). Null
 * when the rule has ended (COUNT, UNTIL) or does not come round within five years.
 */
export function nextOccurrence(every: string, previousDue: string, today: string): string | null {
  return firstAfter(rrulestr(every), previousDue >= today ? previousDue : plusDays(today, -1));
}

/** The rule's first date after a day, looked for within the horizon only (some rules never come). */
function firstAfter(rule: rrule.RRule, after: string): string | null {
  const [first] = rule.between(
    dayStart(plusDays(after, 1)),
    dayStart(plusYears(after, HORIZON_YEARS)),
    true,
    (_date, i) => i < 1,
  );
  return first ? first.toISOString().slice(0, 10) : null;
}

/** "every week on Friday"; a rule words cannot say is shown as it is. */
export function describeEvery(every: string): string {
  try {
    const rule = rrulestr(every);
    const { bysetpos, bymonthday, freq } = rule.origOptions;
    const day = Array.isArray(bymonthday) ? bymonthday.at(-1) : undefined;
    if (bysetpos === -1 && Array.isArray(bymonthday) && bymonthday[0] === 28 && day !== undefined) {
      return `every ${freq === RRule.YEARLY ? 'year' : 'month'} on the ${day}${day === 31 ? 'st' : 'th'}, or the month's last day`;
    }
    if (bysetpos == null && rule.isFullyConvertibleToText()) return rule.toText();
  } catch {
    // Shown as stored.
  }
  return every.replace(/^DTSTART:\S+\s+/, '').replace(/^RRULE:/, '');
}

const dayStart = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
