import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { coachJson } from '../coach/coach.present.js';
import { followUpJson } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { answerOutcomes } from './followups.messages.js';
import { answerFollowUp, listPendingFollowUps } from './followups.usecases.js';

const list = createRoute({
  method: 'get',
  path: '/api/v1/followups',
  summary: 'Follow-ups not yet answered: those one answers (an admin: everyone’s)',
  request: { query: z.object({ due: z.enum(['true', 'false']).optional() }).strict() },
  responses: { 200: jsonResponse('{ followUps }') },
});

const answer = createRoute({
  method: 'post',
  path: '/api/v1/followups/{id}/answer',
  summary: 'How did it go? What’s next? Answer a follow-up',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^f?\d{1,9}$/)
        .openapi({ example: 'f3' }),
    }),
    body: jsonBody(
      z
        .object({
          outcome: z.enum(answerOutcomes as [string, ...string[]]),
          happened: z.string().max(limits.note).optional(),
          learned: z.string().max(limits.note).optional(),
          next: z.string().max(limits.what).optional(),
          nextDue: z.string().max(100).optional(),
          newDue: z.string().max(100).optional(),
          doneOn: z.string().max(40).optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('The answer, and the next step when there is one') },
});

/** Follow-ups over HTTP: the same use cases as `ft followups` and `ft answer`. */
export function registerFollowUpRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(list, async (c) => {
    const rows = await listPendingFollowUps(scopeOf(c), { due: c.req.valid('query').due === 'true' });
    return c.json({ followUps: rows.map(followUpJson) }, 200);
  });

  app.openapi(answer, async (c) => {
    const body = c.req.valid('json');
    const result = await answerFollowUp(scopeOf(c), c.req.valid('param').id, {
      ...body,
      outcome: body.outcome as (typeof answerOutcomes)[number],
    });
    return c.json(
      {
        followUp: followUpJson(result.followUp),
        commitment: formatId('commitment', result.commitment.id),
        status: result.commitment.status,
        next: result.next ? formatId('commitment', result.next.id) : null,
        coach: result.coached.map(({ text, verdict }) => ({ text, ...coachJson(verdict) })),
      },
      200,
    );
  });
}
