import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { acceptInvitation, openInvitation, organizationOf } from '../people/invitations.usecases.js';
import { AppError, invalid } from '../shared/errors.js';
import { limits } from '../shared/text.js';
import { type ApiDeps, type ApiEnv, errorBody, jsonBody } from '../web/api.js';
import { type SignUpInput, signUp } from './accounts.usecases.js';
import { countSignUp, countWrongPassword, signInsHeld } from './address.limits.js';
import { CLIENT_IP_HEADER } from './auth.js';
import { InvitationPage, SignInPage, SignUpPage } from './auth.pages.js';

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
  request: { body: jsonBody(SignUpBody) },
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
    const result = await signUpCounted(c, deps, c.req.valid('json'));
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

  // The sign-in form and the sign-out button: the same routes of the library, from a page.
  app.post('/signin', async (c) => {
    const form = await formOf(c);
    const email = typeof form.email === 'string' ? form.email.slice(0, limits.email) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 128) : '';
    const response = await signInCounted(
      c,
      deps,
      toLibrary(c, '/api/auth/sign-in/email', { email, password }),
    );
    if (response.ok) return redirectHome(response);
    const error =
      response.status === 429
        ? 'Too many wrong passwords from here: wait a minute, then try again.'
        : response.status === 401
          ? 'That e-mail and password do not match an account here.'
          : 'Signing in did not work: try again.';
    return c.html(<SignInPage error={error} email={email} />, response.status === 429 ? 429 : 401);
  });
  app.get('/signup', (c) => c.html(<SignUpPage />));
  app.post('/signup', async (c) => {
    const form = await formOf(c);
    const values = Object.fromEntries(
      ['organization', 'timeZone', 'name', 'email', 'password'].map((k) => [
        k,
        typeof form[k] === 'string' ? form[k] : '',
      ]),
    ) as Record<string, string>;
    const parsed = SignUpBody.safeParse(values);
    const { password: _, ...shown } = values;
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      return c.html(<SignUpPage error={`Please check: ${fields}.`} values={shown} />, 400);
    }
    try {
      const result = await signUpCounted(c, deps, parsed.data);
      return redirectHome(new Response(null, { headers: result.headers }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.html(
        <SignUpPage error={error.message} values={shown} />,
        error.status === 409 || error.status === 429 ? error.status : 400,
      );
    }
  });
  app.post('/signout', async (c) =>
    redirectHome(await deps.auth.handler(toLibrary(c, '/api/auth/sign-out', {}))),
  );

  app.get('/invite/:token', async (c) => {
    const token = c.req.param('token');
    try {
      const { invitation, person } = await openInvitation(deps, token);
      const org = await organizationOf(deps, invitation);
      return c.html(<InvitationPage token={token} name={person.name} organization={org.name} usable />);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.html(
        <InvitationPage token={token} error={error.message} usable={false} />,
        error.status as 404 | 410,
      );
    }
  });
  app.post('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const form = await formOf(c);
    const password = typeof form.password === 'string' ? form.password : '';
    try {
      const person = await acceptInvitation(deps, token, password);
      // Signed in at once, through the library's own route, as the sign-in form does.
      const response = await deps.auth.handler(
        toLibrary(c, '/api/auth/sign-in/email', { email: person.email, password }),
      );
      return redirectHome(response);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status >= 404) {
        return c.html(
          <InvitationPage token={token} error={error.message} usable={false} />,
          error.status as 404 | 410,
        );
      }
      // A password the accounts library refused: the same form again, to try another.
      const { invitation, person } = await openInvitation(deps, token);
      const org = await organizationOf(deps, invitation);
      return c.html(
        <InvitationPage
          token={token}
          error={error.message}
          usable
          name={person.name}
          organization={org.name}
        />,
        400,
      );
    }
  });

  app.post('/api/auth/sign-up/*', (c) =>
    c.json(
      errorBody('route_not_found', 'Sign up with POST /api/v1/signup, which creates your organization too.'),
      404,
    ),
  );
  app.post('/api/auth/sign-in/email', async (c) =>
    inOurErrors(await signInCounted(c, deps, asLibraryRequest(c))),
  );
  app.on(['GET', 'POST'], '/api/auth/*', async (c) =>
    inOurErrors(await deps.auth.handler(asLibraryRequest(c))),
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

/**
 * A sign-in through the library, from the API or the page: held with 429 while its address has
 * had too many wrong passwords this minute (the answer the library gives for its own limits),
 * and a wrong password counted against the address.
 */
async function signInCounted(c: Context<ApiEnv>, deps: ApiDeps, request: Request): Promise<Response> {
  const address = c.get('clientAddress');
  if (await signInsHeld(deps.db, address, deps.clock.now().getTime())) {
    return Response.json(
      {
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many wrong passwords from here: wait a minute, then try again.',
      },
      { status: 429, headers: { 'retry-after': '60' } },
    );
  }
  const response = await deps.auth.handler(request);
  if (response.status === 401) await countWrongPassword(deps.db, address, deps.clock.now().getTime());
  return response;
}

/** A sign-up from the API or the page, counted against its address first. */
async function signUpCounted(c: Context<ApiEnv>, deps: ApiDeps, input: SignUpInput) {
  await countSignUp(deps.db, c.get('clientAddress'), deps.clock.now().getTime());
  return signUp(deps, input);
}

/** A form's fields; one that cannot be read (a broken multipart body) is refused, as bad input. */
async function formOf(c: Context<ApiEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw invalid('unreadable_form', 'This form could not be read: send it again from the page.');
  }
}

/** The request as the library sees it: the connecting address in a header no client can set. */
function asLibraryRequest(c: Context<ApiEnv>): Request {
  return new Request(c.req.raw, { headers: libraryHeaders(c), duplex: 'half' } as RequestInit);
}

/** A request of a page's to one of the library's routes, as if the browser had made it there. */
function toLibrary(c: Context<ApiEnv>, path: string, body: Record<string, string>): Request {
  const headers = libraryHeaders(c);
  headers.delete('content-length');
  headers.set('content-type', 'application/json');
  return new Request(new URL(path, c.req.url), { method: 'POST', headers, body: JSON.stringify(body) });
}

function libraryHeaders(c: Context<ApiEnv>): Headers {
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  const address = c.get('clientAddress');
  if (address) headers.set(CLIENT_IP_HEADER, address);
  return headers;
}

/** Back to the day (or the sign-in form), with the cookies the library set or cleared. */
function redirectHome(from: Response): Response {
  const headers = new Headers({ location: '/' });
  for (const cookie of from.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}
