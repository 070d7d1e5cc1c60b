import { type Db, withExclusiveLock } from '../db/database.js';
import type { Organization } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { checkZone, toIso } from '../shared/time.js';
import { createOrganization, findFirstOrganization } from './organizations.repository.js';

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
  const zone = checkZone(timeZone, 'FOLLOWTHROUGH_TIME_ZONE');
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
