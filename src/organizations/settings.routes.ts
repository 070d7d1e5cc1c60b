import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { settingsJson } from './organizations.present.js';
import { settingsOf, updateSettings } from './settings.usecases.js';

const read = createRoute({
  method: 'get',
  path: '/api/v1/settings',
  summary: 'The organization’s time zone and when follow-ups fire',
  responses: { 200: jsonResponse('The settings') },
});

const change = createRoute({
  method: 'patch',
  path: '/api/v1/settings',
  summary: 'An admin changes the organization’s time zone or when follow-ups fire',
  request: {
    body: jsonBody(
      z
        .object({
          timeZone: z.string().min(1).max(64).optional().openapi({ example: 'America/New_York' }),
          followUpHour: z.number().int().min(0).max(23).optional().openapi({ example: 9 }),
          followUpOffsetWorkingDays: z.number().int().min(1).max(20).optional().openapi({ example: 1 }),
          dueTodayReminders: z.boolean().optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('The settings, as they now are') },
});

/** The organization's settings over HTTP: the same use cases as `ft settings`. */
export function registerSettingsRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(read, async (c) => c.json(settingsJson(settingsOf(scopeOf(c))), 200));

  app.openapi(change, async (c) => {
    const body = c.req.valid('json');
    const org = await updateSettings(scopeOf(c), {
      timeZone: body.timeZone,
      followUpHour: body.followUpHour?.toString(),
      followUpOffset: body.followUpOffsetWorkingDays?.toString(),
      dueTodayReminders:
        body.dueTodayReminders === undefined ? undefined : body.dueTodayReminders ? 'on' : 'off',
    });
    return c.json(settingsJson(org), 200);
  });
}
