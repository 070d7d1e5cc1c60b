import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { planDetailJson, planJson, planRowJson } from './plans.present.js';
import { planKinds } from './plans.rules.js';
import { addPlan, closePlan, planList, showPlan } from './plans.usecases.js';

const IdParam = z.object({
  id: z
    .string()
    .regex(/^p?\d{1,9}$/)
    .openapi({ example: 'p1' }),
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/plans',
  summary:
    'Account and opportunity plans one may see (one’s own and those below), with their open next steps',
  request: {
    query: z
      .object({
        owner: z.string().max(limits.email).optional(),
        all: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'with the plans already won or lost' }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('{ plans }') },
});

const show = createRoute({
  method: 'get',
  path: '/api/v1/plans/{id}',
  summary: 'A plan, its progress and the commitments one may see that serve it',
  request: { params: IdParam },
  responses: { 200: jsonResponse('The plan') },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/plans',
  summary: 'Add an account or opportunity plan, for oneself or someone below',
  request: {
    body: jsonBody(
      z
        .object({
          kind: z.enum(planKinds as [string, ...string[]]),
          name: z.string().min(1).max(limits.name),
          owner: z.string().min(1).max(limits.email),
          goal: z.string().max(limits.outcome).optional(),
          ends: z.string().max(100).optional().openapi({ example: '2026-12-31' }),
          company: z.string().max(limits.company).optional(),
          yes: z.boolean().optional().openapi({ description: 'accept an end more than a year ahead' }),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The new plan') },
});

const close = createRoute({
  method: 'post',
  path: '/api/v1/plans/{id}/close',
  summary: 'Close a plan as won or lost',
  request: {
    params: IdParam,
    body: jsonBody(
      z
        .object({
          outcome: z.enum(['won', 'lost']),
          openItems: z
            .enum(['keep', 'drop'])
            .optional()
            .openapi({ description: 'its open next steps: kept open (the default), or dropped' }),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('The plan, closed') },
});

/** Plans over HTTP: the same use cases as `ft plan`, through the same policy. */
export function registerPlanRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const rows = await planList(scopeOf(c), { owner: q.owner, all: q.all === 'true' });
    return c.json({ plans: rows.map(planRowJson) }, 200);
  });

  app.openapi(show, async (c) =>
    c.json(planDetailJson(await showPlan(scopeOf(c), c.req.valid('param').id)), 200),
  );

  app.openapi(create, async (c) => c.json(planJson(await addPlan(scopeOf(c), c.req.valid('json'))), 201));

  app.openapi(close, async (c) => {
    const body = c.req.valid('json');
    const plan = await closePlan(scopeOf(c), c.req.valid('param').id, body.outcome, {
      openItems: body.openItems,
    });
    return c.json({ ...planJson(plan), dropped: plan.dropped }, 200);
  });
}
