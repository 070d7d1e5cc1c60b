import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type ApiEnv, scopeOf } from '../web/api.js';
import { dayJson } from './today.present.js';
import { myDay } from './today.usecases.js';

const today = createRoute({
  method: 'get',
  path: '/api/v1/me/today',
  summary: "The signed-in member's day",
  description:
    'What `ft` shows: overdue, due today, coming up, follow-ups to answer, answers heard, wrap-ups owed, and a manager’s team.',
  responses: {
    200: { description: 'The day', content: { 'application/json': { schema: z.object({}).passthrough() } } },
  },
});

export function registerTodayRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(today, async (c) => c.json(dayJson(await myDay(scopeOf(c))), 200));
}
