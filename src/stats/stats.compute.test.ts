import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStats, type DueRow, median, type StatsInput } from './stats.compute.js';

const now = '2026-11-30T12:00:00.000Z';

const empty: StatsInput = {
  due: [],
  sent: [],
  meetings: [],
  renegotiations: 0,
  buyBacks: 0,
  buyBacksSaid: 0,
  limboSaid: 0,
  stalled: 0,
  limbo: 0,
  now,
};

const done = (due_at: string, closed_at: string): DueRow => ({ status: 'done', due_at, closed_at });

/** Nine commitments due in the period; the comment says how each one counts. */
const due: DueRow[] = [
  done('2026-11-20T23:00:00.000Z', '2026-11-20T22:00:00.000Z'), // on time, an hour early
  done('2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z'), // on time, to the millisecond
  done('2026-11-20T00:00:00.000Z', '2026-11-21T12:00:00.000Z'), // late 1.5 days
  done('2026-11-20T00:00:00.000Z', '2026-11-23T00:00:00.000Z'), // late 3 days
  done('2026-11-20T00:00:00.000Z', '2026-11-20T02:24:00.000Z'), // late 0.1 day (2 h 24 min)
  { status: 'missed', due_at: '2026-11-22T00:00:00.000Z', closed_at: '2026-11-25T00:00:00.000Z' },
  { status: 'open', due_at: '2026-11-29T00:00:00.000Z', closed_at: null }, // overdue
  { status: 'open', due_at: now, closed_at: null }, // due right now: not overdue yet
  { status: 'open', due_at: '2026-12-02T00:00:00.000Z', closed_at: null }, // not due yet
];

const crafted: StatsInput = {
  due,
  sent: [
    { status: 'answered', answered_at: '2026-11-24T10:00:00.000Z' },
    { status: 'answered', answered_at: '2026-11-25T10:00:00.000Z' },
    { status: 'unanswered', answered_at: null },
  ],
  meetings: [
    { wrapup_due_at: '2026-11-25T15:00:00.000Z', wrapup_sent_at: '2026-11-24T18:00:00.000Z' }, // on time
    { wrapup_due_at: '2026-11-26T15:00:00.000Z', wrapup_sent_at: '2026-11-26T15:00:00.000Z' }, // on the dot
    { wrapup_due_at: '2026-11-27T15:00:00.000Z', wrapup_sent_at: '2026-11-27T15:00:00.001Z' }, // late
    { wrapup_due_at: '2026-11-28T15:00:00.000Z', wrapup_sent_at: null }, // never sent
  ],
  renegotiations: 4,
  buyBacks: 1,
  buyBacksSaid: 2,
  limboSaid: 5,
  stalled: 2,
  limbo: 3,
  now,
};

describe('computeStats on a crafted set', () => {
  const stats = computeStats(crafted);

  it('counts every commitment due in the period', () => {
    assert.equal(stats.due, 9);
  });

  it('counts done on time when closed at or before the due instant, late when after', () => {
    assert.equal(stats.doneOnTime, 2);
    assert.equal(stats.doneLate, 3);
  });

  it('counts missed commitments', () => {
    assert.equal(stats.missed, 1);
  });

  it('counts open commitments as overdue only once their due instant is before now', () => {
    assert.equal(stats.openOverdue, 1);
  });

  it('gives the follow-through rate as done on time over due, rounded to 3 decimals', () => {
    assert.equal(stats.followThroughRate, 0.222); // 2 / 9 = 0.2222…
  });

  it('counts follow-ups sent and answered, with the answer rate rounded to 3 decimals', () => {
    assert.equal(stats.followUpsSent, 3);
    assert.equal(stats.followUpsAnswered, 2);
    assert.equal(stats.answerRate, 0.667); // 2 / 3 = 0.6666…
  });

  it('gives the median lateness of late work in days with one decimal', () => {
    assert.equal(stats.medianDaysLate, 1.5); // median of 0.1, 1.5, 3
  });

  it('passes the counted renegotiations, buy-backs, stalled and limbo through', () => {
    assert.equal(stats.renegotiations, 4);
    assert.equal(stats.buyBacksReassigned, 1);
    assert.equal(stats.buyBacksSaid, 2);
    assert.equal(stats.limboSaid, 5);
    assert.equal(stats.stalled, 2);
    assert.equal(stats.limbo, 3);
  });

  it('counts buy-backs both ways: reassigned to the manager, and said in words', () => {
    assert.equal(stats.buyBacks, 3);
  });

  it('counts wrap-ups sent on time (at or before the due instant), late, and missing', () => {
    assert.equal(stats.meetingsEnded, 4);
    assert.equal(stats.wrapupsOnTime, 2);
    assert.equal(stats.wrapupsLate, 1);
    assert.equal(stats.wrapupsMissing, 1);
  });
});

