import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDue } from './dates.read.js';

/** Every convention the README lists, read against a Wednesday meeting (2026-11-18). */
const WEDNESDAY = '2026-11-18';

const cases: [string, string | null][] = [
  ['today', '2026-11-18'],
  ['EOD', '2026-11-18'],
  ['by COB', '2026-11-18'],
  ['tonight', '2026-11-18'],
  ['tomorrow', '2026-11-19'],
  ['tomorrow morning', '2026-11-19'],
  ['COB tomorrow', '2026-11-19'],
  ['Friday', '2026-11-20'],
  ['by Thu', '2026-11-19'],
  ['on Monday', '2026-11-23'],
  ['Wednesday', '2026-11-25'],
  ['this Friday', '2026-11-20'],
  ['next Friday', '2026-11-27'],
  ['next Monday', '2026-11-23'],
  ['next Wednesday', '2026-11-25'],
  ['Friday EOD', '2026-11-20'],
  ['EOW', '2026-11-20'],
  ['end of the week', '2026-11-20'],
  ['end of this week', '2026-11-20'],
  ['next week', '2026-11-27'],
  ['end of next week', '2026-11-27'],
  ['EOM', '2026-11-30'],
  ['end of the month', '2026-11-30'],
  ['EOQ', '2026-12-31'],
  ['end of quarter', '2026-12-31'],
  ['Q4', '2026-12-31'],
  ['by Q1', '2027-03-31'],
  ['Q3', '2027-09-30'],
  ['EOY', '2026-12-31'],
  ['end of year', '2026-12-31'],
  ['in 3 days', '2026-11-21'],
  ['in two weeks', '2026-12-02'],
  ['in a week', '2026-11-25'],
  ['Dec 3', '2026-12-03'],
  ['December 3rd', '2026-12-03'],
  ['12/3', '2026-12-03'],
  ['Nov 10', '2027-11-10'],
  ['the 15th', '2026-12-15'],
  ['the 18th', '2026-11-18'],
  ['Jan 12 2027', '2027-01-12'],
  ['tmrw', '2026-11-19'],
  ['by tues', '2026-11-24'],
  ['thurs', '2026-11-19'],
  ['on weds', '2026-11-25'],
  ['next Tues', '2026-11-24'],
  ['next thurs', '2026-11-26'],
  ['the week of Jan 4', '2027-01-08'],
  ['week of 30 Nov', '2026-12-04'],
  ['in 2 wks', '2026-12-02'],
  ['in 3 weeks', '2026-12-09'],
  ['ASAP', null],
  ['soon', null],
  ['at some point', null],
  ['when Dana gets a chance', null],
];

describe('due phrases in notes, relative to the meeting', () => {
  for (const [phrase, expected] of cases) {
    it(`"${phrase}" said on Wednesday 2026-11-18 → ${expected ?? 'no date'}`, () => {
      const found = findDue(`Send the proposal ${phrase}`, WEDNESDAY);
      assert.ok(found, 'a due phrase is found');
      assert.equal(found.date, expected);
      if (expected === null) assert.ok(found.vague, 'a vague word is kept as said');
    });
  }

  it('cuts the phrase with its "by" from the line', () => {
    const line = 'Send the proposal by next Friday so that Jo can review';
    const found = findDue(line, WEDNESDAY);
    assert.equal(found && line.slice(found.index, found.index + found.length), 'by next Friday');
  });

  it('keeps a time of day', () => {
    assert.deepEqual(
      {
        date: findDue('Demo Friday 3pm', WEDNESDAY)?.date,
        time: findDue('Demo Friday 3pm', WEDNESDAY)?.time,
      },
      { date: '2026-11-20', time: '15:00' },
    );
  });

  it('reads quarters and month ends from the meeting day at the end of a year', () => {
    assert.equal(findDue('by EOW', '2026-12-30')?.date, '2027-01-01');
    assert.equal(findDue('by EOQ', '2027-03-29')?.date, '2027-03-31');
    assert.equal(findDue('by Q1', '2027-03-29')?.date, '2027-03-31');
    assert.equal(findDue('by the 31st', '2026-11-18')?.date, '2026-12-31');
  });

  it('a day in the past is history, not a due date', () => {
    assert.equal(findDue('Jo signed last Friday', WEDNESDAY), null);
    assert.equal(findDue('Sent it yesterday', WEDNESDAY), null);
  });

  it('a line without a due phrase has none', () => {
    assert.equal(findDue('Send the proposal to Jo', WEDNESDAY), null);
  });
});

describe('notes written on a weekend', () => {
  const SATURDAY = '2026-11-21';
  const SUNDAY = '2026-11-22';

  it('reads the end of the week as the coming Friday', () => {
    assert.equal(findDue('by EOW', SATURDAY)?.date, '2026-11-27');
    assert.equal(findDue('end of this week', SUNDAY)?.date, '2026-11-27');
  });

  it('reads weekdays and next week from the weekend', () => {
    assert.equal(findDue('by Monday', SATURDAY)?.date, '2026-11-23');
    assert.equal(findDue('Friday', SUNDAY)?.date, '2026-11-27');
    assert.equal(findDue('next week', SATURDAY)?.date, '2026-11-27');
  });
});

describe('dates that do not exist', () => {
  for (const phrase of ['Dec 32', 'Feb 30', '31 April', '13/45', '2/30']) {
    it(`"${phrase}" is no date, and is reported as such`, () => {
      const found = findDue(`Send the proposal by ${phrase}`, WEDNESDAY);
      assert.deepEqual({ date: found?.date, invalid: found?.invalid }, { date: null, invalid: phrase });
    });
  }

  it('29 February is a date only when the next February is in a leap year', () => {
    assert.equal(findDue('by Feb 29', '2027-11-18')?.date, '2028-02-29');
    assert.equal(findDue('by Feb 29', WEDNESDAY)?.invalid, 'Feb 29');
  });
});

describe('reading backward: when something was done', () => {
  it('reads a weekday as the last one on or before the reference day', () => {
    assert.equal(findDue('thursday', WEDNESDAY, { direction: 'backward' })?.date, '2026-11-12');
    assert.equal(findDue('wednesday', WEDNESDAY, { direction: 'backward' })?.date, '2026-11-18');
    assert.equal(findDue('yesterday', WEDNESDAY, { direction: 'backward' })?.date, '2026-11-17');
    assert.equal(findDue('Nov 16', WEDNESDAY, { direction: 'backward' })?.date, '2026-11-16');
  });

  it('does not read a day after the reference', () => {
    assert.equal(findDue('tomorrow', WEDNESDAY, { direction: 'backward' }), null);
  });
});
