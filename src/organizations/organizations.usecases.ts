import { type Db, withExclusiveLock } from '../db/database.js';
import type { Organization } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { invalid } from '../shared/errors.js';
import { quoted } from '../shared/text.js';
import { canonicalZone, toIso } from '../shared/time.js';
import { createOrganization, findFirstOrganization, updateOrganization } from './organizations.repository.js';

/** The command line works in one organization, created on first use. */
export async function ensureOrganization(db: Db, clock: Clock, timeZone: string): Promise<Organization> {
  return (await openOrganization(db, clock, timeZone)).organization;
}

/**
 * The organization, and whether this call created it. An existing one is only read: a command
 * on data that may only be read still runs.
 */
export async function openOrganization(
  db: Db,
  clock: Clock,
  timeZone: string,
): Promise<{ organization: Organization; created: boolean }> {
  const existing = await findFirstOrganization(db);
  if (existing) return { organization: existing, created: false };
  const zone = canonicalZone(timeZone);
  if (!zone) {
    throw invalid(
      'invalid_time_zone',
      `FOLLOWTHROUGH_TIME_ZONE ${quoted(timeZone)} is not an IANA time zone, like Europe/Berlin.`,
    );
  }
  // Two processes starting on an empty database must not create two organizations.
  return withExclusiveLock(db, async (conn) => {
    const first = await findFirstOrganization(conn);
    if (first) return { organization: first, created: false };
    const organization = await createOrganization(conn, {
      name: 'Followthrough',
      time_zone: zone,
      created_at: toIso(clock.now()),
    });
    return { organization, created: true };
  });
}

export interface OrganizationSettingsInput {
  timeZone?: string | undefined;
  followUpHour?: string | undefined;
  followUpOffset?: string | undefined;
  dueTodayReminders?: string | undefined;
}

/** When follow-ups fire for this organization: the hour and the working-day offset. */
export async function changeSettings(
  db: Db,
  org: Organization,
  input: OrganizationSettingsInput,
): Promise<Organization> {
  const changes: Parameters<typeof updateOrganization>[2] = {};
  if (input.timeZone !== undefined) {
    const zone = canonicalZone(input.timeZone);
    if (!zone)
      throw invalid(
        'invalid_time_zone',
        `${quoted(input.timeZone)} is not an IANA time zone, like Europe/Berlin.`,
      );
    changes.time_zone = zone;
  }
  if (input.followUpHour !== undefined)
    changes.follow_up_hour = wholeNumber(input.followUpHour, '--follow-up-hour', 0, 23);
  if (input.followUpOffset !== undefined) {
    changes.follow_up_offset_days = wholeNumber(input.followUpOffset, '--follow-up-offset', 1, 20);
  }
  if (input.dueTodayReminders !== undefined) {
    const value = input.dueTodayReminders.trim().toLowerCase();
    if (value !== 'on' && value !== 'off') {
      throw invalid('invalid_switch', '--due-today-reminders is on or off.');
    }
    changes.due_today_reminders = value === 'on' ? 1 : 0;
  }
  if (Object.keys(changes).length === 0) return org;
  return updateOrganization(db, org.id, changes);
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw invalid(
      'invalid_number',
      `${option} must be a whole number from ${min} to ${max} (got ${quoted(text)}).`,
    );
  }
  return value;
}
