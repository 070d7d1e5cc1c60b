import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { SignInPage } from '../auth/auth.pages.js';
import { type ApiDeps, type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { DayPage } from './today.pages.js';
import { dayJson } from './today.present.js';
import { myDay } from './today.usecases.js';

const today = createRoute({
  method: 'get',
  path: '/api/v1/me/today',
  summary: "The signed-in member's day",
  description:
    'What `ft` shows: overdue, due today, coming up, follow-ups to answer, answers heard, wrap-ups owed, and a manager’s team.',
  responses: {
    200: jsonResponse('The day'),
  },
});

export function registerTodayRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(today, async (c) => c.json(dayJson(await myDay(scopeOf(c))), 200));
}

/** What the day says after a change made in place. */
const dayNotices: Record<string, string> = {
  answered: 'Your answer is in: whoever asked hears it.',
  done: 'Marked done.',
  move: 'The date moved; its follow-up moved with it.',
};

/** `/`: the signed-in member's day, or the sign-in form. */
export function registerTodayPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />);
    const saved = dayNotices[c.req.query('saved') ?? ''];
    return c.html(<DayPage day={await myDay(scope)} saved={saved} />);
  });
}
