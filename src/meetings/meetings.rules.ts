/** Meetings' kinds and the rules about them that need no database. */

export const meetingKinds = [
  'one_on_one',
  'account_review',
  'pipeline_review',
  'deal_review',
  'coaching',
  'project',
  'customer',
  'other',
] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const WRAPUP_WITHIN_MS = 24 * 3_600_000;

/** The series of 1:1s between two people is found by the pair, whoever starts the meeting. */
export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** A kind as people say it: "1:1", "account review". */
export const kindText = (kind: string): string => (kind === 'one_on_one' ? '1:1' : kind.replace(/_/g, ' '));

/** "1:1 with Dana Ruiz": a meeting named by its kind and the others in it. */
export const meetingWith = (kind: string, others: readonly string[]): string =>
  `${kindText(kind)}${others.length ? ` with ${others.join(', ')}` : ''}`;
