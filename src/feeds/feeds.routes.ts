import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type ApiDeps, type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { calendarFeed, myCalendarLink, rotateCalendarLink } from './feeds.usecases.js';

const show = createRoute({
  method: 'get',
  path: '/api/v1/me/calendar',
  summary: "The signed-in member's secret calendar address (made the first time)",
  responses: { 200: jsonResponse('{ url, rotated }') },
});

const rotate = createRoute({
  method: 'post',
  path: '/api/v1/me/calendar/rotate',
  summary: 'A new calendar address for the signed-in member: the old one answers 404 from then on',
  responses: { 200: jsonResponse('{ url, rotated }') },
});

/** The member's calendar address, over the API. */
export function registerFeedRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(show, async (c) => c.json(await myCalendarLink(scopeOf(c)), 200));
  app.openapi(rotate, async (c) => c.json(await rotateCalendarLink(scopeOf(c)), 200));
}

/**
 * `/cal/TOKEN.ics`: the feed itself, for calendar apps, which sign in to nothing: the token is
 * the key. Unknown, rotated or a departed member's: 404, the same for each.
 */
export function registerFeeds(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/cal/:file', async (c) => {
    const token = /^(.*)\.ics$/.exec(c.req.param('file'))?.[1] ?? '';
    const ics = await calendarFeed(deps.db, deps.clock, token);
    if (ics === null) return c.text('No calendar here.\n', 404);
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
  });
}
