import { explainDatabaseError } from '../db/database.errors.js';
import { closeDatabase, type Db, migrate, openDatabase } from '../db/database.js';
import { type DataLocation, dataLocation, dataNamed } from '../db/location.js';
import type { Person } from '../db/schema.js';
import { openOrganization } from '../organizations/organizations.usecases.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { type Clock, fixedClock, systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Settings } from '../shared/settings.js';
import { quoted } from '../shared/text.js';

/** Where the data is, and whether this command created it (ft init says which). */
export interface DataInfo {
  location: DataLocation;
  created: boolean;
}

/**
 * Builds everything a command needs from the settings (the one place things are wired), runs
 * `work` in it and closes the database. Failures of the data itself come out as coded errors
 * that name it: a missing folder, read-only, damaged, a full disk, a newer release's data.
 */
export async function withScope<T>(
  settings: Settings,
  options: { create: boolean },
  work: (scope: Scope, data: DataInfo) => Promise<T>,
): Promise<T> {
  const location = dataLocation(settings);
  // Read before the database opens: a bad --now is refused without leaving the file open.
  const clock: Clock = settings.now ? fixedClock(settings.now) : systemClock;
  try {
    const db = openDatabase(settings, { create: options.create });
    let result: T;
    try {
      const { scope, created } = await openScope(db, clock, settings, location);
      result = await work(scope, { location, created });
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw error;
    }
    await closeDatabase(db);
    return result;
  } catch (error) {
    throw explainDatabaseError(error, location);
  }
}

async function openScope(
  db: Db,
  clock: Clock,
  settings: Settings,
  location: DataLocation,
): Promise<{ scope: Scope; created: boolean }> {
  await migrate(db, dataNamed(location));
  const { organization: org, created } = await openOrganization(db, clock, settings.timeZone);
  const base: Scope = { db, clock, org, actor: null, publicUrl: settings.publicUrl };
  let actor: Person | null = null;
  if (settings.actingAs) {
    actor = await actingAs(base, settings.actingAs);
  } else if (org.default_actor_id !== null) {
    [actor = null] = await getPeople(db, org.id, [org.default_actor_id]);
  }
  if (actor?.deactivated_at) {
    throw new AppError(
      'actor_inactive',
      `${actor.name} left (deactivated); they cannot act. Use --as with someone still on the team.`,
      403,
    );
  }
  if (actor?.kind === 'contact') {
    throw new AppError(
      'contact_cannot_act',
      `${actor.name} is a customer contact, not a member: they cannot act in Followthrough. Use --as with a member's e-mail.`,
      403,
    );
  }
  return { scope: { ...base, actor }, created };
}

async function actingAs(base: Scope, ref: string): Promise<Person> {
  return resolvePerson(base, ref, { members: true }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === 'person_not_found') {
      // A contact by that name or e-mail cannot act: say so rather than "nobody".
      const contact = await resolvePerson(base, ref).catch(() => null);
      if (contact?.kind === 'contact') return contact;
      throw new AppError(
        'unknown_actor',
        `--as ${quoted(ref)}: no member here has that e-mail or name; see \`ft person list\`.`,
        400,
      );
    }
    throw error;
  });
}
