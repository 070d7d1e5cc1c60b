import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { previewJson } from './capture.present.js';
import { previewNotes } from './capture.usecases.js';

const preview = createRoute({
  method: 'post',
  path: '/api/v1/capture/preview',
  summary: 'What each line of notes would become in a meeting: owner, what, date, limbo; nothing saved',
  request: {
    body: jsonBody(
      z
        .object({
          meeting: z
            .string()
            .regex(/^m?\d{1,9}$/)
            .openapi({ example: 'm1' }),
          text: z
            .string()
            .max(limits.notes)
            .openapi({ example: 'Dana to send revised pricing to Jo by Friday' }),
          private: z.boolean().optional().openapi({ description: 'private lines would stay notes' }),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('{ meeting, lines }') },
});

/** Capture over HTTP: `ft capture --dry-run`, through the same policy as adding the notes. */
export function registerCaptureRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(preview, async (c) => {
    const body = c.req.valid('json');
    const { meeting, lines } = await previewNotes(scopeOf(c), body.meeting, body.text, {
      private: body.private,
    });
    return c.json({ meeting: formatId('meeting', meeting.id), lines: previewJson(lines) }, 200);
  });
}
