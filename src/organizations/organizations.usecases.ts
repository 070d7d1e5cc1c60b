import { type Db, withExclusiveLock } from '../db/database.js';
import type { Organization } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { invalid } from '../shared/errors.js';
import { isValidZone, toIso } from '../shared/time.js';
import { createOrganization, findFirstOrganization, updateOrganization } from './organizations.repository.js';

/** The command line works in one organization, created on first use. */
export async function ensureOrganization(db: Db, clock: Clock, timeZone: string): Promise<Organization> {
  const existing = await findFirstOrganization(db);
  if (existing) return existing;
  if (!isValidZone(timeZone)) {
    throw invalid(
      'invalid_time_zone',
      `FOLLOWTHROUGH_TIME_ZONE "${timeZone}" is not an IANA time zone, like Europe/Berlin.`,
    );
  }
  // Two processes starting on an empty database must not create two organizations.
  return withExclusiveLock(
    db,
    async (conn) =>
      (await findFirstOrganization(conn)) ??
      createOrganization(conn, {
        name: 'Followthrough',
        time_zone: timeZone,
        created_at: toIso(clock.now()),
      }),
  );
}

export interface OrganizationSettingsInput {
  timeZone?: string | undefined;
  followUpHour?: string | undefined;
  followUpOffset?: string | undefined;
}

/** When follow-ups fire for this organization: the hour and the working-day offset. */
export async function changeSettings(
  db: Db,
  org: Organization,
  input: OrganizationSettingsInput,
): Promise<Organization> {
  const changes: Parameters<typeof updateOrganization>[2] = {};
  if (input.timeZone !== undefined) {
    if (!isValidZone(input.timeZone))
      throw invalid('invalid_time_zone', `"${input.timeZone}" is not an IANA time zone, like Europe/Berlin.`);
    changes.time_zone = input.timeZone;
  }
  if (input.followUpHour !== undefined)
    changes.follow_up_hour = wholeNumber(input.followUpHour, '--follow-up-hour', 0, 23);
  if (input.followUpOffset !== undefined) {
    changes.follow_up_offset_days = wholeNumber(input.followUpOffset, '--follow-up-offset', 1, 20);
  }
  if (Object.keys(changes).length === 0) return org;
  return updateOrganization(db, org.id, changes);
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw invalid(
      'invalid_number',
      `${option} must be a whole number from ${min} to ${max} (got "${text}").`,
    );
  }
  return value;
}
