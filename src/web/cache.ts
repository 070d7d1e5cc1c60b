import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import { dataVersion } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import type { ApiEnv } from './api.js';

/**
 * Answers kept for as long as nothing may have changed them: each entry holds the data version
 * it was computed at (see `dataVersion`) and the minute it was computed in, and is good only
 * while both are the same. A write anywhere, by this process or another, or the next minute,
 * and it is computed again. Bounded: past `max` entries the oldest go first.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: string; minute: number; value: V }>();

  constructor(private readonly max: number) {}

  get(key: string, version: string | null, minute: number): V | undefined {
    if (version === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.minute !== minute) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps a value computed from data read at `version` (read before the data was). */
  set(key: string, version: string | null, minute: number, value: V): void {
    if (version === null) return;
    this.entries.delete(key);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { version, minute, value });
  }
}

/** When a request reads: the data version and the minute, read once, before anything else is. */
export interface ReadPoint {
  version: string | null;
  minute: number;
}

export const readPoint = (deps: { db: Db; clock: Clock }): ReadPoint => ({
  version: dataVersion(deps.db),
  minute: Math.floor(deps.clock.now().getTime() / 60_000),
});

const KEPT_ANSWERS = 5_000;
/** Larger answers (a long list) are computed each time rather than held in memory. */
const LARGEST_KEPT = 256 * 1024;

/**
 * The API's reads, kept per member and address while the data and the minute are the same:
 * a GET answer depends on nothing else (who asks, what they ask, the data, the time), so the
 * same question asked again, with nothing written since, gets the same answer without the work.
 */
export function keptReads(deps: { db: Db; clock: Clock }): MiddlewareHandler<ApiEnv> {
  const answers = new VersionedCache<{ body: string; type: string }>(KEPT_ANSWERS);
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const actor = c.get('scope')?.actor;
    if (!actor) return next();
    const { version, minute } = c.get('readPoint') ?? readPoint(deps);
    const key = `${actor.id} ${c.req.url}`;
    const kept = answers.get(key, version, minute);
    if (kept) return c.body(kept.body, 200, { 'content-type': kept.type });
    await next();
    const type = c.res.headers.get('content-type');
    if (c.res.status !== 200 || !type?.startsWith('application/json')) return;
    const body = await c.res.clone().text();
    if (body.length <= LARGEST_KEPT) answers.set(key, version, minute, { body, type });
  };
}
