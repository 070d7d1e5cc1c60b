import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { agendaJson } from './agendas.present.js';
import { agendaFor, findAgendaSubject } from './agendas.usecases.js';

const withPerson = createRoute({
  method: 'get',
  path: '/api/v1/people/{ref}/agenda',
  summary: 'What one’s next 1:1 with this person starts with: pending items, answers, plans',
  request: {
    params: z.object({
      ref: z.string().min(1).max(limits.email).openapi({ example: 'dana@northwind.example' }),
    }),
  },
  responses: { 200: jsonResponse('The agenda') },
});

const ofSeries = createRoute({
  method: 'get',
  path: '/api/v1/series/{id}/agenda',
  summary: 'What the next meeting of a series starts with (one’s own, those below one’s; an admin any)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^s?\d{1,9}$/)
        .openapi({ example: 's1' }),
    }),
  },
  responses: { 200: jsonResponse('The agenda') },
});

/** Agendas over HTTP: the same use cases as `ft agenda`, through the same policy. */
export function registerAgendaRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(withPerson, async (c) => {
    const scope = scopeOf(c);
    const subject = await findAgendaSubject(scope, { with: c.req.valid('param').ref });
    return c.json(agendaJson(await agendaFor(scope, subject)), 200);
  });

  app.openapi(ofSeries, async (c) => {
    const scope = scopeOf(c);
    const subject = await findAgendaSubject(scope, { series: c.req.valid('param').id });
    return c.json(agendaJson(await agendaFor(scope, subject)), 200);
  });
}
