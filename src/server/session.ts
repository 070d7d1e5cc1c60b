import type { MiddlewareHandler } from 'hono';
import { memberOfAccount } from '../auth/accounts.usecases.js';
import { AppError } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';

/**
 * Requires a session (the cookie a browser signed in with, or `Authorization: Bearer TOKEN`)
 * of an account linked to an active member, and sets the scope every use case acts in: the
 * member's own organization, nobody else's.
 */
export function requireMember({ db, clock, auth }: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    if (!session) {
      throw new AppError(
        'unauthenticated',
        'Sign in first: POST /api/auth/sign-in/email, or send the header Authorization: Bearer TOKEN.',
        401,
      );
    }
    const member = await memberOfAccount(db, session.user.id);
    if (!member) {
      throw new AppError(
        'no_membership',
        'This account is not a member of any organization here (or has left it).',
        403,
      );
    }
    c.set('scope', { db, clock, org: member.org, actor: member.person });
    await next();
  };
}
