import type { Db } from '../db/database.js';
import type { Organization } from '../db/schema.js';
import { accessOf, requireAdmin } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';
import { quoted } from '../shared/text.js';
import { checkZone } from '../shared/time.js';
import { updateOrganization } from './organizations.repository.js';
import type { Scope } from './scope.js';

export interface OrganizationSettingsInput {
  timeZone?: string | undefined;
  followUpHour?: string | undefined;
  followUpOffset?: string | undefined;
  dueTodayReminders?: string | undefined;
}

/**
 * The organization's settings, changed by an admin (or the command line on its own data); every
 * member reads them. Returns the organization as it now is.
 */
export async function updateSettings(scope: Scope, input: OrganizationSettingsInput): Promise<Organization> {
  // Nothing to change is a read, which every member may do.
  if (Object.values(input).every((value) => value === undefined)) return scope.org;
  requireAdmin(await accessOf(scope), "change the organization's settings");
  return changeSettings(scope.db, scope.org, input);
}

/** When follow-ups fire for this organization: the hour and the working-day offset. */
export async function changeSettings(
  db: Db,
  org: Organization,
  input: OrganizationSettingsInput,
): Promise<Organization> {
  const changes: Parameters<typeof updateOrganization>[2] = {};
  if (input.timeZone !== undefined) {
    changes.time_zone = checkZone(input.timeZone);
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

/** Every member reads the settings: when their follow-ups fire is no secret. */
export function settingsOf(scope: Scope): Organization {
  return scope.org;
}
