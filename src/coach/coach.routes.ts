import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse } from '../web/api.js';
import { verdictJson } from './coach.present.js';
import { readReply } from './coach.usecases.js';

const read = createRoute({
  method: 'post',
  path: '/api/v1/coach',
  summary: 'Read a manager’s reply to a report: buy-back, limbo, accountable or neutral; nothing kept',
  request: {
    body: jsonBody(
      z
        .object({
          text: z.string().max(limits.note).openapi({ example: "Leave it with me, I'll call their CFO" }),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('{ label, confidence, cues, suggestion }') },
});

/** The delegation coach over HTTP: `ft coach`, for any signed-in member. */
export function registerCoachRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(read, (c) => c.json(verdictJson(readReply(c.req.valid('json').text)), 200));
}
