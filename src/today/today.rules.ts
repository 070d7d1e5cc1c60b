/** What a manager's day flags in each report's open work. */
export type TeamFlag = 'overdue' | 'stalled' | 'unanswered' | 'limbo';
export const teamFlags: TeamFlag[] = ['overdue', 'stalled', 'unanswered', 'limbo'];
