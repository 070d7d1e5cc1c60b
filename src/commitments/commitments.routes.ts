import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { recordAgreement } from '../answers/agreement.usecases.js';
import { markDone } from '../followups/followups.usecases.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { editCommitment, reopenCommitment } from './commitments.edit.js';
import { commitmentDetailJson, commitmentJson } from './commitments.present.js';
import { LIST_LIMIT } from './commitments.rules.js';
import { dropCommitment, makeCommitment, markMissed, moveDue, reassign } from './commitments.usecases.js';
import { listCommitments, showCommitment } from './commitments.usecases.query.js';
import { type CommitmentView, loadViews } from './commitments.views.js';

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
        unagreed: flag,
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
    body: jsonBody(
      z
        .object({
          what: z.string().min(1).max(limits.what),
          owner: z.string().min(1).max(limits.email),
          due: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .openapi({ example: '2026-12-04', description: 'needed unless `every` is given' }),
          every: z.string().min(1).max(200).optional().openapi({
            example: 'friday',
            description:
              'a recurring step: "friday", "every 2 weeks on monday", "every month on the 1st" or an RRULE; each occurrence is a step of its own',
          }),
          outcome: z.string().max(limits.outcome).optional(),
          with: z.array(z.string().max(limits.email)).max(20).optional(),
          meeting: z.string().max(12).optional(),
          plan: z.string().max(12).optional().openapi({ description: 'the plan the step serves' }),
          after: z
            .array(z.string().max(12))
            .max(20)
            .optional()
            .openapi({ description: 'steps that must be done first' }),
          needs: z
            .string()
            .max(limits.what)
            .optional()
            .openapi({ description: 'what the owner needs to do it' }),
          ask: z
            .string()
            .max(limits.note)
            .optional()
            .openapi({ description: 'a personal note for the follow-up' }),
          visibility: z.enum(['shared', 'internal']).optional(),
          yes: z.boolean().optional().openapi({ description: 'yes, a date more than a year ahead is meant' }),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The new commitment') },
});

const done = createRoute({
  method: 'post',
  path: '/api/v1/commitments/{id}/done',
  summary: 'Mark a commitment done, on the day it was done',
  request: {
    params: IdParam,
    body: jsonBody(
      z.object({ note: z.string().max(limits.note).optional(), on: z.string().max(40).optional() }).strict(),
      { required: false },
    ),
  },
  responses: { 200: jsonResponse('The commitment, done') },
});

/** A change to one commitment: its id, and a strict JSON body. */
const change = <T extends z.ZodRawShape>(
  path: string,
  summary: string,
  body: z.ZodObject<T>,
  required = true,
) =>
  createRoute({
    method: 'post',
    path: `/api/v1/commitments/{id}/${path}`,
    summary,
    request: {
      params: IdParam,
      body: jsonBody(body.strict(), { required }),
    },
    responses: { 200: jsonResponse('The commitment, changed') },
  });

const reason = z.string().min(1).max(limits.reason);
const yes = z.boolean().optional().openapi({ description: 'accept a date more than a year ahead' });

const missed = change(
  'missed',
  'Record that a commitment was missed',
  z.object({ note: z.string().max(limits.reason).optional() }),
  false,
);

const move = change(
  'move',
  'Renegotiate a commitment’s date, with a reason (counted; its follow-up moves too)',
  z.object({ due: z.string().min(1).max(100).openapi({ example: '2026-12-11' }), reason, yes }),
);

const handOver = change(
  'reassign',
  'Give a commitment to another owner: oneself, someone below, or a customer contact',
  z.object({ owner: z.string().min(1).max(limits.email), reason: reason.optional() }),
);

const drop = change(
  'drop',
  'Drop a commitment, with a reason; its follow-up is cancelled',
  z.object({ reason }),
);

const reopen = change(
  'reopen',
  'Open a done, missed or dropped commitment again, with a reason',
  z.object({ reason }),
);

const agree = change(
  'agree',
  'Record that a delegated step’s owner agrees to it (a proposal or an ask for help settled)',
  z.object({}),
  false,
);

const edit = createRoute({
  method: 'patch',
  path: '/api/v1/commitments/{id}',
  summary:
    'Correct a commitment without renegotiating it: what, outcome, with, needs, note, plan, who sees it',
  description:
    'As `ft edit`: `with` replaces the list (empty clears it), `plan` null unties it, `due` only gives a first date or fixes one within ten minutes of agreeing it (later, move it).',
  request: {
    params: IdParam,
    body: jsonBody(
      z
        .object({
          what: z.string().max(limits.what).optional(),
          outcome: z.string().max(limits.outcome).optional(),
          with: z.array(z.string().max(limits.email)).max(20).optional(),
          needs: z.string().max(limits.outcome).optional(),
          ask: z.string().max(limits.note).optional(),
          due: z.string().min(1).max(100).optional(),
          plan: z.string().max(12).nullable().optional(),
          visibility: z.enum(['shared', 'internal']).optional(),
          yes,
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('The commitment, corrected, and what changed') },
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
      unagreed: q.unagreed === 'true',
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

  app.openapi(missed, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    await markMissed(scope, id, c.req.valid('json')?.note);
    return c.json(commitmentDetailJson(await showCommitment(scope, id)), 200);
  });

  app.openapi(move, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const moved = await moveDue(scope, id, body.due, body.reason, { yes: body.yes });
    const shown = commitmentDetailJson(await showCommitment(scope, id));
    return c.json({ ...shown, corrected: moved.corrected }, 200);
  });

  app.openapi(handOver, async (c) => {
    const scope = scopeOf(c);
    const body = c.req.valid('json');
    const handed = await reassign(scope, c.req.valid('param').id, body.owner, body.reason);
    // Given away, it may no longer be the giver's to see: answer with what was just written.
    const [view] = await loadViews(scope, [handed.commitment]);
    return c.json({ ...commitmentJson(view as CommitmentView), buyBack: handed.buyBack }, 200);
  });

  app.openapi(drop, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    await dropCommitment(scope, id, c.req.valid('json').reason);
    return c.json(commitmentDetailJson(await showCommitment(scope, id)), 200);
  });

  app.openapi(reopen, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const reopened = await reopenCommitment(scope, id, c.req.valid('json').reason);
    const shown = commitmentDetailJson(await showCommitment(scope, id));
    return c.json({ ...shown, datePassed: reopened.datePassed }, 200);
  });

  app.openapi(agree, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    await recordAgreement(scope, id);
    return c.json(commitmentDetailJson(await showCommitment(scope, id)), 200);
  });

  app.openapi(edit, async (c) => {
    const scope = scopeOf(c);
    const { id } = c.req.valid('param');
    const edited = await editCommitment(scope, id, c.req.valid('json'));
    const shown = commitmentDetailJson(await showCommitment(scope, id));
    return c.json({ ...shown, changed: edited.changed }, 200);
  });
}
