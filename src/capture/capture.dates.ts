import * as chrono from 'chrono-node';

/**
 * Due phrases in meeting notes, read against the meeting's local date. chrono-node does
 * the reading; the parsers and refiners here add what it lacks and fix the conventions
 * that notes follow (written down in the README):
 *
 * - a bare weekday means its next occurrence *after* the meeting's day; "next Friday"
 *   means Friday of the following Monday-to-Sunday week;
 * - "next week" and "end of next week" mean Friday of the following week;
 * - EOD/COB/tonight, EOW/end of week, EOM, EOQ, Q1–Q4, EOY, "the 15th".
 */

/** A due phrase found in a line: where it is, and the date it means (or the vague word used). */
export interface DueMatch {
  /** The span to cut from the line, including a leading "by", "on", "before"… */
  index: number;
  length: number;
  date: string | null;
  time: string | null;
  vague: string | null;
}

/**
 * A calendar day. Arithmetic on it runs in UTC, where every day has 24 hours: the meeting's
 * zone has already been applied when its local date was taken.
 */
class Day {
  private constructor(private readonly utc: Date) {}

  static of(year: number, month: number, day: number): Day {
    return new Day(new Date(Date.UTC(year, month - 1, day)));
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
  get daysInMonth(): number {
    return this.endOfMonth().day;
  }
  before(other: Day): boolean {
    return this.utc < other.utc;
  }
  get components() {
    return { year: this.year, month: this.month, day: this.day };
  }
}

/** The meeting's day as chrono's reference: that calendar date, read in this process's zone. */
function referenceDay(context: chrono.ParsingContext): Day {
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

const parser = (pattern: RegExp, extract: (day: Day, match: RegExpMatchArray) => Day): chrono.Parser => ({
  pattern: () => pattern,
  extract: (context, match) => extract(referenceDay(context), match).components,
});

/** Notes shorthand chrono does not know, each meaning a calendar day relative to the meeting. */
const shorthand: chrono.Parser[] = [
  parser(/\b(?:eow|end of (?:the |this )?week)\b/i, (day) => fridayOf(day, 0)),
  parser(/\b(?:eom|end of (?:the |this )?month)\b/i, (day) => day.endOfMonth()),
  parser(/\b(?:eoq|end of (?:the |this )?quarter)\b/i, (day) => day.endOfMonth(2 - ((day.month - 1) % 3))),
  parser(/\b(?:eoy|end of (?:the |this )?year)\b/i, (day) => Day.of(day.year, 12, 31)),
  parser(/\b(?:(?:the )?end of )?q([1-4])\b/i, (day, m) => quarterEnd(day, Number(m[1]))),
  parser(/\bthe (\d{1,2})(?:st|nd|rd|th)\b/i, (day, m) => {
    const wanted = Number(m[1]);
    // The next month that has that day, on or after the meeting's day.
    for (let months = 0; months < 3; months++) {
      const end = day.endOfMonth(months);
      if (wanted <= end.day && (months > 0 || wanted >= day.day)) return Day.of(end.year, end.month, wanted);
    }
    return day;
  }),
];

/**
 * "EOD" is a time of day: on its own it means the meeting's day, next to a day ("Friday EOD",
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

/** chrono reads a bare weekday as on-or-after; in notes it means the next one after the meeting's day. */
const weekdayConvention: chrono.Refiner = {
  refine: (context, results) => {
    const day = referenceDay(context);
    const kept = results.filter((r) => !/^(?:last|past|previous)\b/i.test(r.text));
    for (const result of kept) {
      if (/\bnext week$/i.test(result.text)) {
        setDay(result, fridayOf(day, 1));
        continue;
      }
      const weekday = result.start.get('weekday');
      if (weekday === null || result.start.isCertain('day') || !result.start.isCertain('weekday')) continue;
      const isoWeekday = weekday === 0 ? 7 : weekday;
      const target = /^(?:next|following)\b/i.test(result.text)
        ? mondayOf(day, 1).plusDays(isoWeekday - 1)
        : day.plusDays(((isoWeekday - day.weekday + 6) % 7) + 1);
      setDay(result, target);
    }
    return kept;
  },
};

const reader = chrono.casual.clone();
reader.parsers.push(...shorthand, endOfDay);
reader.refiners.push(weekdayConvention);

/** Words that promise no date: the commitment has no due and is in limbo for it. */
const VAGUE =
  /\b(?:asap|a\.s\.a\.p\.?|soon|soonish|later|sometime|some time|at some point|tbd|tba|whenever|eventually|when (?:\w+ )?(?:can|gets? (?:a )?(?:chance|time|a minute)|has (?:a )?(?:chance|time))|(?:when|if) (?:there'?s|(?:\w+ )?(?:has|have)) time)\b/i;

/** Little words that introduce a due phrase and go with it when it is cut from a line. */
const LEAD_IN =
  /(?:\b(?:by|on|before|until|till|due|for|no later than|not later than|latest|at the latest|first thing|sometime|at)\s+)+$/i;

/** Anything a due phrase could start with: a cheap test before asking chrono. */
const MAYBE_DATE =
  /\d|\b(?:to(?:day|night|morrow)|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|month|quarter|year|eo[dwmqy]|cob|eob|end of|next|this|noon|morning|afternoon|evening|day)/i;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Finds the due phrase in a line of notes, read against the meeting's date (YYYY-MM-DD).
 * A phrase introduced by "by", "before" or "due" wins over one that only mentions a day;
 * days before the meeting are history, not due dates.
 */
export function findDue(line: string, meetingDate: string): DueMatch | null {
  const vague = VAGUE.exec(line);
  const dated = MAYBE_DATE.test(line) ? readDates(line, meetingDate) : [];
  const best = dated.find((d) => d.introduced) ?? dated[0];
  if (best) return best.match;
  if (vague)
    return withLeadIn(line, vague.index, vague[0].length, { date: null, time: null, vague: vague[0] });
  return null;
}

function readDates(line: string, meetingDate: string) {
  const [year, month, day] = meetingDate.split('-').map(Number) as [number, number, number];
  const reference = new Date(year, month - 1, day, 12);
  const found = [];
  for (const result of reader.parse(line, reference, { forwardDate: true })) {
    const start = result.start;
    const endOfDay = result.tags().has('endOfDay') || END_OF_DAY.test(result.text);
    if (!endOfDay && !start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('month'))
      continue;
    const date = `${pad(start.get('year') ?? year, 4)}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
    if (date < meetingDate) continue;
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
