import rrule from 'rrule';
import { plusDays } from '../shared/days.js';
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

const HOW =
  'say it as "friday", "every 2 weeks on monday", "every month on the 1st", "weekdays", or an RRULE like "FREQ=WEEKLY;BYDAY=FR".';

/** A stored rule (DTSTART on the first date, then the RRULE) from what a person wrote. */
export function readEvery(text: string, firstDate: string): string {
  const said = oneLine(text, '--every', 200).toLowerCase().replace(/\s+/g, ' ');
  if (!said) throw invalid('invalid_every', `--every needs a rhythm: ${HOW}`);
  let options: Partial<rrule.Options>;
  try {
    if (/^(rrule:)?freq=/i.test(said)) {
      options = RRule.parseString(said.replace(/^rrule:/i, '').toUpperCase());
    } else {
      const phrase = SHORTHAND[said] ?? (said.startsWith('every ') ? said : `every ${said}`);
      options = RRule.parseText(phrase) ?? {};
    }
  } catch {
    throw invalid('invalid_every', `--every ${quoted(text)} is no rhythm Followthrough reads; ${HOW}`);
  }
  if (options.freq === undefined || !DAY_FREQUENCIES.has(options.freq)) {
    throw invalid(
      'invalid_every',
      `--every ${quoted(text)}: a step recurs by days, weeks, months or years, not hours; ${HOW}`,
    );
  }
  const rule = new RRule({ ...options, dtstart: dayStart(firstDate) });
  if (!rule.after(dayStart(firstDate), true)) {
    throw invalid('invalid_every', `--every ${quoted(text)} never comes round; ${HOW}`);
  }
  return rule.toString();
}

/** The first date of a rhythm on or after a day: a recurring step given no --due starts there. */
export function firstOccurrence(text: string, from: string): string {
  const rule = rrulestr(readEvery(text, from));
  const first = rule.after(dayStart(from), true);
  if (!first) throw invalid('invalid_every', `--every ${quoted(text)} never comes round; ${HOW}`);
  return dateOf(first);
}

/**
 * The date the next occurrence is due: the rule's first date after the one before it, and not
 * before today (a series that waited while nothing ran starts again from today, once). Null
 * when the rule has ended (COUNT, UNTIL).
 */
export function nextOccurrence(every: string, previousDue: string, today: string): string | null {
  const rule = rrulestr(every);
  const after = previousDue >= today ? previousDue : plusDays(today, -1);
  const next = rule.after(dayStart(after), false);
  return next ? dateOf(next) : null;
}

/** "every week on Friday". */
export function describeEvery(every: string): string {
  return rrulestr(every).toText();
}

const dayStart = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
const dateOf = (instant: Date): string => instant.toISOString().slice(0, 10);