describe('computeStats rates and medians', () => {
  it('gives no rates and no median when nothing was due and no follow-up was sent', () => {
    const stats = computeStats(empty);
    assert.equal(stats.due, 0);
    assert.equal(stats.followThroughRate, null);
    assert.equal(stats.followUpsSent, 0);
    assert.equal(stats.answerRate, null);
    assert.equal(stats.medianDaysLate, null);
    assert.equal(stats.meetingsEnded, 0);
    assert.equal(stats.wrapupsMissing, 0);
  });

  it('gives a rate of 0, not null, when things were due but none was done on time', () => {
    const stats = computeStats({
      ...empty,
      due: [{ status: 'missed', due_at: '2026-11-20T00:00:00.000Z', closed_at: null }],
      sent: [{ status: 'unanswered', answered_at: null }],
    });
    assert.equal(stats.followThroughRate, 0);
    assert.equal(stats.answerRate, 0);
  });

  it('keeps three decimals of a rate: 1 of 8 is 0.125, 1 of 6 is 0.167', () => {
    const rows = Array.from({ length: 8 }, (_, i) =>
      i < 1
        ? done('2026-11-20T00:00:00.000Z', '2026-11-19T00:00:00.000Z')
        : { status: 'open', due_at: '2026-12-20T00:00:00.000Z', closed_at: null },
    );
    assert.equal(computeStats({ ...empty, due: rows }).followThroughRate, 0.125); // 1 / 8 exactly
    assert.equal(computeStats({ ...empty, due: rows.slice(0, 6) }).followThroughRate, 0.167); // 1 / 6
  });

  it('takes the mean of the two middle lateness values for an even count', () => {
    const stats = computeStats({
      ...empty,
      due: [
        done('2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z'), // 1 day
        done('2026-11-20T00:00:00.000Z', '2026-11-22T00:00:00.000Z'), // 2 days
        done('2026-11-20T00:00:00.000Z', '2026-11-20T06:00:00.000Z'), // 0.25 → 0.3 day
        done('2026-11-20T00:00:00.000Z', '2026-11-30T00:00:00.000Z'), // 10 days
      ],
    });
    assert.equal(stats.doneLate, 4);
    assert.equal(stats.medianDaysLate, 1.5);
  });

  it('rounds each lateness to one decimal of a day', () => {
    const stats = computeStats({
      ...empty,
      due: [done('2026-11-20T00:00:00.000Z', '2026-11-21T03:00:00.000Z')], // 1.125 days
    });
    assert.equal(stats.medianDaysLate, 1.1);
  });
});

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([7]), 7);
  });

  it('is the mean of the two middle values of an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([10, 2]), 6);
  });

  it('sorts numerically, not as text', () => {
    assert.equal(median([10, 9, 100]), 10);
  });

  it('is null for no values', () => {
    assert.equal(median([]), null);
  });

  it('leaves the values it was given in their order', () => {
    const values = [3, 1, 2];
    median(values);
    assert.deepEqual(values, [3, 1, 2]);
  });
});
