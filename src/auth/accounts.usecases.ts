import { type Db, inTransaction } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { Organization, Person } from '../db/schema.js';
import {
  createOrganization,
  findFirstOrganization,
  getOrganization,
  isEmptyOrganization,
  updateOrganization,
} from '../organizations/organizations.repository.js';
import type { Scope } from '../organizations/scope.js';
import { findByEmail } from '../people/people.repository.js';
import { addPerson, checkEmail } from '../people/people.usecases.js';
import type { Clock } from '../shared/clock.js';
import { AppError, conflict } from '../shared/errors.js';
import { limits, oneLine } from '../shared/text.js';
import { canonicalZone, checkZone, toIso } from '../shared/time.js';
import type { Auth } from './auth.js';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  auth: Auth;
}

export interface SignUpInput {
  organization: string;
  timeZone: string;
  name: string;
  email: string;
  password: string;
}

/**
 * A new organization with its first admin, who signs in at once: the account is made first
 * (the library checks the password), then the organization and the member in one transaction;
 * if that fails the account goes too, so nothing half made is left.
 */
export async function signUp(deps: AccountsDeps, input: SignUpInput) {
  const { db, clock, auth } = deps;
  const zone = checkZone(input.timeZone, 'The time zone');
  const email = await checkEmail(input.email);
  // It reaches mail subjects and pages: one line, no control characters.
  const organization = oneLine(input.organization, 'The organization', limits.name);
  await refuseTakenEmail(db, email);
  const { headers, response } = await authCall(() =>
    auth.api.signUpEmail({
      body: { name: input.name, email, password: input.password },
      returnHeaders: true,
    }),
  );
  try {
    const { org, person } = await inTransaction(db, async (trx) => {
      const org =
        (await emptyFirstOrganization(trx, organization, zone)) ??
        (await createOrganization(trx, {
          name: organization,
          time_zone: zone,
          created_at: toIso(clock.now()),
        }));
      const scope: Scope = { db: trx, clock, org, actor: null };
      const person = await addPerson(scope, { name: input.name, email, timeZone: zone });
      return { org, person: await linkAccount(trx, person, response.user.id) };
    });
    return { headers, token: response.token, org, person };
  } catch (error) {
    await db.deleteFrom('auth_users').where('id', '=', response.user.id).execute();
    throw error;
  }
}

/**
 * The admin named by the environment (FOLLOWTHROUGH_ADMIN_EMAIL and _PASSWORD), made at start
 * when no account has that e-mail: in the organization there is (as a member already there, or
 * a new one), or in a new one. An account that exists is left as it is, password included.
 */
export async function ensureAdminAccount(
  deps: AccountsDeps,
  input: { email: string; password: string; timeZone: string },
): Promise<{ created: boolean; person: Person; org: Organization }> {
  const { db, clock } = deps;
  const email = await checkEmail(input.email);
  const existing = await db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email)
    .where('user_id', 'is not', null)
    .executeTakeFirst();
  if (existing)
    return { created: false, person: existing, org: await getOrganization(db, existing.organization_id) };
  await refuseTakenEmail(db, email);
  const org = await adminsOrganization(deps, email, input.timeZone);
  const scope: Scope = { db, clock, org, actor: null };
  const member =
    (await findByEmail(db, org.id, email)) ?? (await addPerson(scope, { name: nameFrom(email), email }));
  if (member.kind !== 'member' || member.deactivated_at) {
    throw conflict(
      'admin_not_member',
      `${email} is not an active member here: FOLLOWTHROUGH_ADMIN_EMAIL must name one.`,
    );
  }
  const linked = await createAccount(deps, member, input.password);
  const person = await db
    .updateTable('people')
    .set({ role: 'admin' })
    .where('id', '=', linked.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { created: true, person, org };
}

/**
 * Where the environment's admin belongs: the organization that has them as a member already;
 * else the only one there is, or a new one. With several and no such member, it is not guessed.
 */
