import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { personJson } from '../commitments/commitments.present.js';
import { type ApiDeps, type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { runForMember } from './remote.run.js';

const me = createRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'Who the session or token acts as, and where',
  responses: { 200: jsonResponse('{ person, role, organization }') },
});

const commands = createRoute({
  method: 'post',
  path: '/api/v1/commands',
  summary: 'Run an `ft` command line as the signed-in member (what `ft` does once logged in)',
  description:
    'The command line parsed here as `ft` parses it, acting as the session’s member through the same rules as every other route: its output, and its exit code. Commands that work on the data where it lies (init, demo, start, serve, worker, tick) and the settings that choose data, a person or a time (--data, --as, --now) are refused.',
  request: {
    body: jsonBody(
      z
        .object({
          argv: z.array(z.string().max(20_000)).max(100),
          stdin: z.string().max(200_000).nullable().optional(),
          colour: z.boolean().optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('{ exitCode, stdout, stderr }') },
});

/** The command line, remote: who one is, and any command run as oneself. */
export function registerRemoteRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(me, (c) => {
    const scope = scopeOf(c);
    return c.json(
      {
        person: personJson(scope.actor),
        role: scope.actor?.role ?? null,
        organization: scope.org.name,
      },
      200,
    );
  });

  app.openapi(commands, async (c) => {
    const { argv, stdin = null, colour = false } = c.req.valid('json');
    return c.json(
      await runForMember(scopeOf(c), deps.location, argv, stdin, colour, (error) =>
        deps.log.error({ err: error, id: c.get('requestId') }, 'unexpected error in a command line'),
      ),
      200,
    );
  });
}
