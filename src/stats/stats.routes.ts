import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { statsJson } from './stats.present.js';
import { statsFor } from './stats.usecases.js';

const stats = createRoute({
  method: 'get',
  path: '/api/v1/stats',
  summary:
    'How well the loop works: one’s own, a person’s or a team’s below one, or (an admin) the organization’s',
  description:
    'As `ft stats`: one of `person`, `team` or `org`; without any, one’s team when one manages someone, else oneself. The period is `since` to `until` (dates or words like "last month"), by default the last four weeks.',
  request: {
    query: z
      .object({
        person: z.string().max(limits.email).optional(),
        team: z.string().max(limits.email).optional(),
        org: z.enum(['true', 'false']).optional(),
        since: z.string().max(100).optional().openapi({ example: '2026-11-01' }),
        until: z.string().max(100).optional().openapi({ example: '2026-11-30' }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('The numbers, for whom and over which dates') },
});

/** Stats over HTTP: the same use case as `ft stats`, through the same policy. */
export function registerStatsRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(stats, async (c) => {
    const q = c.req.valid('query');
    return c.json(statsJson(await statsFor(scopeOf(c), { ...q, org: q.org === 'true' })), 200);
  });
}
