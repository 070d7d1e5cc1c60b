import { closeDatabase, type Db, migrate, openDatabase } from '../db/database.js';
import { ensureOrganization } from '../organizations/organizations.usecases.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { type Clock, fixedClock, systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Settings } from '../shared/settings.js';
import { quoted } from '../shared/text.js';

/** Builds everything a command needs from the settings: the one place things are wired. */
export async function openScope(settings: Settings): Promise<{ scope: Scope; close: () => Promise<void> }> {
  const clock: Clock = settings.now ? fixedClock(settings.now) : systemClock;
  const db: Db = openDatabase(settings);
  try {
    await migrate(db);
    const org = await ensureOrganization(db, clock, settings.timeZone);
    const base: Scope = { db, clock, org, actor: null };
    let actor = null;
    if (settings.actingAs) {
      actor = await resolvePerson(base, settings.actingAs, { members: true }).catch(
        async (error: unknown) => {
          if (error instanceof AppError && error.code === 'person_not_found') {
            // A contact by that name or e-mail cannot act: say so rather than "nobody".
            const contact = await resolvePerson(base, settings.actingAs as string).catch(() => null);
            if (contact?.kind === 'contact') return contact;
            throw new AppError(
              'unknown_actor',
              `--as ${quoted(settings.actingAs as string)}: no member here has that e-mail or name; see \`ft person list\`.`,
              400,
            );
          }
          throw error;
        },
      );
    } else if (org.default_actor_id !== null) {
      [actor] = await getPeople(db, org.id, [org.default_actor_id]);
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
    return { scope: { ...base, actor: actor ?? null }, close: () => closeDatabase(db) };
  } catch (error) {
    await db.destroy();
    throw wrapConnectionError(error, settings);
  }
}

function wrapConnectionError(error: unknown, settings: Settings): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (
    settings.databaseUrl &&
    (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01')
  ) {
    return new AppError(
      'database_unreachable',
      `Cannot reach the database in DATABASE_URL (${code}); check that PostgreSQL runs and the URL is right, or unset it to use the embedded database.`,
      503,
    );
  }
  return error;
}
