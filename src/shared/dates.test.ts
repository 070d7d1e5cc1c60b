import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCalendarDate, parseDue, parseLocalInstant } from './dates.js';
import { AppError } from './errors.js';

/** Monday 2026-11-23, 10:00 in New York. */
const monday = new Date('2026-11-23T15:00:00.000Z');
const newYork = 'America/New_York';

const due = (text: string, now: Date = monday, zone = newYork) =>
  parseDue(text, { now, zone, option: '--due' });

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

  it("reads today's weekday as today, wherever the owner is", () => {
    // Friday 2026-11-27, 09:00 in each owner's zone: "friday" is today for all of them.
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
      'America/Los_Angeles': '2026-11-27',
      'America/New_York': '2026-11-27',
      'Europe/Berlin': '2026-11-27',
      'Asia/Tokyo': '2026-11-27',
      'Australia/Sydney': '2026-11-27',
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
    // 2026-11-27T03:00Z is Thursday 22:00 in New York: "friday" is tomorrow there.
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
    assert.equal(
      parseLocalInstant('2026-11-24 10:00', newYork, '--at').toISOString(),
      '2026-11-24T15:00:00.000Z',
    );
    assert.equal(
      parseLocalInstant('2026-11-24T10:00', 'Asia/Tokyo', '--at').toISOString(),
      '2026-11-24T01:00:00.000Z',
    );
  });

  it('follows daylight saving in the zone', () => {
    assert.equal(
      parseLocalInstant('2026-07-14 10:00', newYork, '--at').toISOString(),
      '2026-07-14T14:00:00.000Z',
    );
  });

  it('keeps the offset of an ISO instant', () => {
    assert.equal(
      parseLocalInstant('2026-11-24T10:00:00+01:00', newYork, '--at').toISOString(),
      '2026-11-24T09:00:00.000Z',
    );
    assert.equal(
      parseLocalInstant('2026-11-24T10:00:00Z', newYork, '--at').toISOString(),
      '2026-11-24T10:00:00.000Z',
    );
  });

  it('refuses a date without a time', () => {
    assert.throws(() => parseLocalInstant('2026-11-24', newYork, '--at'), isAppError('invalid_time'));
  });

  it('refuses garbage, naming the option', () => {
    assert.throws(
      () => parseLocalInstant('tea time', newYork, '--at'),
      (error: unknown) =>
        error instanceof AppError && error.code === 'invalid_time' && error.message.includes('--at'),
    );
  });
});

describe('parseCalendarDate', () => {
  it('reads YYYY-MM-DD, ignoring spaces around it', () => {
    assert.equal(parseCalendarDate('2026-11-27', '--from'), '2026-11-27');
    assert.equal(parseCalendarDate(' 2026-11-27 ', '--from'), '2026-11-27');
  });

  it('refuses anything else', () => {
    for (const text of ['2026-02-30', '2026-11-27T10:00', '27/11/2026', '2026-2-3', 'friday', '']) {
      assert.throws(() => parseCalendarDate(text, '--from'), isAppError('invalid_date'), text);
    }
  });
});
