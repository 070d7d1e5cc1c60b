import type { OpenFlag } from '../commitments/commitments.sql.js';

/** What a manager's day flags in each report's open work. */
export type TeamFlag = OpenFlag;
export const teamFlags: TeamFlag[] = ['overdue', 'stalled', 'unanswered', 'limbo'];

/** How each flag reads in a sentence: "2 in limbo". */
export const teamFlagText: Record<TeamFlag, string> = {
  overdue: 'overdue',
  stalled: 'stalled',
  unanswered: 'unanswered',
  limbo: 'in limbo',
};
