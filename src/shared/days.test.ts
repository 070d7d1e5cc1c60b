import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, daysFrom, isWorkingDay, plusDays, type WorkCalendar, weekday } from './days.js';

describe('addWorkingDays', () => {
  it('skips Saturday and Sunday', () => {
    assert.equal(addWorkingDays('2026-11-27', 1), '2026-11-30'); // Fri → Mon
    assert.equal(addWorkingDays('2026-11-28', 1), '2026-11-30'); // Sat → Mon
    assert.equal(addWorkingDays('2026-11-29', 1), '2026-11-30'); // Sun → Mon
    assert.equal(addWorkingDays('2026-11-26', 1), '2026-11-27'); // Thu → Fri
  });

  it('counts several working days across a weekend', () => {
    assert.equal(addWorkingDays('2026-11-26', 2), '2026-11-30'); // Thu → Mon
    assert.equal(addWorkingDays('2026-11-27', 2), '2026-12-01'); // Fri → Tue
    assert.equal(addWorkingDays('2026-11-23', 5), '2026-11-30'); // Mon → next Mon
    assert.equal(addWorkingDays('2026-11-23', 10), '2026-12-07');
  });

  it('returns the same date for zero working days, even on a weekend', () => {
    assert.equal(addWorkingDays('2026-11-25', 0), '2026-11-25');
    assert.equal(addWorkingDays('2026-11-28', 0), '2026-11-28');
  });

  it('crosses month and year ends', () => {
    assert.equal(addWorkingDays('2026-12-31', 1), '2027-01-01'); // Thu → Fri
    assert.equal(addWorkingDays('2027-01-01', 1), '2027-01-04'); // Fri → Mon
  });
});

describe('addWorkingDays with holidays and time away', () => {
  const calendar: WorkCalendar = {
    holidays: new Set(['2026-11-26', '2026-12-25']),
    away: [{ from: '2026-11-30', until: '2026-12-02' }],
  };

  it('skips the organization holidays', () => {
    assert.equal(addWorkingDays('2026-11-25', 1, calendar), '2026-11-27'); // Wed → Fri, Thanksgiving off
    assert.equal(addWorkingDays('2026-12-24', 1, { holidays: calendar.holidays, away: [] }), '2026-12-28');
  });

  it("skips the person's days away, to the first working day back", () => {
    assert.equal(addWorkingDays('2026-11-27', 1, calendar), '2026-12-03'); // Fri → Thu after Mon–Wed away
    assert.equal(addWorkingDays('2026-11-27', 2, calendar), '2026-12-04');
  });

  it('tells working days apart', () => {
    assert.deepEqual(
      ['2026-11-25', '2026-11-26', '2026-11-28', '2026-12-01', '2026-12-03'].map((d) =>
        isWorkingDay(d, calendar),
      ),
      [true, false, false, false, true],
    );
  });
});

describe('plain date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    assert.equal(plusDays('2026-11-30', 1), '2026-12-01');
    assert.equal(plusDays('2026-12-31', 1), '2027-01-01');
    assert.equal(plusDays('2028-02-28', 1), '2028-02-29');
    assert.equal(plusDays('2026-03-01', -1), '2026-02-28');
  });

  it('knows the weekday, Monday first', () => {
    assert.deepEqual(['2026-11-23', '2026-11-28', '2026-11-29'].map(weekday), [1, 6, 7]);
  });

  it('counts the days between two dates', () => {
    assert.equal(daysFrom('2026-11-23', '2026-12-01'), 8);
    assert.equal(daysFrom('2026-12-01', '2026-11-23'), -8);
    // Daylight saving does not make a day shorter here.
    assert.equal(daysFrom('2026-03-07', '2026-03-09'), 2);
  });
});
