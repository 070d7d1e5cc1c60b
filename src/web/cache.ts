import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
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
/** Smaller answers go as they are: compressing them would save less than it costs. */
const SMALLEST_COMPRESSED = 1024;

/** A JSON answer as it is sent: its bytes, and gzipped when that is worth it. */
export interface Answer {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  type: string;
}

/** A kept answer, and the route that gave it (for the log). */
export interface KeptAnswer extends Answer {
  route: string;
}

export const answerOf = (body: Uint8Array<ArrayBuffer>, type: string): Answer => ({
  body,
  gzip: body.byteLength >= SMALLEST_COMPRESSED ? gzipSync(body, { level: 6 }) : null,
  type,
});

/** Whether an Accept-Encoding header takes gzip (named, with a weight above 0). */
const takesGzip = (header: string): boolean =>
  parseAccept(header).some((a) => a.type.toLowerCase() === 'gzip' && a.q > 0);

/** The Accept-Encoding headers seen, and whether each takes gzip: clients send a handful of them. */
const gzipTaken = new Map<string, boolean>();
const KEPT_ENCODINGS = 256;

const acceptsGzip = (header: string | undefined): boolean => {
  if (header === undefined) return false;
  let takes = gzipTaken.get(header);
  if (takes === undefined) {
    takes = takesGzip(header);
    if (gzipTaken.size >= KEPT_ENCODINGS) gzipTaken.clear();
    gzipTaken.set(header, takes);
  }
  return takes;
};

/** An answer as a client with this Accept-Encoding gets it: gzipped when it takes gzip and that is worth it. */
export function sentAs(
  answer: Answer,
  acceptEncoding: string | undefined,
): { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const headers = { 'content-type': answer.type, vary: 'Accept-Encoding' };
  return answer.gzip && acceptsGzip(acceptEncoding)
    ? { body: answer.gzip, headers: { ...headers, 'content-encoding': 'gzip' } }
    : { body: answer.body, headers };
}

/** What an answer is kept under: who asks and what (the path and query, not the host named). */
export const answerKey = (actorId: number, target: string): string => `${actorId} ${target}`;

/**
 * A path and query as URL parsing leaves them, for a request line's target ("/api/v1/…?…"),
 * or null when it is not one. Most are left as they are, which is checked without parsing:
 * only characters parsing keeps, no dot segment, no empty query.
 */
export function requestTarget(target: string): string | null {
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target.split('?', 1)[0] as string)) return target;
  try {
    const url = new URL(target, 'http://target');
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
/**
 * A path of characters URL parsing keeps as they are (not starting `//`, which names a host),
 * and a query of at least one of them.
 */
const PLAIN_TARGET = /^\/(?!\/)[\w\-.~!$&()*+,;=:@/%]*(\?[\w\-.~!$&()*+,;=:@/%?]+)?$/;
/** A segment parsing would resolve or drop: `.` or `..`, percent-encoded or not. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

const kept = new WeakMap<Db, VersionedCache<KeptAnswer>>();
const answersOf = (db: Db): VersionedCache<KeptAnswer> => {
  let answers = kept.get(db);
  if (!answers) {
    answers = new VersionedCache<KeptAnswer>(
      KEPT_ANSWERS,
      KEPT_BYTES,
      (answer) => answer.body.byteLength + (answer.gzip?.byteLength ?? 0),
    );
    kept.set(db, answers);
  }
  return answers;
};

/** The answer kept under a key at this read point, if there is one. */
export const keptAnswer = (db: Db, key: string, { version, minute }: ReadPoint): KeptAnswer | undefined =>
  answersOf(db).get(key, version, minute);

/**
 * The API's reads: gzipped for clients that accept it (a browser, `fetch`, `ft` signed in), and
 * kept per member and address while the data and the minute are the same: a GET answer depends
 * on nothing else (who asks, what they ask, the data, the time), so the same question asked
 * again, with nothing written since, gets the same answer without the work (see also
 * `keptAnswersDoor`, which serves them before the framework is reached). On a database with no
 * data version to read (PostgreSQL) nothing is kept, and each answer is compressed anew.
 */
export function keptReads(deps: { db: Db; clock: Clock }): MiddlewareHandler<ApiEnv> {
  const answers = answersOf(deps.db);
  const send = (c: Context<ApiEnv>, answer: Answer): Response => {
    const { body, headers } = sentAs(answer, c.req.header('accept-encoding'));
    return c.body(body, 200, headers);
  };
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const actor = c.get('scope')?.actor;
    if (!actor) return next();
    const point = c.get('readPoint') ?? readPoint(deps);
    const url = new URL(c.req.url);
    const key = answerKey(actor.id, url.pathname + url.search);
    const found = answers.get(key, point.version, point.minute);
    if (found) return send(c, found);
    await next();
    const type = c.res.headers.get('content-type');
    if (c.res.status !== 200 || !type?.startsWith('application/json')) return;
    const answer = answerOf(new Uint8Array(await c.res.arrayBuffer()), type);
    if (answer.body.byteLength <= LARGEST_KEPT)
      answers.set(key, point.version, point.minute, { ...answer, route: c.req.routePath });
    // The headers the route set, with the body as this client takes it.
    const sent = send(c, answer);
    c.res = undefined;
    c.res = sent;
  };
}
