import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { answerKey, keptAnswer, readPoint, requestTarget, sentAs } from './cache.js';
import { requestIdOf } from './request-id.js';
import { credentialsOf, keptSession } from './session.js';

/** Whether a request sent its credentials in more than one header (the framework would read them otherwise). */
function repeatedCredentials(request: IncomingMessage): boolean {
  let authorization = 0;
  let cookie = 0;
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name === 'authorization') authorization++;
    else if (name === 'cookie') cookie++;
  }
  return authorization > 1 || cookie > 1;
}

/**
 * Kept answers served at the door: a GET of the API whose session and answer were both kept at
 * this read point (see `keptReads`) is answered by the HTTP server itself, before the framework
 * builds its request, runs its middleware and builds its response, which is most of what a kept
 * answer costs. It is the same answer, sent the same way: the same bytes and headers, the
 * request id, the log line (marked `kept`). Anything else, or anything this is not sure of, goes on to the app
 * (`false`).
 */
export function keptAnswersDoor(deps: { db: Db; clock: Clock; log: Logger }) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET' || !request.url?.startsWith('/api/v1/')) return false;
    const started = performance.now();
    const { authorization, cookie } = request.headers;
    if (!authorization && !cookie) return false;
    if (repeatedCredentials(request)) return false;
    const point = readPoint(deps);
    const session = keptSession(deps.db, credentialsOf(authorization ?? null, cookie ?? null), point);
    if (!session) return false;
    const target = requestTarget(request.url);
    if (target === null) return false;
    const answer = keptAnswer(deps.db, answerKey(session.person.id, target), point);
    if (!answer) return false;
    const sentId = request.headers['x-request-id'];
    const id = requestIdOf(typeof sentId === 'string' ? sentId : undefined);
    const { body, headers } = sentAs(answer, request.headers['accept-encoding']);
    response.writeHead(200, {
      ...headers,
      'x-request-id': id,
      'content-length': body.byteLength,
    });
    response.end(body);
    deps.log.info(
      {
        id,
        method: 'GET',
        route: answer.route,
        status: 200,
        ms: Math.round((performance.now() - started) * 10) / 10,
        kept: true,
      },
      'request',
    );
    return true;
  };
}
