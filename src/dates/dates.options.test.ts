import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../shared/errors.js';
import {
  parseDue,
  parseForwardDate,
  parseLocalInstant,
  parsePastDate,
  parsePeriodBound,
} from './dates.options.js';

/** Monday 2026-11-23, 10:00 in New York. */
const monday = new Date('2026-11-23T15:00:00.000Z');
const newYork = 'America/New_York';

const due = (text: string, now: Date = monday, zone = newYork) =>
  parseDue(text, { now, zone, option: '--due' });
const at = (text: string, zone: string, now: Date = monday) =>
  parseLocalInstant(text, { now, zone, option: '--at' });

const isAppError = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe('parseDue: ISO dates and times', () => {
  it('reads a date as a due date without a time', () => {
    assert.deepEqual(due('2026-11-27'), { kind: 'date', due: { date: '2026-11-27', time: null } });
  });

  it('reads "2026-11-27 15:00" and "2026-11-27T15:00" as a date and a local time', () => {
    const expected = { kind: 'date', due: { date: '2026-11-27', time: '15:00' } };
    assert.deepEqual(due('2026-11-27 15:00'), expected);
    assert.deepEqual(due('2026-11-27T15:00'), expected);
  });

  it('ignores spaces around the text', () => {
    assert.deepEqual(due('  2026-11-27 '), { kind: 'date', due: { date: '2026-11-27', time: null } });
  });

  it('rejects a date that does not exist', () => {
    assert.throws(() => due('2026-02-30'), isAppError('invalid_date'));
    assert.throws(() => due('2026-11-27 25:00'), isAppError('invalid_date'));
  });
});

