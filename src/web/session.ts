import type { MiddlewareHandler } from 'hono';
import { memberOfAccount } from '../auth/accounts.usecases.js';
import type { Db } from '../db/database.js';
import type { Organization, Person } from '../db/schema.js';
import { memberScope, type Scope } from '../organizations/scope.js';
import { AppError } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from './api.js';
import { type ReadPoint, readPoint, VersionedCache } from './cache.js';

/** Who a session is, kept while nothing was written: a sign-out, a revoked token or a changed member is a write. */
interface KnownSession {
  org: Organization;
  person: Person;
  /** When the accounts library ends the session (its own clock: the system's). */
  expiresAt: number;
}

const known = new WeakMap<Db, VersionedCache<KnownSession>>();
const KEPT_SESSIONS = 10_000;

const sessionsOf = (db: Db): VersionedCache<KnownSession> => {
  let sessions = known.get(db);
  if (!sessions) {
    sessions = new VersionedCache(KEPT_SESSIONS);
    known.set(db, sessions);
  }
  return sessions;
};

/** Everything the accounts library reads a session from, so that the same key means the same answer. */
export const credentialsOf = (authorization: string | null, cookie: string | null): string =>
  `${authorization ?? ''}\n${cookie ?? ''}`;

/** The member a session is, if it was looked up at this read point and has not ended since. */
export function keptSession(
  db: Db,
  credentials: string,
  { version, minute }: ReadPoint,
): KnownSession | undefined {
  const kept = sessionsOf(db).get(credentials, version, minute);
  return kept && kept.expiresAt > Date.now() ? kept : undefined;
}

/**
 * The scope a request acts in: from its session (the cookie a browser signed in with, or
 * `Authorization: Bearer TOKEN`) of an account linked to an active member, in that member's
 * own organization and nobody else's; null without one.
 *
 * Looking a session up costs the accounts library a signature check and two reads; the answer
 * is kept for as long as the database has not been written to since (on the embedded database,
 * where that is known without a query), so a sign-out or a revoked token counts at once.
 */
export async function sessionScope(
  deps: ApiDeps,
  headers: Headers,
  // Read before the session is: a write in between makes what is kept look older, never newer.
  { version, minute }: ReadPoint = readPoint(deps),
): Promise<Scope | null> {
  const { db, auth } = deps;
  const authorization = headers.get('authorization');
  const cookie = headers.get('cookie');
  if (!authorization && !cookie) return null;
  const credentials = credentialsOf(authorization, cookie);
  const kept = keptSession(db, credentials, { version, minute });
  if (kept) return scopeFor(deps, kept.org, kept.person);

  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const member = await memberOfAccount(db, session.user.id);
  if (!member) {
    throw new AppError(
      'no_membership',
      'This account is not a member of any organization here (or has left it).',
      403,
    );
  }
  sessionsOf(db).set(credentials, version, minute, {
    org: member.org,
    person: member.person,
    expiresAt: new Date(session.session.expiresAt).getTime(),
  });
  return scopeFor(deps, member.org, member.person);
}

const scopeFor = (deps: ApiDeps, org: Organization, actor: Person): Scope =>
  memberScope({ db: deps.db, clock: deps.clock, publicUrl: deps.origin }, org, actor);

/** Requires a signed-in member, and sets the scope every use case acts in. */
export function requireMember(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const point = readPoint(deps);
    c.set('readPoint', point);
    const scope = await sessionScope(deps, c.req.raw.headers, point);
    if (!scope) {
      throw new AppError(
        'unauthenticated',
        'Sign in first: POST /api/auth/sign-in/email, or send the header Authorization: Bearer TOKEN.',
        401,
      );
    }
    c.set('scope', scope);
    await next();
  };
}
