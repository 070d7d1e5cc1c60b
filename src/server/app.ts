import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrations/status.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  log: Logger;
}

type Env = { Variables: { requestId: string } };

/** The body of every error the server answers with: a stable code, what to do, and details. */
export const errorBody = (code: string, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

/**
 * The web application, built from its dependencies (nothing global): one log line per request,
 * coded JSON errors that never carry a stack trace, and the health checks a process manager or
 * a load balancer asks.
 */
export function createApp({ db, log }: AppDeps): Hono<Env> {
  const app = new Hono<Env>();

  app.use(requestId());
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

  app.notFound((c) =>
    c.json(
      errorBody('route_not_found', `Nothing here: ${c.req.method} ${new URL(c.req.url).pathname}.`),
      404,
    ),
  );

  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(
        errorBody(error.code, error.message, error.details),
        error.status as ContentfulStatusCode,
      );
    }
    log.error({ err: error, id: c.get('requestId') }, 'unexpected error');
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
