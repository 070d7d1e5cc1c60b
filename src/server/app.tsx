import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import type { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sql } from 'kysely';
import { registerAgendaRoutes } from '../agendas/agendas.routes.js';
import { registerAgreementPages } from '../answers/agreement.routes.js';
import { registerAnswerPages } from '../answers/answer.routes.js';
import { registerAuthRoutes } from '../auth/auth.routes.js';
import { registerCalendarRoutes } from '../calendar/calendar.routes.js';
import { registerCaptureRoutes } from '../capture/capture.routes.js';
import { registerCoachRoutes } from '../coach/coach.routes.js';
import { registerCommitmentRoutes } from '../commitments/commitments.routes.js';
import { registerCommitmentPages } from '../commitments/commitments.web.js';
import { pendingMigrations } from '../db/migrations/status.js';
import { registerFeedRoutes, registerFeeds } from '../feeds/feeds.routes.js';
import { registerFollowUpRoutes } from '../followups/followups.routes.js';
import { registerMeetingRoutes } from '../meetings/meetings.routes.js';
import { registerMeetingPages } from '../meetings/meetings.web.js';
import { registerSettingsRoutes } from '../organizations/settings.routes.js';
import { registerOutboxPages, registerOutboxRoutes } from '../outbox/outbox.routes.js';
import { registerPeopleRoutes } from '../people/people.routes.js';
import { registerPeoplePages } from '../people/people.web.js';
import { registerPlanRoutes } from '../plans/plans.routes.js';
import { registerPlanPages } from '../plans/plans.web.js';
import { registerRemoteRoutes } from '../remote/remote.routes.js';
import { registerSearchPages } from '../search/search.web.js';
import { AppError } from '../shared/errors.js';
import { registerStatsRoutes } from '../stats/stats.routes.js';
import { registerStatsPages } from '../stats/stats.web.js';
import { registerTodayPages, registerTodayRoutes } from '../today/today.routes.js';
import { type ApiDeps, type ApiEnv, errorBody } from '../web/api.js';
import { keptReads } from '../web/cache.js';
import { withClientAddress } from '../web/client-address.js';
import { registerDocs } from '../web/docs.js';
import { ErrorPage, wantsPage } from '../web/error-page.js';
import { sameServer } from '../web/origins.js';
import { pageText } from '../web/parts.js';
import { requestId } from '../web/request-id.js';
import { requireMember } from '../web/session.js';
import { registerStatic } from '../web/static.js';

/** What Hono's own middleware refuses with (a cross-site form), in our words. */
const refusals: Record<number, { code: string; message: string }> = {
  403: { code: 'cross_site_refused', message: 'A form sent from another site is not taken here.' },
  415: {
    code: 'unsupported_content_type',
    message: 'Send the body as JSON, with the header Content-Type: application/json.',
  },
};

/** The framework's own 400s: a body that is not JSON is said so; anything else, generically. */
const badRequest = (error: HTTPException): { code: string; message: string } =>
  /json/i.test(error.message)
    ? {
        code: 'invalid_json',
        message: 'The body is not valid JSON: send one JSON object, with Content-Type: application/json.',
      }
    : { code: 'refused', message: 'This request cannot be taken.' };

/** Hono's own refusal, recognised by shape: the class can come from either of its builds. */
const isHttpException = (error: unknown): error is HTTPException =>
  error instanceof Error &&
  typeof (error as HTTPException).getResponse === 'function' &&
  typeof (error as HTTPException).status === 'number';

/** The largest request body taken: far above any form or note, far below what could hurt. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The web application, built from its dependencies (nothing global): one log line per request,
 * coded JSON errors that never carry a stack trace, the health checks a process manager or a
 * load balancer asks, accounts, and the API, every route of which validates what it is sent.
 */
