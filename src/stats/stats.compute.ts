/** The arithmetic of how well the loop works, over counts the database made: no I/O, no clock. */

export interface StatsCounts {
  /** Commitments due in the period (dropped ones never count). */
  due: number;
  /** Done on or before the due date, in the owner's zone, whenever it was reported. */
  doneOnTime: number;
  doneLate: number;
  missed: number;
  /** Open, and their due instant has passed. */
  openOverdue: number;
  /** How many late steps were done how many days after their due date: [days, count]. */
  daysLate: [number, number][];
  followUpsSent: number;
  followUpsAnswered: number;
  meetingsEnded: number;
  wrapupsOnTime: number;
  wrapupsLate: number;
  renegotiations: number;
  /** Reassignments onto a manager or delegator. */
  buyBacksReassigned: number;
  /** Replies, answers and notes in which the coach read a buy-back, or a limbo. */
  buyBacksSaid: number;
  limboSaid: number;
  stalled: number;
  limbo: number;
  /** Steps delegated to the people in the period, and how their owners answered. */
  delegated: number;
  agreedInADay: number;
  proposed: number;
  askedForHelp: number;
}

export interface Stats {
  due: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  openOverdue: number;
  followThroughRate: number | null;
  followUpsSent: number;
  followUpsAnswered: number;
  answerRate: number | null;
  medianDaysLate: number | null;
  renegotiations: number;
  stalled: number;
  limbo: number;
  buyBacks: number;
  buyBacksReassigned: number;
  buyBacksSaid: number;
  limboSaid: number;
  meetingsEnded: number;
  wrapupsOnTime: number;
  wrapupsLate: number;
  wrapupsMissing: number;
  delegated: number;
  /** Agreed by their owner within a day of being delegated. */
  agreedInADay: number;
  agreementRate: number | null;
  proposed: number;
  askedForHelp: number;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 1000;

/** The median of values given as [value, how many times], whatever their order. */
export function medianOfCounts(histogram: readonly [number, number][]): number | null {
  const sorted = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The value at a 0-based position in the sorted run of all values.
  const at = (position: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (position < seen) return value;
    }
    return (sorted.at(-1) as [number, number])[0];
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

export function computeStats(c: StatsCounts): Stats {
  return {
    due: c.due,
    doneOnTime: c.doneOnTime,
    doneLate: c.doneLate,
    missed: c.missed,
    openOverdue: c.openOverdue,
    followThroughRate: ratio(c.doneOnTime, c.due),
    followUpsSent: c.followUpsSent,
    followUpsAnswered: c.followUpsAnswered,
    answerRate: ratio(c.followUpsAnswered, c.followUpsSent),
    medianDaysLate: medianOfCounts(c.daysLate),
    renegotiations: c.renegotiations,
    stalled: c.stalled,
    limbo: c.limbo,
    buyBacks: c.buyBacksReassigned + c.buyBacksSaid,
    buyBacksReassigned: c.buyBacksReassigned,
    buyBacksSaid: c.buyBacksSaid,
    limboSaid: c.limboSaid,
    meetingsEnded: c.meetingsEnded,
    wrapupsOnTime: c.wrapupsOnTime,
    wrapupsLate: c.wrapupsLate,
    wrapupsMissing: c.meetingsEnded - c.wrapupsOnTime - c.wrapupsLate,
    delegated: c.delegated,
    agreedInADay: c.agreedInADay,
    agreementRate: ratio(c.agreedInADay, c.delegated),
    proposed: c.proposed,
    askedForHelp: c.askedForHelp,
  };
}
