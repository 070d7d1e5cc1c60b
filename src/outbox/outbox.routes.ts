import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { messageJson } from './outbox.present.js';
import { messageKinds } from './outbox.rules.js';
import { listMessages, OUTBOX_LAST } from './outbox.usecases.js';

const list = createRoute({
  method: 'get',
  path: '/api/v1/outbox',
  summary: 'An admin reads the messages written for delivery, newest last',
  request: {
    query: z
      .object({
        to: z.string().max(limits.email).optional(),
        kind: z.enum(messageKinds).optional(),
        last: z
          .string()
          .regex(/^\d{1,6}$/)
          .optional()
          .openapi({ example: String(OUTBOX_LAST) }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('{ messages }') },
});

/** The outbox over HTTP: the same use case as `ft outbox`, an admin's alone. */
export function registerOutboxRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(list, async (c) => {
    const messages = await listMessages(scopeOf(c), c.req.valid('query'));
    return c.json({ messages: messages.map(messageJson) }, 200);
  });
}
