import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { SignInPage } from '../auth/auth.pages.js';
import { today } from '../organizations/scope.js';
import { limits } from '../shared/text.js';
import { type ApiDeps, type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { OutboxPage } from './outbox.pages.js';
import { messageJson } from './outbox.present.js';
import { type DeliveryState, deliveryStates, messageKinds } from './outbox.rules.js';
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
        state: z.enum(deliveryStates).optional(),
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

/** `/outbox`: an admin reads the mail, sent or that would have gone out, as a page. */
export function registerOutboxPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/outbox', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope?.actor) return c.html(<SignInPage />, 401);
    const asked = c.req.query('state');
    const state = (deliveryStates as readonly string[]).includes(asked ?? '')
      ? (asked as DeliveryState)
      : undefined;
    const messages = await listMessages(scope, { state, last: '200' });
    c.header('cache-control', 'private, no-store');
    return c.html(
      <OutboxPage
        name={scope.actor.name}
        messages={messages}
        state={state}
        delivering={deps.delivering === true}
        zone={scope.actor.time_zone}
        today={today(scope)}
      />,
    );
  });
}
