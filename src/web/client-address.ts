import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from './api.js';

/**
 * The client's address, for the rate limits: the connection's, unless it comes from a trusted
 * proxy, whose X-Forwarded-For is read from the right, past the trusted proxies, to the first
 * address they did not add. A client cannot name itself by sending the header directly.
 */
export function clientAddress(c: Context, trusted: string[]): string | undefined {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // Not over a socket (a request made in-process): no address to limit by.
    return undefined;
  }
  if (!address || !trusted.includes(address)) return address;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  while (forwarded.length && trusted.includes(forwarded.at(-1) as string)) forwarded.pop();
  return forwarded.at(-1) ?? address;
}

/** Sets each request's client address, once, for whatever limits by it. */
export function withClientAddress(trusted: string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set('clientAddress', clientAddress(c, trusted));
    await next();
  };
}
