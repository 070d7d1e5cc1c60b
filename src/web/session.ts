import type { MiddlewareHandler } from 'hono';
import { memberOfAccount } from '../auth/accounts.usecases.js';
import type { Scope } from '../organizations/scope.js';
import { AppError } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from './api.js';

/**
 * The scope a request acts in: from its session (the cookie a browser signed in with, or
 * `Authorization: Bearer TOKEN`) of an account linked to an active member, in that member's
 * own organization and nobody else's; null without one.
 */
export async function sessionScope({ db, clock, auth }: ApiDeps, headers: Headers): Promise<Scope | null> {
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
  return { db, clock, org: member.org, actor: member.person, bySession: true };
}

/** Requires a signed-in member, and sets the scope every use case acts in. */
export function requireMember(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
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
