import type { ParsingContext } from 'chrono-node';
import * as chrono from 'chrono-node/en';

/**
 * Dates in prose, read against a reference day: the meeting's local date for notes, the
 * owner's today for a command's option. chrono-node (English only) does the reading; the
 * parsers and refiners here add what it lacks and fix the conventions that sales notes
 * follow (written down in the README):
 *
 * - a bare weekday means its next occurrence *after* the reference day; "next Friday"
 *   means Friday of the following Monday-to-Sunday week;
 * - "next week" and "end of next week" mean Friday of the following week;
 * - EOD/COB/tonight, EOW/end of week (on a weekend, the coming Friday), EOM, EOQ, Q1–Q4,
 *   EOY, "the 15th", "the week of Jan 4" (its Friday), tues/weds/thurs, "in 2 wks";
 * - a date that does not exist ("Dec 32", "Feb 30", "13/45") is no date, and says so.
 */

/** A due phrase found in a line: where it is, and the date it means (or the vague word used). */
export interface DueMatch {
  /** The span to cut from the line, including a leading "by", "on", "before"… */
  index: number;
  length: number;
  date: string | null;
  time: string | null;
  vague: string | null;
  /** The words of a date that does not exist ("Feb 30"), when that is all there is. */
  invalid?: string;
}

/**
 * A calendar day. Arithmetic on it runs in UTC, where every day has 24 hours: the zone has
 * already been applied when the reference's local date was taken.
 */
class Day {
  private constructor(private readonly utc: Date) {}

  static of(year: number, month: number, day: number): Day {
    const utc = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC reads years 0–99 as 1900–1999.
    if (year >= 0 && year < 100) utc.setUTCFullYear(utc.getUTCFullYear() - 1900);
    return new Day(utc);
  }

  static parse(date: string): Day {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return Day.of(year, month, day);
  }

  get year(): number {
    return this.utc.getUTCFullYear();
  }
  get month(): number {
    return this.utc.getUTCMonth() + 1;
  }
  get day(): number {
    return this.utc.getUTCDate();
  }
  /** 1 = Monday … 7 = Sunday. */
  get weekday(): number {
    return this.utc.getUTCDay() || 7;
  }

  plusDays(days: number): Day {
    return Day.of(this.year, this.month, this.day + days);
  }
  /** The last day of the month `months` after this one. */
  endOfMonth(months = 0): Day {
    return Day.of(this.year, this.month + months + 1, 0);
  }
  before(other: Day): boolean {
    return this.utc < other.utc;
  }
  get components() {
    return { year: this.year, month: this.month, day: this.day };
  }
}

/** The reference day as chrono holds it: that calendar date, read in this process's zone. */
function referenceDay(context: ParsingContext): Day {
  const ref = context.refDate;
  return Day.of(ref.getFullYear(), ref.getMonth() + 1, ref.getDate());
}

const mondayOf = (day: Day, weeksAhead: number): Day => day.plusDays(1 - day.weekday + weeksAhead * 7);
const fridayOf = (day: Day, weeksAhead: number): Day => mondayOf(day, weeksAhead).plusDays(4);

/** The last day of the quarter `q` (1–4) whose end is on or after `day`. */
function quarterEnd(day: Day, q: number): Day {
  const end = Day.of(day.year, q * 3 + 1, 0);
  return end.before(day) ? Day.of(day.year + 1, q * 3 + 1, 0) : end;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const monthNumber = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase() as never) + 1;

/** The next such month and day on or after `day`. */
function nextMonthDay(day: Day, month: number, date: number): Day {
  const thisYear = Day.of(day.year, month, date);
  return thisYear.before(day) ? Day.of(day.year + 1, month, date) : thisYear;
}

const parser = (pattern: RegExp, extract: (day: Day, match: RegExpMatchArray) => Day): chrono.Parser => ({
  pattern: () => pattern,
  extract: (context, match) => extract(referenceDay(context), match).components,
});

