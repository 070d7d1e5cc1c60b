import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDay, dueInstant, localDate, relativeDays, wallClockToInstant } from './time.js';

const iso = (instant: Date): string => instant.toISOString();

describe('dueInstant', () => {
  it('reads a due date without a time as the last millisecond of that day in the owner zone', () => {
    assert.equal(
      iso(dueInstant({ date: '2026-11-27', time: null }, 'America/New_York')),
      '2026-11-28T04:59:59.999Z',
    );
    assert.equal(
      iso(dueInstant({ date: '2026-11-27', time: null }, 'Asia/Tokyo')),
      '2026-11-27T14:59:59.999Z',
    );
    assert.equal(iso(dueInstant({ date: '2026-11-27', time: null }, 'UTC')), '2026-11-27T23:59:59.999Z');
  });

  it('reads a due date with a time as that wall-clock time in the owner zone', () => {
    assert.equal(
      iso(dueInstant({ date: '2026-11-27', time: '15:00' }, 'America/New_York')),
      '2026-11-27T20:00:00.000Z',
    );
    assert.equal(
      iso(dueInstant({ date: '2026-07-01', time: '15:30' }, 'Europe/Berlin')),
      '2026-07-01T13:30:00.000Z',
    );
  });

  it('ends the day on the short and the long daylight-saving days in New York', () => {
    assert.equal(
      iso(dueInstant({ date: '2026-03-08', time: null }, 'America/New_York')),
      '2026-03-09T03:59:59.999Z',
    );
    assert.equal(
      iso(dueInstant({ date: '2026-11-01', time: null }, 'America/New_York')),
      '2026-11-02T04:59:59.999Z',
    );
  });
});

describe('localDate', () => {
  it('gives the calendar date an instant falls on in the zone', () => {
    const instant = '2026-11-27T04:30:00.000Z';
    assert.equal(localDate(instant, 'America/New_York'), '2026-11-26');
    assert.equal(localDate(instant, 'UTC'), '2026-11-27');
    assert.equal(localDate(new Date('2026-11-27T15:30:00.000Z'), 'Asia/Tokyo'), '2026-11-28');
    assert.equal(localDate(new Date('2026-11-27T13:30:00.000Z'), 'Australia/Sydney'), '2026-11-28');
  });
});

describe('wallClockToInstant', () => {
  it('turns a local time into the UTC instant, following daylight saving', () => {
    assert.equal(
      iso(wallClockToInstant('2026-11-30', '09:00', 'America/New_York')),
      '2026-11-30T14:00:00.000Z',
    );
    assert.equal(
      iso(wallClockToInstant('2026-07-01', '09:00', 'America/New_York')),
      '2026-07-01T13:00:00.000Z',
    );
    assert.equal(iso(wallClockToInstant('2026-11-30', '09:00', 'Asia/Tokyo')), '2026-11-30T00:00:00.000Z');
    assert.equal(
      iso(wallClockToInstant('2026-11-30', '09:00', 'Australia/Sydney')),
      '2026-11-29T22:00:00.000Z',
    );
  });

  it('moves a time skipped by the spring change forward', () => {
    // 02:30 does not exist in New York on 2026-03-08; it becomes 03:30 EDT.
    assert.equal(
      iso(wallClockToInstant('2026-03-08', '02:30', 'America/New_York')),
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('keeps the minutes', () => {
    assert.equal(iso(wallClockToInstant('2026-11-30', '08:45', 'Europe/Berlin')), '2026-11-30T07:45:00.000Z');
  });
});

describe('relativeDays', () => {
  const today = '2026-11-24';

  it('says today, tomorrow and yesterday', () => {
    assert.equal(relativeDays('2026-11-24', today), 'today');
    assert.equal(relativeDays('2026-11-25', today), 'tomorrow');
    assert.equal(relativeDays('2026-11-23', today), 'yesterday');
  });

  it('counts days ahead and behind', () => {
    assert.equal(relativeDays('2026-11-27', today), 'in 3 days');
    assert.equal(relativeDays('2026-11-20', today), '4 days ago');
    assert.equal(relativeDays('2027-01-01', today), 'in 38 days');
  });

  it('counts whole days across a daylight-saving change', () => {
    assert.equal(relativeDays('2026-03-09', '2026-03-07'), 'in 2 days');
    assert.equal(relativeDays('2026-10-24', '2026-10-26'), '2 days ago');
  });
});

describe('describeDay', () => {
  it('shows weekday, day and month with how far it is', () => {
    assert.equal(describeDay('2026-11-27', '2026-11-24'), 'Fri 27 Nov (in 3 days)');
    assert.equal(describeDay('2026-11-24', '2026-11-24'), 'Tue 24 Nov (today)');
    assert.equal(describeDay('2026-11-23', '2026-11-24'), 'Mon 23 Nov (yesterday)');
  });

  it('adds the year only when it is not the current one', () => {
    assert.equal(describeDay('2027-01-04', '2026-12-30'), 'Mon 4 Jan 2027 (in 5 days)');
  });
});