describe('parseDue: days in words, read forward from now', () => {
  it('reads a weekday as the next such day', () => {
    assert.deepEqual(due('friday'), { kind: 'date', due: { date: '2026-11-27', time: null } });
    assert.deepEqual(due('wednesday'), { kind: 'date', due: { date: '2026-11-25', time: null } });
  });

  it("reads today's weekday as a week later, as notes do, wherever the owner is", () => {
    // Friday 2026-11-27, 09:00 in each owner's zone: "friday" is the next Friday for all of them.
    const fridayNine: Record<string, string> = {
      'America/Los_Angeles': '2026-11-27T17:00:00.000Z',
      'America/New_York': '2026-11-27T14:00:00.000Z',
      'Europe/Berlin': '2026-11-27T08:00:00.000Z',
      'Asia/Tokyo': '2026-11-27T00:00:00.000Z',
      'Australia/Sydney': '2026-11-26T22:00:00.000Z',
    };
    const read = Object.fromEntries(
      Object.entries(fridayNine).map(([zone, now]) => {
        const parsed = due('friday', new Date(now), zone);
        return [zone, parsed.kind === 'date' ? parsed.due.date : parsed.text];
      }),
    );
    assert.deepEqual(read, {
      'America/Los_Angeles': '2026-12-04',
      'America/New_York': '2026-12-04',
      'Europe/Berlin': '2026-12-04',
      'Asia/Tokyo': '2026-12-04',
      'Australia/Sydney': '2026-12-04',
    });
  });

  it('reads a weekday already past this week as next week', () => {
    const saturday = new Date('2026-11-28T15:00:00.000Z');
    assert.deepEqual(due('Friday', saturday), { kind: 'date', due: { date: '2026-12-04', time: null } });
  });

  it('reads "next friday" as the Friday of next week', () => {
    assert.deepEqual(due('next friday'), { kind: 'date', due: { date: '2026-12-04', time: null } });
  });

  it('reads "tomorrow" from the owner zone, not from UTC', () => {
    // 2026-11-27T04:30Z is Thursday 23:30 in New York and Friday 13:30 in Tokyo.
    const lateThursday = new Date('2026-11-27T04:30:00.000Z');
    assert.deepEqual(due('tomorrow', lateThursday), {
      kind: 'date',
      due: { date: '2026-11-27', time: null },
    });
    assert.deepEqual(due('tomorrow', lateThursday, 'Asia/Tokyo'), {
      kind: 'date',
      due: { date: '2026-11-28', time: null },
    });
  });

  it('reads a weekday from the owner zone when UTC is already on the next day', () => {
    // 2026-11-27T03:00Z is Thursday 22:00 in New York: "friday" is tomorrow there (Friday in UTC).
    const thursdayEvening = new Date('2026-11-27T03:00:00.000Z');
    assert.deepEqual(due('friday', thursdayEvening), {
      kind: 'date',
      due: { date: '2026-11-27', time: null },
    });
  });

  it('keeps a time said with the day', () => {
    assert.deepEqual(due('friday 3pm'), { kind: 'date', due: { date: '2026-11-27', time: '15:00' } });
  });

  it('reads a month and day that is today in the owner zone as today, not a year later', () => {
    // "Nov 27" typed on Friday 2026-11-27: at 09:00 in Tokyo (still Thursday in UTC),
    // and at 18:00 in New York, with six hours of the day left.
    const read = {
      'Tokyo 09:00': due('Nov 27', new Date('2026-11-27T00:00:00.000Z'), 'Asia/Tokyo'),
      'New York 18:00': due('Nov 27', new Date('2026-11-27T23:00:00.000Z'), newYork),
    };
    const today = { kind: 'date', due: { date: '2026-11-27', time: null } };
    assert.deepEqual(read, { 'Tokyo 09:00': today, 'New York 18:00': today });
  });

  it('reads words that can only mean a day gone by as that day, as the date typed out would be', () => {
    assert.deepEqual(due('yesterday'), { kind: 'date', due: { date: '2026-11-22', time: null } });
    assert.deepEqual(due('last friday'), { kind: 'date', due: { date: '2026-11-20', time: null } });
    // A weekday alone still means the next one.
    assert.deepEqual(due('friday'), { kind: 'date', due: { date: '2026-11-27', time: null } });
    // A period gone by names no day.
    assert.throws(() => due('last year'), isAppError('invalid_date'));
    assert.throws(() => due('last week'), isAppError('invalid_date'));
    assert.throws(() => due('last month'), isAppError('invalid_date'));
  });

  it('names this year’s date when a month and day just gone is read as next year’s', () => {
    // Monday 23 Nov: "nov 20" is next year's, and this year's was three days ago.
    assert.deepEqual(due('nov 20'), {
      kind: 'date',
      due: { date: '2027-11-20', time: null },
      yearEarlier: '2026-11-20',
    });
    // Said with its year, or as a date, it is what was meant; "jan 5" is weeks away, not a year.
    assert.deepEqual(due('nov 20 2027'), { kind: 'date', due: { date: '2027-11-20', time: null } });
    assert.deepEqual(due('2027-11-20'), { kind: 'date', due: { date: '2027-11-20', time: null } });
    assert.deepEqual(due('jan 5'), { kind: 'date', due: { date: '2027-01-05', time: null } });
    // A time said with it is kept.
    assert.deepEqual(due('nov 20 3pm'), {
      kind: 'date',
      due: { date: '2027-11-20', time: '15:00' },
      yearEarlier: '2026-11-20',
    });
    // Far ahead, but not a month and day read as next year's.
    assert.deepEqual(due('in 11 months'), { kind: 'date', due: { date: '2027-10-23', time: null } });
    assert.deepEqual(due('in 50 weeks'), { kind: 'date', due: { date: '2027-11-08', time: null } });
    // On 20 February, "dec 25" is this year's.
    const february = new Date('2026-02-20T15:00:00.000Z');
    assert.deepEqual(due('dec 25', february), { kind: 'date', due: { date: '2026-12-25', time: null } });
    assert.deepEqual(due('end of year', february), { kind: 'date', due: { date: '2026-12-31', time: null } });
  });

  it('reads a month and day, and "in two weeks"', () => {
    assert.deepEqual(due('Dec 3'), { kind: 'date', due: { date: '2026-12-03', time: null } });
    assert.deepEqual(due('in two weeks'), { kind: 'date', due: { date: '2026-12-07', time: null } });
  });
});

describe('parseDue: vague words', () => {
  it('keeps words that promise no date as vague, as typed', () => {
    for (const text of [
      'ASAP',
      'later',
      'soon',
      'Soon',
      'TBD',
      'at some point',
      'when I can',
      'when we get a chance',
    ]) {
      assert.deepEqual(due(text), { kind: 'vague', text });
    }
  });
});

describe('parseDue: garbage', () => {
  it('refuses text that is not a date, naming the option and showing examples', () => {
    assert.throws(
      () => due('banana'),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'invalid_date' &&
        error.message.includes('--due "banana"') &&
        error.message.includes('2026-11-27'),
    );
  });

  it('refuses a date followed by words it cannot read', () => {
    assert.throws(() => due('friday banana split'), isAppError('invalid_date'));
    assert.throws(() => due('2026-11-27Tnoon'), isAppError('invalid_date'));
  });

  it('refuses empty text', () => {
    assert.throws(() => due(''), isAppError('invalid_date'));
    assert.throws(() => due('   '), isAppError('invalid_date'));
  });
});

