import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api.js';

/** The longest request id taken from a client (a proxy's, a load balancer's). */
const LONGEST_ID = 255;

/**
 * A request's id: the one its client or proxy sent in X-Request-Id when it is short and plain
 * (letters, digits, `_`, `-`, `=`), else a new one. It is logged and sent back.
 */
export const requestIdOf = (sent: string | undefined): string =>
  sent && sent.length <= LONGEST_ID && !/[^\w\-=]/.test(sent) ? sent : crypto.randomUUID();

/** Sets `requestId` and sends it back in X-Request-Id. */
export const requestId = (): MiddlewareHandler<ApiEnv> => async (c, next) => {
  const id = requestIdOf(c.req.header('x-request-id'));
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
