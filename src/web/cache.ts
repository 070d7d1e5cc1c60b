import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import { dataVersion } from '../db/dialect.js';
import type { Clock } from '../shared/clock.js';
import type { ApiEnv } from './api.js';

/**
 * Answers kept for as long as nothing may have changed them: everything kept was computed at one
 * data version (see `dataVersion`) and in one minute, and is good only while both are the same.
 * A write anywhere, by this process or another, or the next minute, and the cache empties.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  /** The version and minute every kept entry was computed at: a newer one empties the cache. */
  private at: { version: string; minute: number } | null = null;
  private bytes = 0;

  /**
   * At most `max` entries and `maxBytes` of them as `sizeOf` counts; past either the oldest go
   * first.
   */
  constructor(
    private readonly max: number,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly sizeOf: (value: V) => number = () => 0,
  ) {}

  get(key: string, version: string | null, minute: number): V | undefined {
    if (version === null || !this.current(version, minute)) return undefined;
    return this.entries.get(key)?.value;
  }

  /** Keeps a value computed from data read at `version` (read before the data was). */
  set(key: string, version: string | null, minute: number, value: V): void {
    if (version === null) return;
    if (!this.current(version, minute)) {
      // Of an earlier minute than what is kept: it would never be asked for again.
      if (this.at && minute < this.at.minute) return;
      // What is kept is of another version: only one version's answers are kept at a time.
      this.clear();
      this.at = { version, minute };
    }
    const size = this.sizeOf(value);
    if (size > this.maxBytes) return;
    this.remove(key);
    while (this.entries.size >= this.max || this.bytes + size > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
    this.entries.set(key, { value, size });
    this.bytes += size;
  }

  private current(version: string, minute: number): boolean {
    return this.at !== null && this.at.version === version && this.at.minute === minute;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.size;
    this.entries.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
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
/** All kept answers together: past it, the oldest go. */
const KEPT_BYTES = 64 * 1024 * 1024;
/** Larger answers (a long list) are computed each time rather than held in memory. */
const LARGEST_KEPT = 256 * 1024;

/**
 * The API's reads, kept per member and address while the data and the minute are the same:
 * a GET answer depends on nothing else (who asks, what they ask, the data, the time), so the
 * same question asked again, with nothing written since, gets the same answer without the work.
 */
export function keptReads(deps: { db: Db; clock: Clock }): MiddlewareHandler<ApiEnv> {
  const answers = new VersionedCache<{ body: string; type: string }>(
    KEPT_ANSWERS,
    KEPT_BYTES,
    (answer) => answer.body.length * 2,
  );
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const actor = c.get('scope')?.actor;
    if (!actor) return next();
    const { version, minute } = c.get('readPoint') ?? readPoint(deps);
    // Who asks and what: the path and query, not the host the client names.
    const url = new URL(c.req.url);
    const key = `${actor.id} ${url.pathname}${url.search}`;
    const kept = answers.get(key, version, minute);
    if (kept) return c.body(kept.body, 200, { 'content-type': kept.type });
    await next();
    const type = c.res.headers.get('content-type');
    if (c.res.status !== 200 || !type?.startsWith('application/json')) return;
    const body = await c.res.clone().text();
    if (body.length <= LARGEST_KEPT) answers.set(key, version, minute, { body, type });
  };
}