/** Notes shorthand chrono does not know, each meaning a calendar day relative to the reference. */
const shorthand: chrono.Parser[] = [
  // Said on a Saturday or Sunday, the end of the week is the coming Friday.
  parser(/\b(?:eow|end of (?:the |this )?week)\b/i, (day) => fridayOf(day, day.weekday >= 6 ? 1 : 0)),
  parser(/\b(?:eom|end of (?:the |this )?month)\b/i, (day) => day.endOfMonth()),
  parser(/\b(?:eoq|end of (?:the |this )?quarter)\b/i, (day) => day.endOfMonth(2 - ((day.month - 1) % 3))),
  parser(/\b(?:eoy|end of (?:the |this )?year)\b/i, (day) => Day.of(day.year, 12, 31)),
  parser(/\b(?:(?:the )?end of )?q([1-4])\b/i, (day, m) => quarterEnd(day, Number(m[1]))),
  parser(/\bthe (\d{1,2})(?:st|nd|rd|th)\b/i, (day, m) => {
    const wanted = Number(m[1]);
    // The next month that has that day, on or after the reference day.
    for (let months = 0; months < 3; months++) {
      const end = day.endOfMonth(months);
      if (wanted <= end.day && (months > 0 || wanted >= day.day)) return Day.of(end.year, end.month, wanted);
    }
    return day;
  }),
  parser(new RegExp(`\\b(?:the )?week of ${MONTH}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'i'), (day, m) =>
    fridayOf(nextMonthDay(day, monthNumber(m[1] as string), Number(m[2])), 0),
  ),
  parser(new RegExp(`\\b(?:the )?week of (\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}`, 'i'), (day, m) =>
    fridayOf(nextMonthDay(day, monthNumber(m[2] as string), Number(m[1])), 0),
  ),
  parser(/\bin (\d{1,3}|a|one|two|three|four|five|six|seven|eight) wks?\b/i, (day, m) => {
    const words = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
    const n = /\d/.test(m[1] as string)
      ? Number(m[1])
      : Math.max(1, words.indexOf((m[1] as string).toLowerCase()));
    return day.plusDays(7 * n);
  }),
];

/** Weekday spellings chrono does not know; the weekday refiner then applies the conventions. */
const SHORT_WEEKDAYS: Record<string, number> = { tues: 2, weds: 3, thur: 4, thurs: 4 };
const shortWeekday: chrono.Parser = {
  pattern: () => /\b(?:(next|this|following)\s+)?(tues|weds|thurs?)\b/i,
  extract: (context, match) =>
    context
      .createParsingComponents()
      .assign('weekday', SHORT_WEEKDAYS[(match[2] as string).toLowerCase()] as number),
};

/**
 * "EOD" is a time of day: on its own it means the reference day, next to a day ("Friday EOD",
 * "COB tomorrow") chrono merges it into that day.
 */
const endOfDay: chrono.Parser = {
  pattern: () => END_OF_DAY,
  extract: (context) => {
    const day = referenceDay(context);
    return context
      .createParsingComponents()
      .imply('year', day.year)
      .imply('month', day.month)
      .imply('day', day.day)
      .assign('hour', 17)
      .addTag('endOfDay');
  },
};

const END_OF_DAY = /\b(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of business)\b/i;

function setDay(result: chrono.ParsingResult, day: Day): void {
  result.start.assign('year', day.year);
  result.start.assign('month', day.month);
  result.start.assign('day', day.day);
}

/** Read forward (a due date) or backward (when something was done). */
export type Direction = 'forward' | 'backward';

/**
 * chrono reads a bare weekday as on-or-after; forward, it means the next one after the
 * reference day; backward, the last one on or before it.
 */
function weekdayConvention(direction: Direction): chrono.Refiner {
  return {
    refine: (context, results) => {
      const day = referenceDay(context);
      const kept =
        direction === 'forward' ? results.filter((r) => !/^(?:last|past|previous)\b/i.test(r.text)) : results;
      for (const result of kept) {
        if (direction === 'forward' && /\bnext week$/i.test(result.text)) {
          setDay(result, fridayOf(day, 1));
          continue;
        }
        const weekday = result.start.get('weekday');
        if (weekday === null || result.start.isCertain('day') || !result.start.isCertain('weekday')) continue;
        const isoWeekday = weekday === 0 ? 7 : weekday;
        if (direction === 'backward') {
          if (/^(?:last|past|previous)\b/i.test(result.text)) continue;
          // "next friday" is ahead whichever way the reader looks: never today or a day gone.
          if (/^(?:next|following)\b/i.test(result.text)) {
            setDay(result, mondayOf(day, 1).plusDays(isoWeekday - 1));
            continue;
          }
          setDay(result, day.plusDays(-((day.weekday - isoWeekday + 7) % 7)));
          continue;
        }
        const target = /^(?:next|following)\b/i.test(result.text)
          ? mondayOf(day, 1).plusDays(isoWeekday - 1)
          : day.plusDays(((isoWeekday - day.weekday + 6) % 7) + 1);
        setDay(result, target);
      }
      return kept;
    },
  };
}

function makeReader(direction: Direction): chrono.Chrono {
  const reader = chrono.casual.clone();
  reader.parsers.push(...shorthand, shortWeekday, endOfDay);
  reader.refiners.push(weekdayConvention(direction));
  return reader;
}

const readers: Partial<Record<Direction, chrono.Chrono>> = {};
const readerFor = (direction: Direction): chrono.Chrono => {
  readers[direction] ??= makeReader(direction);
  return readers[direction];
};

/** Words that promise no date: the commitment has no due and is in limbo for it. */
const VAGUE =
  /\b(?:asap|a\.s\.a\.p\.?|soon|soonish|later|sometime|some time|at some point|tbd|tba|whenever|eventually|when (?:\w+ )?(?:can|gets? (?:a )?(?:chance|time|a minute)|has (?:a )?(?:chance|time))|(?:when|if) (?:there'?s|(?:\w+ )?(?:has|have)) time)\b/i;

/** Little words that introduce a due phrase and go with it when it is cut from a line. */
const LEAD_IN =
  /(?:\b(?:by|on|before|until|till|due|for|no later than|not later than|latest|at the latest|first thing|sometime|at)\s+)+$/i;

/** Anything a due phrase could start with: a cheap test before asking chrono. */
const MAYBE_DATE =
  /\d|\b(?:to(?:day|night|morrow)|yesterday|last|tmrw?|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|wks?|month|quarter|year|eo[dwmqy]|cob|eob|end of|next|this|noon|morning|afternoon|evening|day|q[1-4])/i;

/** Dates that do not exist, written as a month and a day: "Dec 32", "30 Feb", "13/45". */
const IMPOSSIBLE = [
  new RegExp(`\\b${MONTH}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'gi'),
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])`, 'gi'),
  /\b(\d{1,2})\/(\d{1,2})\b(?!\/)/g,
];

/** The spans of month-and-day dates that do not exist in the year they would fall in. */
function impossibleDates(
  line: string,
  referenceDate: string,
): { index: number; length: number; text: string }[] {
  const reference = Day.parse(referenceDate);
  const found: { index: number; length: number; text: string }[] = [];
  IMPOSSIBLE.forEach((pattern, kind) => {
    for (const m of line.matchAll(pattern)) {
      const [month, day] =
        kind === 0
          ? [monthNumber(m[1] as string), Number(m[2])]
          : kind === 1
            ? [monthNumber(m[2] as string), Number(m[1])]
            : [Number(m[1]), Number(m[2])];
      // The next such month: 29 February exists only when that is in a leap year.
      const year = month < reference.month ? reference.year + 1 : reference.year;
      const longest = month >= 1 && month <= 12 ? Day.of(year, month + 1, 0).day : 0;
      if (day < 1 || day > longest) found.push({ index: m.index ?? 0, length: m[0].length, text: m[0] });
    }
  });
  return found;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export interface ReadOptions {
  direction?: Direction;
}

/**
 * Finds the due phrase in a line, read against a reference date (YYYY-MM-DD). A phrase
 * introduced by "by", "before" or "due" wins over one that only mentions a day; forward,
 * days before the reference are history, not due dates.
 */
export function findDue(line: string, referenceDate: string, options: ReadOptions = {}): DueMatch | null {
  const vague = VAGUE.exec(line);
  const impossible = MAYBE_DATE.test(line) ? impossibleDates(line, referenceDate) : [];
  const dated = MAYBE_DATE.test(line)
    ? readDates(line, referenceDate, options.direction ?? 'forward', impossible)
    : [];
  const best = dated.find((d) => d.introduced) ?? dated[0];
  if (best) return best.match;
  if (vague)
    return withLeadIn(line, vague.index, vague[0].length, { date: null, time: null, vague: vague[0] });
  const [bad] = impossible;
  if (bad)
    return {
      ...withLeadIn(line, bad.index, bad.length, { date: null, time: null, vague: null }),
      invalid: bad.text,
    };
  return null;
}

function readDates(
  line: string,
  referenceDate: string,
  direction: Direction,
  impossible: { index: number; length: number }[],
) {
  const [year, month, day] = referenceDate.split('-').map(Number) as [number, number, number];
  const reference = new Date(year, month - 1, day, 12);
  const found = [];
  const overlapsImpossible = (index: number, length: number) =>
    impossible.some((bad) => index < bad.index + bad.length && bad.index < index + length);
  const results = readerFor(direction).parse(line, reference, { forwardDate: direction === 'forward' });
  for (const result of results) {
    const start = result.start;
    if (overlapsImpossible(result.index, result.text.length)) continue;
    const endOfDay = result.tags().has('endOfDay') || END_OF_DAY.test(result.text);
    if (!endOfDay && !start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('month'))
      continue;
    const date = `${pad(start.get('year') ?? year, 4)}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
    if (direction === 'forward' ? date < referenceDate : date > referenceDate) continue;
    const time =
      start.isCertain('hour') && !endOfDay
        ? `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}`
        : null;
    const before = line.slice(0, result.index);
    const introduced = /\b(?:by|before|due|until|till|no later than|latest)\s+$/i.test(before);
    found.push({
      introduced,
      match: withLeadIn(line, result.index, result.text.length, { date, time, vague: null }),
    });
  }
  return found;
}

function withLeadIn(
  line: string,
  index: number,
  length: number,
  value: Pick<DueMatch, 'date' | 'time' | 'vague'>,
): DueMatch {
  const lead = LEAD_IN.exec(line.slice(0, index));
  const start = lead ? index - lead[0].length : index;
  return { index: start, length: length + (index - start), ...value };
}

/** The Monday and Sunday of the week holding a date, and the first and last day of its month. */
export function weekOf(date: string): { from: string; until: string } {
  const day = Day.parse(date);
  const monday = mondayOf(day, 0);
  return { from: iso(monday), until: iso(monday.plusDays(6)) };
}

export function monthOf(date: string, monthsAhead = 0): { from: string; until: string } {
  const day = Day.parse(date);
  const end = day.endOfMonth(monthsAhead);
  return { from: iso(Day.of(end.year, end.month, 1)), until: iso(end) };
}

export function quarterOf(date: string, quartersAhead = 0): { from: string; until: string } {
  const day = Day.parse(date);
  const first = Day.of(day.year, day.month - ((day.month - 1) % 3) + quartersAhead * 3, 1);
  return { from: iso(first), until: iso(first.endOfMonth(2)) };
}

const iso = (day: Day): string => `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