describe('parseLocalInstant', () => {
  it('reads "2026-11-24 10:00" as that wall-clock time in the zone', () => {
    assert.equal(at('2026-11-24 10:00', newYork).toISOString(), '2026-11-24T15:00:00.000Z');
    assert.equal(at('2026-11-24T10:00', 'Asia/Tokyo').toISOString(), '2026-11-24T01:00:00.000Z');
  });

  it('follows daylight saving in the zone', () => {
    assert.equal(
      at('2026-07-14 10:00', newYork, new Date('2026-07-01T12:00:00Z')).toISOString(),
      '2026-07-14T14:00:00.000Z',
    );
  });

  it('keeps the offset of an ISO instant', () => {
    assert.equal(at('2026-11-24T10:00:00+01:00', newYork).toISOString(), '2026-11-24T09:00:00.000Z');
    assert.equal(at('2026-11-24T10:00:00Z', newYork).toISOString(), '2026-11-24T10:00:00.000Z');
  });

  it('refuses a date without a time', () => {
    assert.throws(() => at('2026-11-24', newYork), isAppError('invalid_time'));
  });

  it('refuses garbage, naming the option', () => {
    assert.throws(
      () => at('tea time', newYork),
      (error: unknown) =>
        error instanceof AppError && error.code === 'invalid_time' && error.message.includes('--at'),
    );
  });
});

describe('parseLocalInstant: words with a time', () => {
  it('reads "tomorrow 10am" and "monday at 9:30" in the zone', () => {
    assert.equal(at('tomorrow 10am', newYork).toISOString(), '2026-11-24T15:00:00.000Z');
    assert.equal(at('monday at 9:30', newYork).toISOString(), '2026-11-30T14:30:00.000Z');
  });
});

describe('dates that cannot be meant', () => {
  it('refuses days that do not exist, in every form', () => {
    for (const text of ['Dec 32', 'Feb 30', '13/45', '2026-02-30', '31 April']) {
      assert.throws(() => due(text), isAppError('invalid_date'), text);
    }
  });

  it('refuses a date more than ten years ahead or a year back', () => {
    assert.throws(() => due('9999-12-31'), isAppError('date_out_of_range'));
    assert.throws(() => due('0001-01-01'), isAppError('date_out_of_range'));
    assert.throws(() => due('2025-11-22'), isAppError('date_out_of_range'));
  });

  it('asks for --yes for a date more than a year ahead', () => {
    assert.throws(() => due('2028-01-15'), isAppError('far_date'));
    assert.deepEqual(parseDue('2028-01-15', { now: monday, zone: newYork, option: '--due', yes: true }), {
      kind: 'date',
      due: { date: '2028-01-15', time: null },
    });
  });

  it('reads the conventions of notes: end of quarter, in 2 wks, next Tues, the week of', () => {
    const dates = ['end of quarter', 'in 2 wks', 'next Tues', 'the week of Jan 4', 'EOW', 'tmrw'].map((t) => {
      const parsed = due(t);
      return parsed.kind === 'date' ? parsed.due.date : null;
    });
    assert.deepEqual(dates, [
      '2026-12-31',
      '2026-12-07',
      '2026-12-01',
      '2027-01-08',
      '2026-11-27',
      '2026-11-24',
    ]);
  });
});

describe('parseForwardDate, parsePastDate and parsePeriodBound', () => {
  const context = { now: monday, zone: newYork, option: '--x' };

  it('reads an end date forward', () => {
    assert.equal(parseForwardDate('end of quarter', context), '2026-12-31');
    assert.throws(() => parseForwardDate('soon', context), isAppError('invalid_date'));
  });

  it('reads when something was done backward, and never in the future', () => {
    assert.equal(parsePastDate('yesterday', context), '2026-11-22');
    assert.equal(parsePastDate('thursday', context), '2026-11-19');
    assert.equal(parsePastDate('2026-11-20', context), '2026-11-20');
    assert.throws(() => parsePastDate('2026-11-24', context), isAppError('date_in_future'));
  });

  it('reads periods: --since takes the first day, --until the last', () => {
    assert.deepEqual(
      ['last week', 'this month', 'last quarter', 'monday'].map((t) => [
        parsePeriodBound(t, 'from', context),
        parsePeriodBound(t, 'until', context),
      ]),
      [
        ['2026-11-16', '2026-11-22'],
        ['2026-11-01', '2026-11-30'],
        ['2026-07-01', '2026-09-30'],
        ['2026-11-23', '2026-11-23'],
      ],
    );
  });
});