async function adminsOrganization(
  deps: AccountsDeps,
  email: string,
  timeZone: string,
): Promise<Organization> {
  const { db, clock } = deps;
  const member = await db
    .selectFrom('people')
    .select('organization_id')
    .where('email', '=', email)
    .where('kind', '=', 'member')
    .executeTakeFirst();
  if (member) return getOrganization(db, member.organization_id);
  const organizations = await db.selectFrom('organizations').selectAll().orderBy('id').limit(2).execute();
  if (organizations.length === 1) return organizations[0] as Organization;
  if (organizations.length > 1) {
    throw conflict(
      'admin_organization_unclear',
      `FOLLOWTHROUGH_ADMIN_EMAIL ${email} is a member of no organization here, and there are several: add them to theirs first (ft person add), then start again.`,
    );
  }
  return createOrganization(db, {
    name: 'Followthrough',
    time_zone: canonicalZone(timeZone) ?? 'UTC',
    created_at: toIso(clock.now()),
  });
}

/** An account for a member who has none, with this password; they sign in with their e-mail. */
export async function createAccount(deps: AccountsDeps, member: Person, password: string): Promise<Person> {
  const { user } = await authCall(() =>
    deps.auth.api.signUpEmail({ body: { name: member.name, email: member.email, password } }),
  );
  try {
    return await linkAccount(deps.db, member, user.id);
  } catch (error) {
    // An account nobody is linked to could never be used, and would block the next try.
    await deps.db.deleteFrom('auth_users').where('id', '=', user.id).execute();
    throw error;
  }
}

/** The member an account acts as, with their organization; null for an account that has none (or left). */
export async function memberOfAccount(
  db: Db,
  userId: string,
): Promise<{ person: Person; org: Organization } | null> {
  const person = await db.selectFrom('people').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (person?.kind !== 'member' || person.deactivated_at) return null;
  return { person, org: await getOrganization(db, person.organization_id) };
}

/**
 * The organization `ft init` made, while it holds nothing yet: the first to sign up takes it
 * (named and zoned as they say), so that the command line on the same data shows their team.
 */
async function emptyFirstOrganization(db: Db, name: string, zone: string): Promise<Organization | null> {
  const first = await findFirstOrganization(db);
  if (!first) return null;
  // Two sign-ups at once on PostgreSQL: the second waits here, then finds it taken.
  if (isPostgres(db)) {
    await db.selectFrom('organizations').select('id').where('id', '=', first.id).forUpdate().execute();
  }
  if (!(await isEmptyOrganization(db, first.id))) return null;
  return updateOrganization(db, first.id, { name, time_zone: zone });
}

async function linkAccount(db: Db, person: Person, userId: string): Promise<Person> {
  return db
    .updateTable('people')
    .set({ user_id: userId })
    .where('id', '=', person.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function refuseTakenEmail(db: Db, email: string): Promise<void> {
  const taken = await db.selectFrom('auth_users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken)
    throw conflict('account_exists', `${email} has an account already: sign in instead.`, { field: 'email' });
}

const nameFrom = (email: string): string => {
  const local = email.split('@')[0] ?? email;
  return local.charAt(0).toUpperCase() + local.slice(1);
};

/** The library's refusals that people meet, said as everything else here is. */
const ourWords: Record<string, string> = {
  password_too_short: 'A password needs 8 characters or more.',
  password_too_long: 'A password may have at most 128 characters.',
};

/**
 * A call into the accounts library: its refusals (a short password, a bad e-mail) become our
 * coded errors with its status; anything else is a failure of ours.
 */
export async function authCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as { name?: string; statusCode?: number; body?: { code?: string; message?: string } };
    if (e?.name === 'APIError' && typeof e.statusCode === 'number' && e.statusCode < 500) {
      const code = (e.body?.code ?? 'auth_refused').toLowerCase();
      throw new AppError(
        code,
        ourWords[code] ?? e.body?.message ?? 'The accounts service refused this.',
        e.statusCode,
      );
    }
    throw error;
  }
}
