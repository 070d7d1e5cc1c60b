import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { markDone } from '../followups/followups.usecases.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonResponse, scopeOf } from '../web/api.js';
import { commitmentDetailJson, commitmentJson } from './commitments.present.js';
import { LIST_LIMIT } from './commitments.rules.js';
import { makeCommitment } from './commitments.usecases.js';
import { listCommitments, showCommitment } from './commitments.usecases.query.js';

const IdParam = z.object({
  id: z
    .string()
    .regex(/^c?\d{1,9}$/)
    .openapi({ example: 'c12' }),
});
const flag = z.enum(['true', 'false']).optional();

const list = createRoute({
  method: 'get',
  path: '/api/v1/commitments',
  summary: 'Commitments one may see, soonest due first, a page at a time',
  request: {
    query: z
      .object({
        owner: z.string().max(limits.email).optional(),
        team: z.string().max(limits.email).optional(),
        status: z.enum(['open', 'done', 'missed', 'dropped']).optional(),
        overdue: flag,
        stalled: flag,
        limbo: flag,
        limit: z
          .string()
          .regex(/^\d{1,4}$/)
          .optional()
          .openapi({ example: String(LIST_LIMIT) }),
        after: z
          .string()
          .max(200)
          .optional()
          .openapi({ description: 'the `next` cursor of the page before' }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('{ commitments, total, next }') },
});

const show = createRoute({
  method: 'get',
  path: '/api/v1/commitments/{id}',
  summary: 'A commitment, its follow-ups and its timeline',
  request: { params: IdParam },
  responses: { 200: jsonResponse('The commitment') },
});

const create = createRoute({
  method: 'post',
  path: '/api/v1/commitments',
  summary: 'Agree a next step: one owner, an outcome and a date',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              what: z.string().min(1).max(limits.what),
              owner: z.string().min(1).max(limits.email),
              due: z.string().min(1).max(100).openapi({ example: '2026-12-04' }),
              outcome: z.string().max(limits.outcome).optional(),
              with: z.array(z.string().max(limits.email)).max(20).optional(),
              meeting: z.string().max(12).optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 201: jsonResponse('The new commitment') },
});

const done = createRoute({
  method: 'post',
  path: '/api/v1/commitments/{id}/done',
  summary: 'Mark a commitment done, on the day it was done',
  request: {
    params: IdParam,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z
            .object({ note: z.string().max(limits.note).optional(), on: z.string().max(40).optional() })
            .strict(),
        },
      },
    },
  },
  responses: { 200: jsonResponse('The commitment, done') },
});

/** Commitments over HTTP: the same use cases as the command line, through the same policy. */
export function registerCommitmentRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const result = await listCommitments(scopeOf(c), {
      ...q,
      overdue: q.overdue === 'true',
      stalled: q.stalled === 'true',
      limbo: q.limbo === 'true',
    });
    return c.json(
      { commitments: result.views.map(commitmentJson), total: result.total, next: result.next },
      200,
    );
  });

  app.openapi(show, async (c) =>
    c.json(commitmentDetailJson(await showCommitment(scopeOf(c), c.req.valid('param').id)), 200),
  );

  app.openapi(create, async (c) => {
    const scope = scopeOf(c);
    const made = await makeCommitment(scope, c.req.valid('json'));
    const id = formatId('commitment', made.commitment.id);
    return c.json(commitmentDetailJson(await showCommitment(scope, id)), 201);
  });

  app.openapi(done, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    await markDone(scope, id, body.note, body.on);
    return c.json(commitmentDetailJson(await showCommitment(scope, id)), 200);
  });
}
