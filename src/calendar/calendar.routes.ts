import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { awayAddedJson, awayJson, holidayJson } from './calendar.present.js';
import {
  addAway,
  addHolidays,
  holidaysOfYear,
  removeAway,
  removeHoliday,
  upcomingAway,
} from './calendar.usecases.js';

const day = z.string().min(1).max(100);
const year = z
  .string()
  .regex(/^\d{4}$/)
  .openapi({ example: '2027' });

const listAway = createRoute({
  method: 'get',
  path: '/api/v1/away',
  summary: 'Time away not over yet: one’s own and that of everyone below (an admin: everyone’s)',
  request: { query: z.object({ person: z.string().max(limits.email).optional() }).strict() },
  responses: { 200: jsonResponse('{ away }') },
});

const addAwayRoute = createRoute({
  method: 'post',
  path: '/api/v1/away',
  summary: 'Record time away, one’s own or someone’s below: their follow-ups wait for their first day back',
  request: {
    body: jsonBody(
      z
        .object({
          person: z.string().min(1).max(limits.email).optional(),
          from: day.openapi({ example: '2026-12-21' }),
          until: day.openapi({ example: '2027-01-01' }),
          note: z.string().max(limits.reason).optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The time away, the follow-ups moved, and who was told') },
});

const removeAwayRoute = createRoute({
  method: 'delete',
  path: '/api/v1/away/{id}',
  summary: 'Remove time away recorded by mistake: the follow-ups go back to the usual working days',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^a?\d{1,9}$/)
        .openapi({ example: 'a1' }),
    }),
  },
  responses: { 200: jsonResponse('What was removed, and how many follow-ups moved back') },
});

const listHolidays = createRoute({
  method: 'get',
  path: '/api/v1/holidays',
  summary: 'The organization’s holidays of a year: nobody’s follow-ups go out on them',
  request: { query: z.object({ year: year.optional() }).strict() },
  responses: { 200: jsonResponse('{ holidays }') },
});

const addHolidaysRoute = createRoute({
  method: 'post',
  path: '/api/v1/holidays',
  summary: 'An admin adds a holiday, or a country’s public holidays for a year',
  request: {
    body: jsonBody(
      z
        .object({
          date: day.optional().openapi({ example: '2026-12-24' }),
          name: z.string().max(limits.name).optional(),
          country: z
            .string()
            .regex(/^[A-Za-z]{2}$/)
            .optional()
            .openapi({ example: 'US' }),
          year: year.optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The holidays added, and how many follow-ups moved') },
});

const removeHolidayRoute = createRoute({
  method: 'delete',
  path: '/api/v1/holidays/{date}',
  summary: 'An admin removes a holiday',
  request: {
    params: z.object({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .openapi({ example: '2026-12-24' }),
    }),
  },
  responses: { 200: jsonResponse('What was removed, and how many follow-ups moved back') },
});

/** Time away and holidays over HTTP: the same use cases as `ft away` and `ft holidays`. */
export function registerCalendarRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listAway, async (c) => {
    const rows = await upcomingAway(scopeOf(c), c.req.valid('query').person);
    return c.json({ away: rows.map(awayJson) }, 200);
  });

  app.openapi(addAwayRoute, async (c) =>
    c.json(awayAddedJson(await addAway(scopeOf(c), c.req.valid('json'))), 201),
  );

  app.openapi(removeAwayRoute, async (c) => {
    const result = await removeAway(scopeOf(c), c.req.valid('param').id);
    return c.json({ removed: formatId('away', result.away.id), moved: result.moved.length }, 200);
  });

  app.openapi(listHolidays, async (c) => {
    const rows = await holidaysOfYear(scopeOf(c), c.req.valid('query').year);
    return c.json({ holidays: rows.map(holidayJson) }, 200);
  });

  app.openapi(addHolidaysRoute, async (c) => {
    const result = await addHolidays(scopeOf(c), c.req.valid('json'));
    return c.json(
      { added: result.added.map(holidayJson), alreadyKnown: result.known, moved: result.moved.length },
      201,
    );
  });

  app.openapi(removeHolidayRoute, async (c) => {
    const result = await removeHoliday(scopeOf(c), c.req.valid('param').date);
    return c.json({ removed: holidayJson(result.removed), moved: result.moved.length }, 200);
  });
}
