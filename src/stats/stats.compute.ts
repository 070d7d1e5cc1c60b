/** The arithmetic of how well the loop works, over plain rows: no I/O, no clock. */

export interface DueRow {
  status: string;
  due_at: string;
  closed_at: string | null;
}

export interface SentRow {
  status: string;
  answered_at: string | null;
}

export interface WrapupRow {
  wrapup_due_at: string | null;
  wrapup_sent_at: string | null;
}

export interface StatsInput {
  /** Commitments due in the period, dropped ones excluded. */
  due: DueRow[];
  /** Follow-ups sent in the period. */
  sent: SentRow[];
  /** Meetings that ended in the period. */
  meetings: WrapupRow[];
  renegotiations: number;
  /** Reassignments onto a manager or delegator. */
  buyBacks: number;
  /** Replies, answers and notes in which the coach read a buy-back, or a limbo. */
  buyBacksSaid: number;
  limboSaid: number;
  stalled: number;
  limbo: number;
  now: string;
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
}

const DAY_MS = 86_400_000;

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 1000;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function computeStats(input: StatsInput): Stats {
  const done = input.due.filter((c) => c.status === 'done' && c.closed_at !== null);
  const onTime = done.filter((c) => (c.closed_at as string) <= c.due_at);
  const late = done.filter((c) => (c.closed_at as string) > c.due_at);
  const daysLate = late.map(
    (c) => Math.round((Date.parse(c.closed_at as string) - Date.parse(c.due_at)) / (DAY_MS / 10)) / 10,
  );
  const answered = input.sent.filter((f) => f.answered_at !== null).length;
  const wrapupsOnTime = input.meetings.filter(
    (m) => m.wrapup_sent_at !== null && m.wrapup_due_at !== null && m.wrapup_sent_at <= m.wrapup_due_at,
  ).length;
  const wrapupsLate = input.meetings.filter(
    (m) => m.wrapup_sent_at !== null && m.wrapup_due_at !== null && m.wrapup_sent_at > m.wrapup_due_at,
  ).length;
  return {
    due: input.due.length,
    doneOnTime: onTime.length,
    doneLate: late.length,
    missed: input.due.filter((c) => c.status === 'missed').length,
    openOverdue: input.due.filter((c) => c.status === 'open' && c.due_at < input.now).length,
    followThroughRate: ratio(onTime.length, input.due.length),
    followUpsSent: input.sent.length,
    followUpsAnswered: answered,
    answerRate: ratio(answered, input.sent.length),
    medianDaysLate: median(daysLate),
    renegotiations: input.renegotiations,
    stalled: input.stalled,
    limbo: input.limbo,
    buyBacks: input.buyBacks + input.buyBacksSaid,
    buyBacksReassigned: input.buyBacks,
    buyBacksSaid: input.buyBacksSaid,
    limboSaid: input.limboSaid,
    meetingsEnded: input.meetings.length,
    wrapupsOnTime,
    wrapupsLate,
    wrapupsMissing: input.meetings.length - wrapupsOnTime - wrapupsLate,
  };
}
