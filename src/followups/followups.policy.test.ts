import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dueInstant } from '../shared/time.js';
import {
  answerDueAt,
  defaultFollowUpPolicy,
  type FollowUpPolicy,
  followUpFireAt,
} from './followups.policy.js';

const fireAt = (date: string, zone: string, policy: FollowUpPolicy = defaultFollowUpPolicy): string =>
  followUpFireAt({ date, time: null }, zone, policy).toISOString();

describe('followUpFireAt, default policy (09:00 on the first working day after the due date)', () => {
  const zone = 'America/New_York';

  it('fires on Monday 09:00 for a commitment due on Friday', () => {
    assert.equal(fireAt('2026-11-27', zone), '2026-11-30T14:00:00.000Z');
  });

  it('fires on Monday for a commitment due on Saturday or Sunday', () => {
    assert.equal(fireAt('2026-11-28', zone), '2026-11-30T14:00:00.000Z');
    assert.equal(fireAt('2026-11-29', zone), '2026-11-30T14:00:00.000Z');
  });

  it('fires on Friday for a commitment due on Thursday', () => {
    assert.equal(fireAt('2026-11-26', zone), '2026-11-27T14:00:00.000Z');
  });

  it('fires the next working day whatever time of day the commitment was due', () => {
    const due = { date: '2026-11-27', time: '17:30' };
    assert.equal(followUpFireAt(due, zone, defaultFollowUpPolicy).toISOString(), '2026-11-30T14:00:00.000Z');
  });
});

describe('followUpFireAt in the owner zone', () => {
  const dueFriday = '2026-11-27';

  it('fires at 09:00 New York time (EST, UTC−5)', () => {
    assert.equal(fireAt(dueFriday, 'America/New_York'), '2026-11-30T14:00:00.000Z');
  });

  it('fires at 09:00 Los Angeles time (PST, UTC−8)', () => {
    assert.equal(fireAt(dueFriday, 'America/Los_Angeles'), '2026-11-30T17:00:00.000Z');
  });

  it('fires at 09:00 Berlin time (CET, UTC+1)', () => {
    assert.equal(fireAt(dueFriday, 'Europe/Berlin'), '2026-11-30T08:00:00.000Z');
  });

  it('fires at 09:00 Tokyo time (JST, UTC+9)', () => {
    assert.equal(fireAt(dueFriday, 'Asia/Tokyo'), '2026-11-30T00:00:00.000Z');
  });

  it('fires at 09:00 Sydney time (AEDT, UTC+11), which is still Sunday in UTC', () => {
    assert.equal(fireAt(dueFriday, 'Australia/Sydney'), '2026-11-29T22:00:00.000Z');
  });
});

describe('followUpFireAt across daylight-saving changes', () => {
  it('fires at 09:00 EST on the Monday after New York falls back (2026-11-01)', () => {
    assert.equal(fireAt('2026-10-30', 'America/New_York'), '2026-11-02T14:00:00.000Z');
    assert.equal(fireAt('2026-10-31', 'America/New_York'), '2026-11-02T14:00:00.000Z');
  });

  it('fires at 09:00 EDT on the Friday before New York falls back', () => {
    assert.equal(fireAt('2026-10-29', 'America/New_York'), '2026-10-30T13:00:00.000Z');
  });

  it('fires at 09:00 EDT on the Monday after New York springs forward (2026-03-08)', () => {
    assert.equal(fireAt('2026-03-06', 'America/New_York'), '2026-03-09T13:00:00.000Z');
  });

  it('fires at 09:00 EST on the Friday before New York springs forward', () => {
    assert.equal(fireAt('2026-03-05', 'America/New_York'), '2026-03-06T14:00:00.000Z');
  });

  it('fires at 09:00 CEST on the Monday after Berlin springs forward (2026-03-29)', () => {
    assert.equal(fireAt('2026-03-27', 'Europe/Berlin'), '2026-03-30T07:00:00.000Z');
    assert.equal(fireAt('2026-03-26', 'Europe/Berlin'), '2026-03-27T08:00:00.000Z');
  });

  it('fires at 09:00 CET on the Monday after Berlin falls back (2026-10-25)', () => {
    assert.equal(fireAt('2026-10-23', 'Europe/Berlin'), '2026-10-26T08:00:00.000Z');
    assert.equal(fireAt('2026-10-22', 'Europe/Berlin'), '2026-10-23T07:00:00.000Z');
  });
});

