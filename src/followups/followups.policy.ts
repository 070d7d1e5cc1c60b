import { addWorkingDays, isWorkingDay, type WorkCalendar, weekendsOnly } from '../shared/days.js';
import { type Due, localParts, wallClockToInstant } from '../shared/time.js';

/** When follow-ups fire; an organization may change the hour and the offset. */
export interface FollowUpPolicy {
  /** Local hour in the answerer's zone, 0–23. */
  hour: number;
  /** Working days after the due date; 1 means the first working day after it. */
  offsetWorkingDays: number;
  /** Working days a sent follow-up may wait for its answer before it counts as unanswered. */
  answerWithinWorkingDays: number;
  /** Whether owners get a "due today" reminder on the morning of the due date. */
  dueTodayReminders: boolean;
}

export const defaultFollowUpPolicy: FollowUpPolicy = {
  hour: 9,
  offsetWorkingDays: 1,
  answerWithinWorkingDays: 2,
  dueTodayReminders: true,
};

/** The local time of the "due today" reminder. */
export const REMINDER_TIME = '08:30';

const hourText = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/**
 * The instant a commitment's follow-up fires: the policy hour, N working days after the due
 * date, in the zone of whoever answers it. Working days skip weekends, the organization's
 * holidays and the answerer's days away.
 */
export function followUpFireAt(
  due: Due,
  zone: string,
  policy: FollowUpPolicy,
  calendar: WorkCalendar = weekendsOnly,
): Date {
  const day = addWorkingDays(due.date, policy.offsetWorkingDays, calendar);
  return wallClockToInstant(day, hourText(policy.hour), zone);
}

/** A sent follow-up is unanswered at the same local time N working days later. */
export function answerDueAt(
  sentAt: Date,
  zone: string,
  policy: FollowUpPolicy,
  calendar: WorkCalendar = weekendsOnly,
): Date {
  const sent = localParts(sentAt, zone);
  const day = addWorkingDays(sent.date, policy.answerWithinWorkingDays, calendar);
  return wallClockToInstant(day, sent.time, zone);
}

/**
 * The "due today" reminder: 08:30 on the due date in the answerer's zone, when that is a
 * working day for them and the step is not due before then; otherwise none.
 */
export function reminderAt(
  due: Due,
  dueAt: string,
  zone: string,
  policy: FollowUpPolicy,
  calendar: WorkCalendar = weekendsOnly,
): Date | null {
  if (!policy.dueTodayReminders || !isWorkingDay(due.date, calendar)) return null;
  const at = wallClockToInstant(due.date, REMINDER_TIME, zone);
  return at.toISOString() < dueAt ? at : null;
}

/** When a follow-up fires and when its reminder goes out (none once that time has passed). */
export function followUpTimes(
  due: Due,
  dueAt: string,
  zone: string,
  policy: FollowUpPolicy,
  calendar: WorkCalendar,
  now: Date,
): { fireAt: string; remindAt: string | null } {
  const remind = reminderAt(due, dueAt, zone, policy, calendar);
  return {
    fireAt: followUpFireAt(due, zone, policy, calendar).toISOString(),
    remindAt: remind && remind.getTime() > now.getTime() ? remind.toISOString() : null,
  };
}
