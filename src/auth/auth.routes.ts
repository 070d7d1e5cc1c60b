import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { limits } from '../shared/text.js';
import { type ApiDeps, type ApiEnv, errorBody } from '../web/api.js';
import { signUp } from './accounts.usecases.js';
import { CLIENT_IP_HEADER } from './auth.js';

const SignUpBody = z
  .object({
    organization: z.string().trim().min(1).max(limits.name).openapi({ example: 'Northwind' }),
    timeZone: z.string().min(1).max(64).openapi({ example: 'America/New_York' }),
    name: z.string().trim().min(1).max(limits.name).openapi({ example: 'Mara Chen' }),
    email: z.string().min(3).max(limits.email).openapi({ example: 'mara@northwind.example' }),
    password: z.string().min(8).max(128),
  })
  .strict();

const signUpRoute = createRoute({
  method: 'post',
  path: '/api/v1/signup',
  summary: 'Create an organization and its first admin, signed in',
  request: { body: { required: true, content: { 'application/json': { schema: SignUpBody } } } },
  responses: {
    201: {
      description:
        'The organization, its admin, and a token for scripts (the response also sets the session cookie)',
      content: {
        'application/json': {
          schema: z.object({
            organization: z.object({ name: z.string(), timeZone: z.string() }),
            person: z.object({ name: z.string(), email: z.string(), role: z.string() }),
            token: z.string().nullable(),
          }),
        },
      },
    },
  },
});

/**
 * Accounts: our sign-up (a new organization with it), and the library's own routes under
 * /api/auth (sign-in, sign-out, session) with the connecting address set for its rate limits.
 * Its own sign-up is closed: an account with no organization could do nothing.
 */
export function registerAuthRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(signUpRoute, async (c) => {
    const result = await signUp(deps, c.req.valid('json'));
    for (const cookie of result.headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
    return c.json(
      {
        organization: { name: result.org.name, timeZone: result.org.time_zone },
        person: { name: result.person.name, email: result.person.email, role: result.person.role },
        token: result.token,
      },
      201,
    );
  });

  app.post('/api/auth/sign-up/*', (c) =>
    c.json(
      errorBody('route_not_found', 'Sign up with POST /api/v1/signup, which creates your organization too.'),
      404,
    ),
  );
  app.on(['GET', 'POST'], '/api/auth/*', async (c) =>
    inOurErrors(await deps.auth.handler(withClientAddress(c))),
  );
}

/** The library's refusals in the shape of every other error here: `{"error": {"code", "message"}}`. */
async function inOurErrors(response: Response): Promise<Response> {
  if (response.status < 400 || !response.headers.get('content-type')?.includes('application/json'))
    return response;
  const said = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown; message?: unknown } | null;
  if (typeof said?.message !== 'string') return response;
  const code =
    typeof said.code === 'string'
      ? said.code.toLowerCase()
      : response.status === 429
        ? 'too_many_requests'
        : 'auth_refused';
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(errorBody(code, said.message)), { status: response.status, headers });
}

/** The request as the library sees it: the connecting address in a header no client can set. */
function withClientAddress(c: Context<ApiEnv>): Request {
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  const address = connectingAddress(c);
  if (address) headers.set(CLIENT_IP_HEADER, address);
  return new Request(c.req.raw, { headers, duplex: 'half' } as RequestInit);
}

function connectingAddress(c: Context<ApiEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not over a socket (a request made in-process): no address to limit by.
    return undefined;
  }
}