describe('followUpFireAt with a team policy', () => {
  const policy: FollowUpPolicy = { ...defaultFollowUpPolicy, hour: 8, offsetWorkingDays: 2 };

  it('fires at 08:00 on the second working day after the due date', () => {
    assert.equal(fireAt('2026-11-27', 'America/New_York', policy), '2026-12-01T13:00:00.000Z'); // Fri → Tue
    assert.equal(fireAt('2026-11-26', 'America/New_York', policy), '2026-11-30T13:00:00.000Z'); // Thu → Mon
    assert.equal(fireAt('2026-11-24', 'Europe/Berlin', policy), '2026-11-26T07:00:00.000Z'); // Tue → Thu
  });

  it('fires at an afternoon hour written with two digits', () => {
    const afternoon: FollowUpPolicy = { ...defaultFollowUpPolicy, hour: 14 };
    assert.equal(fireAt('2026-11-27', 'America/New_York', afternoon), '2026-11-30T19:00:00.000Z');
  });
});

describe('answerDueAt (a sent follow-up waits 2 working days for its answer)', () => {
  const zone = 'America/New_York';
  const answerDue = (sentAt: string, ownerZone = zone): string =>
    answerDueAt(new Date(sentAt), ownerZone, defaultFollowUpPolicy).toISOString();

  it('counts a follow-up sent Friday 09:00 as unanswered on Tuesday 09:00', () => {
    assert.equal(answerDue('2026-11-27T14:00:00.000Z'), '2026-12-01T14:00:00.000Z');
  });

  it('counts a follow-up sent Wednesday as unanswered on Friday at the same time', () => {
    assert.equal(answerDue('2026-11-25T15:30:00.000Z'), '2026-11-27T15:30:00.000Z');
  });

  it('counts working days from the day the follow-up was sent in the owner zone', () => {
    // 2026-11-27T02:00Z is Thursday 21:00 in New York: unanswered Monday 21:00 EST.
    assert.equal(answerDue('2026-11-27T02:00:00.000Z'), '2026-12-01T02:00:00.000Z');
    // Friday 09:00 in Tokyo is still Thursday in UTC: unanswered Tuesday 09:00 JST.
    assert.equal(answerDue('2026-11-27T00:00:00.000Z', 'Asia/Tokyo'), '2026-12-01T00:00:00.000Z');
  });

  it('keeps the local time across the autumn change in New York', () => {
    // Sent Friday 2026-10-30 09:00 EDT; answer due Tuesday 2026-11-03 09:00 EST.
    assert.equal(answerDue('2026-10-30T13:00:00.000Z'), '2026-11-03T14:00:00.000Z');
  });

  it('follows the team policy for the answer window', () => {
    const policy: FollowUpPolicy = { ...defaultFollowUpPolicy, answerWithinWorkingDays: 3 };
    assert.equal(
      answerDueAt(new Date('2026-11-27T14:00:00.000Z'), zone, policy).toISOString(),
      '2026-12-02T14:00:00.000Z',
    );
  });
});

describe('followUpFireAt, for any due date', () => {
  const zones = [
    'America/New_York',
    'America/Los_Angeles',
    'Europe/Berlin',
    'Asia/Tokyo',
    'Australia/Sydney',
    'UTC',
  ];
  const first = DateTime.fromISO('2026-01-01', { zone: 'UTC' });
  const dayCount = DateTime.fromISO('2030-12-31', { zone: 'UTC' }).diff(first, 'days').days;

  it('fires on a working day in the owner zone, at 09:00 local, strictly after the due instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: dayCount }),
        fc.constantFrom(...zones),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))),
        (offset, zone, clock) => {
          const date = first.plus({ days: offset }).toISODate() as string;
          const time = clock
            ? `${String(clock[0]).padStart(2, '0')}:${String(clock[1]).padStart(2, '0')}`
            : null;
          const due = { date, time };
          const fire = followUpFireAt(due, zone, defaultFollowUpPolicy);
          const local = DateTime.fromJSDate(fire, { zone });
          assert.ok(local.weekday <= 5, `${fire.toISOString()} is a ${local.weekdayLong} in ${zone}`);
          assert.equal(local.toFormat('HH:mm:ss.SSS'), '09:00:00.000');
          assert.ok((local.toISODate() as string) > date, `fires on ${local.toISODate()}, due ${date}`);
          assert.ok(fire.getTime() > dueInstant(due, zone).getTime());
        },
      ),
      { seed: 20261127, numRuns: 500 },
    );
  });
});
