import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { agendaFor } from '../agendas/agendas.usecases.js';
import { savedJson } from '../capture/capture.present.js';
import { addNotes } from '../capture/capture.usecases.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { wrapupJson } from '../wrapups/wrapups.present.js';
import { wrapup } from '../wrapups/wrapups.usecases.js';
import { endedJson, meetingDetailJson, meetingRowJson, startedJson } from './meetings.present.js';
import { meetingKinds } from './meetings.rules.js';
import { endMeeting, meetingList, startMeeting } from './meetings.usecases.js';
import { meetingView } from './meetings.view.js';

const IdParam = z.object({
  id: z
    .string()
    .regex(/^m?\d{1,9}$/)
    .openapi({ example: 'm1' }),
});
const kind = z.enum(meetingKinds);
const person = z.string().min(1).max(limits.email);
const cc = z
  .array(person)
  .max(50)
  .optional()
  .openapi({ description: 'people who were not there but should know' });

const list = createRoute({
  method: 'get',
  path: '/api/v1/meetings',
  summary: 'Meetings one may see (attended, or of someone below), newest first, a page at a time',
  request: {
    query: z
      .object({
        with: person.optional().openapi({ description: 'only those this person was in' }),
        kind: kind.optional(),
        since: z.string().max(100).optional().openapi({ example: '2026-11-01' }),
        limit: z
          .string()
          .regex(/^\d{1,4}$/)
          .optional()
          .openapi({ example: '50' }),
        after: z
          .string()
          .max(200)
          .optional()
          .openapi({ description: 'the `next` cursor of the page before' }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('{ meetings, total, next }') },
});

const start = createRoute({
  method: 'post',
  path: '/api/v1/meetings',
  summary: 'Start a meeting with people below one or customer contacts; a series’ agenda comes with it',
  request: {
    body: jsonBody(
      z
        .object({
          kind,
          with: z
            .array(person)
            .min(1)
            .max(50)
            .openapi({ example: ['dana@northwind.example'] }),
          at: z.string().max(100).optional().openapi({ example: '2026-11-24 10:00' }),
          series: z.string().max(limits.name).optional().openapi({ description: 'a named series' }),
          plan: z.string().max(12).optional().openapi({ description: 'the plan a review is about' }),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The meeting, its attendees and its agenda') },
});

const show = createRoute({
  method: 'get',
  path: '/api/v1/meetings/{id}',
  summary:
    'A meeting: attendees, notes line by line with what each became (private ones to their author only)',
  request: { params: IdParam },
  responses: { 200: jsonResponse('The meeting') },
});

const notes = createRoute({
  method: 'post',
  path: '/api/v1/meetings/{id}/notes',
  summary: 'Add notes: each line stating a next step becomes a commitment; private lines stay notes',
  request: {
    params: IdParam,
    body: jsonBody(
      z
        .object({
          text: z
            .string()
            .min(1)
            .max(limits.notes)
            .openapi({ example: 'Dana to send revised pricing to Jo by Friday' }),
          private: z.boolean().optional().openapi({
            description:
              'seen by their author alone; notes only: no commitment, no coach, never in the wrap-up',
          }),
          plan: z.string().max(12).optional().openapi({ description: 'the plan the next steps serve' }),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('{ meeting, private, lines }: what each line became') },
});

const end = createRoute({
  method: 'post',
  path: '/api/v1/meetings/{id}/end',
  summary: 'End a meeting: its wrap-up is due within 24 hours',
  request: { params: IdParam },
  responses: { 200: jsonResponse('{ id, endedAt, wrapupDueAt }') },
});

const preview = createRoute({
  method: 'get',
  path: '/api/v1/meetings/{id}/wrapup',
  summary: 'A meeting’s wrap-up as each recipient would get it (customers: shared steps only); nothing sent',
  request: {
    params: IdParam,
    query: z
      .object({ cc: z.string().max(2000).optional().openapi({ description: 'comma-separated people' }) })
      .strict(),
  },
  responses: { 200: jsonResponse('The wrap-up, version by version') },
});

const send = createRoute({
  method: 'post',
  path: '/api/v1/meetings/{id}/wrapup',
  summary: 'Send an ended meeting’s wrap-up to its attendees and cc (once)',
  request: {
    params: IdParam,
    body: jsonBody(z.object({ cc }).strict(), { required: false }),
  },
  responses: { 200: jsonResponse('The wrap-up, and to whom it went') },
});

const commaList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Meetings over HTTP: the same use cases as `ft meeting`, `ft note` and `ft wrapup`, through the same policy. */
export function registerMeetingRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const page = await meetingList(scopeOf(c), { ...q, limit: q.limit ?? '50' });
    return c.json({ meetings: page.rows.map(meetingRowJson), total: page.total, next: page.next }, 200);
  });

  app.openapi(start, async (c) => {
    const scope = scopeOf(c);
    const started = await startMeeting(scope, c.req.valid('json'));
    const agenda =
      started.series || started.meeting.plan_id
        ? await agendaFor(scope, { series: started.series, plan: null }, started.meeting)
        : null;
    return c.json(startedJson(started, agenda), 201);
  });

  app.openapi(show, async (c) =>
    c.json(meetingDetailJson(await meetingView(scopeOf(c), c.req.valid('param').id)), 200),
  );

  app.openapi(notes, async (c) => {
    const body = c.req.valid('json');
    const added = await addNotes(scopeOf(c), c.req.valid('param').id, body.text, {
      plan: body.plan,
      private: body.private,
    });
    return c.json(
      {
        meeting: formatId('meeting', added.meeting.id),
        private: body.private === true,
        lines: savedJson(added.lines),
      },
      201,
    );
  });

  app.openapi(end, async (c) =>
    c.json(endedJson(await endMeeting(scopeOf(c), c.req.valid('param').id)), 200),
  );

  app.openapi(preview, async (c) => {
    const result = await wrapup(scopeOf(c), c.req.valid('param').id, {
      send: false,
      cc: commaList(c.req.valid('query').cc),
    });
    return c.json(wrapupJson(result), 200);
  });

  app.openapi(send, async (c) => {
    const body = c.req.valid('json') ?? {};
    const result = await wrapup(scopeOf(c), c.req.valid('param').id, { send: true, cc: body.cc ?? [] });
    return c.json(wrapupJson(result), 200);
  });
}
