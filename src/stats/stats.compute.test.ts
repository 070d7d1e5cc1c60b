import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStats, medianOfCounts, type StatsCounts } from './stats.compute.js';

const empty: StatsCounts = {
  due: 0,
  doneOnTime: 0,
  doneLate: 0,
  missed: 0,
  openOverdue: 0,
  daysLate: [],
  followUpsSent: 0,
  followUpsAnswered: 0,
  meetingsEnded: 0,
  wrapupsOnTime: 0,
  wrapupsLate: 0,
  renegotiations: 0,
  buyBacksReassigned: 0,
  buyBacksSaid: 0,
  limboSaid: 0,
  stalled: 0,
  limbo: 0,
  delegated: 0,
  agreedInADay: 0,
  proposed: 0,
  askedForHelp: 0,
};

describe('computeStats', () => {
  const stats = computeStats({
    ...empty,
    due: 9,
    doneOnTime: 2,
    doneLate: 3,
    missed: 1,
    openOverdue: 1,
    daysLate: [
      [3, 1],
      [1, 2],
    ],
    followUpsSent: 3,
    followUpsAnswered: 2,
    meetingsEnded: 4,
    wrapupsOnTime: 2,
    wrapupsLate: 1,
    renegotiations: 4,
    buyBacksReassigned: 1,
    buyBacksSaid: 2,
    limboSaid: 5,
    stalled: 2,
    limbo: 3,
  });

  it('gives the follow-through rate as done on time over due, rounded to 3 decimals', () => {
    assert.equal(stats.followThroughRate, 0.222); // 2 / 9 = 0.2222…
  });

  it('gives the answer rate rounded to 3 decimals', () => {
    assert.equal(stats.answerRate, 0.667); // 2 / 3
  });

  it('gives the median lateness in whole days', () => {
    assert.equal(stats.medianDaysLate, 1); // 1, 1, 3
  });

  it('counts buy-backs both ways: reassigned to the manager, and said in words', () => {
    assert.deepEqual([stats.buyBacks, stats.buyBacksReassigned, stats.buyBacksSaid], [3, 1, 2]);
  });

  it('counts wrap-ups not sent as those ended minus on time and late', () => {
    assert.deepEqual([stats.wrapupsOnTime, stats.wrapupsLate, stats.wrapupsMissing], [2, 1, 1]);
  });

  it('gives no rates and no median when nothing was due and no follow-up was sent', () => {
    const none = computeStats(empty);
    assert.deepEqual([none.followThroughRate, none.answerRate, none.medianDaysLate], [null, null, null]);
  });

  it('gives a rate of 0, not null, when things were due but none was done on time', () => {
    const zero = computeStats({ ...empty, due: 1, missed: 1, followUpsSent: 1 });
    assert.deepEqual([zero.followThroughRate, zero.answerRate], [0, 0]);
  });

  it('keeps three decimals of a rate: 1 of 8 is 0.125, 1 of 6 is 0.167', () => {
    assert.equal(computeStats({ ...empty, due: 8, doneOnTime: 1 }).followThroughRate, 0.125);
    assert.equal(computeStats({ ...empty, due: 6, doneOnTime: 1 }).followThroughRate, 0.167);
  });
});

describe('medianOfCounts', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    assert.equal(
      medianOfCounts([
        [5, 1],
        [1, 1],
        [3, 1],
      ]),
      3,
    );
    assert.equal(medianOfCounts([[7, 1]]), 7);
  });

  it('is the mean of the two middle values of an even count', () => {
    assert.equal(
      medianOfCounts([
        [4, 1],
        [1, 1],
        [3, 1],
        [2, 1],
      ]),
      2.5,
    );
    assert.equal(
      medianOfCounts([
        [10, 1],
        [2, 1],
      ]),
      6,
    );
  });

  it('counts repeated values as many times as they occur', () => {
    assert.equal(
      medianOfCounts([
        [1, 5],
        [100, 4],
      ]),
      1,
    );
    assert.equal(
      medianOfCounts([
        [1, 2],
        [9, 2],
      ]),
      5,
    );
  });

  it('is null for no values', () => {
    assert.equal(medianOfCounts([]), null);
    assert.equal(medianOfCounts([[3, 0]]), null);
  });
});
