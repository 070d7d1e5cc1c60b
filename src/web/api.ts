import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth.js';
import type { Db } from '../db/database.js';
import type { DataLocation } from '../db/location.js';
import type { Scope } from '../organizations/scope.js';
import type { Clock } from '../shared/clock.js';
import type { ReadPoint } from './cache.js';

/** What every route is built from: nothing global. */
export interface ApiDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  auth: Auth;
  /** Where the data is, as messages name it. */
  location: DataLocation;
  /** Where people reach the server (scheme, host, port): a form posted from anywhere else is refused. */
  origin: string;
  /** This release, as the API's reference states it. */
  version?: string;
  /** Proxies whose X-Forwarded-For names the client (FOLLOWTHROUGH_TRUSTED_PROXIES). */
  trustedProxies?: string[];
  /** SMTP_URL is set: the outbox is delivered, not only kept. */
  delivering?: boolean;
}

/** What a request carries through the middleware: its id, and once signed in, who acts where. */
export type ApiEnv = {
  Variables: { requestId: string; scope: Scope; clientAddress: string | undefined; readPoint: ReadPoint };
};

/** The body of every error the server answers with: a stable code, what to do, and details. */
export const errorBody = (code: string, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

/** The signed-in member's scope: routes behind the session middleware only. */
export const scopeOf = (c: Context<ApiEnv>): Scope => c.get('scope');

/** A JSON answer in the API's reference, described in words (its shape is the presenter's). */
export const jsonResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({}).passthrough() } },
});

/** A JSON request body the route validates with `schema` (required unless said otherwise). */
export const jsonBody = <S extends z.ZodTypeAny>(schema: S, { required = true } = {}) => ({
  required,
  content: { 'application/json': { schema } },
});