export function createApp(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const { db, log } = deps;
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields = result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      return c.json(
        errorBody(
          'invalid_request',
          `The request is not as this route takes it: ${fields.map((f) => f.path || 'body').join(', ')}.`,
          { fields },
        ),
        400,
      );
    },
  });

  app.use(requestId());
  app.use(withClientAddress(deps.trustedProxies ?? []));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    log.info(
      {
        id: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  // Every body, the API's and the pages' forms alike.
  const limited = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the body is never read: the connection closes after the answer.
    onError: (c) => {
      c.header('Connection', 'close');
      return c.json(
        errorBody('body_too_large', `A request body may be at most ${MAX_BODY_BYTES / 1024} KB.`),
        413,
      );
    },
  });
  // A GET or HEAD has no body to limit (looking for one costs a copy of the request).
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limited(c, next)));

  /** The process is up and answering. */
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  /** It can do its work: the database answers and its schema is this release's. */
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(db);
      const pending = await pendingMigrations(db, 'The database');
      if (pending.length > 0) {
        return c.json(
          errorBody(
            'migrations_pending',
            `The database needs migrations ${pending.join(', ')}: restart to run them.`,
          ),
          503,
        );
      }
    } catch (error) {
      log.warn({ err: error }, 'not ready');
      const message =
        error instanceof AppError ? error.message : 'The database does not answer; see the server log.';
      return c.json(errorBody(error instanceof AppError ? error.code : 'database_unavailable', message), 503);
    }
    return c.json({ status: 'ready' });
  });

  // A form posted from another site, riding on the session cookie, is refused.
  const sameSite = csrf({ origin: sameServer(deps.origin) });
  for (const path of [
    '/signin',
    '/signup',
    '/signout',
    '/invite/*',
    '/c/*',
    '/f/*',
    '/m',
    '/m/*',
    '/plans',
    '/plans/*',
  ])
    app.use(path, sameSite);
  app.use('/api/v1/*', (c, next) =>
    // A bearer token is never sent by a browser on its own: only cookies (and Basic) ride along.
    /^Bearer\s/i.test(c.req.header('authorization') ?? '') && !c.req.header('cookie')
      ? next()
      : sameSite(c, next),
  );
  registerStatic(app);
  registerDocs(app, deps.version ?? '0');
  registerAuthRoutes(app, deps);
  registerTodayPages(app, deps);
  registerOutboxPages(app, deps);
  registerFeeds(app, deps);
  registerAnswerPages(app, deps);
  registerAgreementPages(app, deps);
  registerCommitmentPages(app, deps);
  registerMeetingPages(app, deps);
  registerStatsPages(app, deps);
  registerPlanPages(app, deps);
  registerPeoplePages(app, deps);
  registerSearchPages(app, deps);
  const member = requireMember(deps);
  app.use('/api/v1/*', (c, next) => (c.req.path === '/api/v1/signup' ? next() : member(c, next)));
  app.use('/api/v1/*', keptReads(deps));
  registerTodayRoutes(app);
  registerCommitmentRoutes(app);
  registerFollowUpRoutes(app);
  registerMeetingRoutes(app);
  registerAgendaRoutes(app);
  registerCaptureRoutes(app);
  registerCoachRoutes(app);
  registerPeopleRoutes(app, deps);
  registerPlanRoutes(app);
  registerStatsRoutes(app);
  registerOutboxRoutes(app);
  registerSettingsRoutes(app);
  registerCalendarRoutes(app);
  registerFeedRoutes(app);
  registerRemoteRoutes(app, deps);

  app.notFound((c) =>
    wantsPage(c.req.path, c.req.header('accept'))
      ? c.html(
          <ErrorPage
            title="Not found"
            message={`There is no page at ${c.req.path}. A step's page is /c/ and its number, like /c/12; the search box finds the rest.`}
            code="page_not_found"
          />,
          404,
        )
      : c.json(errorBody('route_not_found', `Nothing here: ${c.req.method} ${c.req.path}.`), 404),
  );

  app.onError((error, c) => {
    if (error instanceof AppError && wantsPage(c.req.path, c.req.header('accept'))) {
      const title = error.status === 403 ? 'Not allowed' : error.status === 404 ? 'Not found' : 'Not done';
      return c.html(
        <ErrorPage title={title} message={pageText(error.message)} code={error.code} />,
        error.status as ContentfulStatusCode,
      );
    }
    if (error instanceof AppError) {
      return c.json(
        errorBody(error.code, error.message, error.details),
        error.status as ContentfulStatusCode,
      );
    }
    if (isHttpException(error) && error.status < 500) {
      const refused =
        error.status === 400
          ? badRequest(error)
          : (refusals[error.status] ?? { code: 'refused', message: 'This request cannot be taken.' });
      return c.json(errorBody(refused.code, refused.message), error.status);
    }
    log.error({ err: error, id: c.get('requestId') }, 'unexpected error');
    if (wantsPage(c.req.path, c.req.header('accept'))) {
      return c.html(
        <ErrorPage
          title="Something went wrong"
          message={`Something unexpected went wrong on our side; nothing was saved. Try again; if it happens again, tell your admin: request ${c.get('requestId')}.`}
          code="internal_error"
        />,
        500,
      );
    }
    return c.json(
      errorBody(
        'internal_error',
        `Something unexpected went wrong; nothing was saved. Request ${c.get('requestId')}.`,
      ),
      500,
    );
  });

  return app;
}
