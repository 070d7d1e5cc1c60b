import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiDeps, type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { inviteMember } from './invitations.usecases.js';

const invite = createRoute({
  method: 'post',
  path: '/api/v1/invitations',
  summary: 'An admin invites a member by e-mail: a link to choose a password, good once for 7 days',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              name: z.string().min(1).max(limits.name),
              email: z.string().min(3).max(limits.email),
              manager: z.string().max(limits.email).optional(),
              timeZone: z.string().max(64).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: jsonResponse('Who was invited, and until when the link works (the link itself goes only to them)'),
  },
});

/** People over HTTP: so far, inviting a member. */
export function registerPeopleRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(invite, async (c) => {
    const { person, invitation } = await inviteMember(scopeOf(c), c.req.valid('json'), deps.origin);
    return c.json(
      { person: { name: person.name, email: person.email }, expiresAt: invitation.expires_at },
      201,
    );
  });
}
