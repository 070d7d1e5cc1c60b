import { addWorkingDays, type Due, wallClockToInstant, zoned } from '../shared/time.js';

/** When follow-ups fire; an organization may change the hour and the offset. */
export interface FollowUpPolicy {
  /** Local hour in the owner's zone, 0–23. */
  hour: number;
  /** Working days after the due date; 1 means the first working day after it. */
  offsetWorkingDays: number;
  /** Working days a sent follow-up may wait for its answer before it counts as unanswered. */
  answerWithinWorkingDays: number;
}

export const defaultFollowUpPolicy: FollowUpPolicy = {
  hour: 9,
  offsetWorkingDays: 1,
  answerWithinWorkingDays: 2,
};

const hourText = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** The instant a commitment's follow-up fires: the policy hour, N working days after the due date. */
export function followUpFireAt(due: Due, ownerZone: string, policy: FollowUpPolicy): Date {
  const day = addWorkingDays(due.date, policy.offsetWorkingDays);
  return wallClockToInstant(day, hourText(policy.hour), ownerZone);
}

/** A sent follow-up is unanswered at the same local time N working days later. */
export function answerDueAt(sentAt: Date, ownerZone: string, policy: FollowUpPolicy): Date {
  const sent = zoned(sentAt, ownerZone);
  const day = addWorkingDays(sent.toISODate() as string, policy.answerWithinWorkingDays);
  return wallClockToInstant(day, sent.toFormat('HH:mm'), ownerZone);
}
