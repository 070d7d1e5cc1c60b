import type { Organization } from '../db/schema.js';

/** `ft settings --json` and the API alike: the zone, and when follow-ups fire. */
export const settingsJson = (o: Organization) => ({
  timeZone: o.time_zone,
  followUpHour: o.follow_up_hour,
  followUpOffsetWorkingDays: o.follow_up_offset_days,
  dueTodayReminders: o.due_today_reminders === 1,
});
