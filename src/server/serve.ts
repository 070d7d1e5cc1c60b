import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type Logger, pino } from 'pino';
import { type AccountsDeps, ensureAdminAccount } from '../auth/accounts.usecases.js';
import { createAuth } from '../auth/auth.js';
import { authSecret } from '../auth/auth.secret.js';
import { explainDatabaseError } from '../db/database.errors.js';
import { closeDatabase, type Db, migrate, openDatabase } from '../db/database.js';
import { type DataLocation, dataLocation, dataNamed } from '../db/location.js';
import {
  DEMO_LOGINS_FILE,
  demoAccounts,
  isDemoTeamWithoutLogins,
  keptDemoLogins,
} from '../demo/demo.accounts.js';
import { DEMO_WEEKS, demoManagerEmail } from '../demo/demo.script.js';
import { runDemo } from '../demo/demo.usecases.js';
import type { Inbound } from '../mail/mail.inbound.js';
import type { Sender } from '../mail/mail.sender.js';
import { isEmptyOrganization } from '../organizations/organizations.repository.js';
import { openOrganization } from '../organizations/organizations.usecases.js';
import { type Clock, fixedClock, systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Settings } from '../shared/settings.js';
import { releaseVersion } from '../shared/version.js';
import { errorBody } from '../web/api.js';
import { keptAnswersDoor } from '../web/door.js';
import { createApp } from './app.js';
import { type Scheduler, startScheduler } from './scheduler.js';
import type { ServerSettings } from './server.settings.js';

export interface Roles {
  http: boolean;
  scheduler: boolean;
  /** Fill an empty data folder with the demo team, with a login for each member, and print them. */
  demo?: boolean;
}

export interface ServeIO {
  /** Where the log goes, one JSON line per event. */
  stdout: (text: string) => void;
  /** Aborts when the process is asked to stop (SIGTERM, SIGINT). */
  stop: AbortSignal;
  /** The environment, for the settings read where they are used (the accounts' secret). */
  env: NodeJS.ProcessEnv;
  /** Everything printed is JSON (--json): the demo's logins too. */
  json?: boolean;
  /** The time, when a test moves it by hand; else --now's or the system's. */
  clock?: Clock;
}

/**
 * Runs the web server, the scheduler or both until asked to stop, then finishes the requests
 * and the batch in hand, closes the database and returns. Nothing is started on data that
 * cannot be used: its error comes out as every command's does.
 */
export async function serve(
  settings: Settings,
  server: ServerSettings,
  roles: Roles,
  io: ServeIO,
): Promise<void> {
  const location = dataLocation(settings);
  const clock: Clock = io.clock ?? (settings.now ? fixedClock(settings.now) : systemClock);
  const log = pino({ level: server.logLevel, base: { pid: process.pid } }, { write: io.stdout });
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(settings, { create: roles.demo === true });
    await migrate(db, dataNamed(location));
  } catch (error) {
    throw explainDatabaseError(error, location);
  }

  let http: Server | null = null;
  let scheduler: Scheduler | null = null;
  let sender: Sender | null = null;
  let inbound: Inbound | null = null;
  // Where people reach the server: its own address once listening, unless PUBLIC_URL says.
  let publicUrl = server.publicUrl;
  try {
    if (roles.http) {
      const secret = authSecret(io.env, location);
      // The address is known once listening (PORT=0 picks one): requests wait for the app.
      let app: ReturnType<typeof createApp> | null = null;
      http = await listening(
        (request, env) => (app ? app.fetch(request, env) : unavailable()),
        keptAnswersDoor({ db, clock, log }),
        server,
      );
      const { port } = http.address() as AddressInfo;
      const host = server.host.includes(':') ? `[${server.host}]` : server.host;
      const url = server.publicUrl ?? `http://${host}:${port}`;
      publicUrl = url;
      const auth = await createAuth(db, { secret, baseURL: url }, log);
      if (server.admin) {
        const { created, person } = await ensureAdminAccount(
          { db, clock, auth },
          { ...server.admin, timeZone: settings.timeZone },
        );
        if (created) log.info({ email: person.email }, `Admin account made for ${person.email}`);
      }
      app = createApp({
        db,
        clock,
        location,
        log,
        auth,
        origin: new URL(url).origin,
        version: releaseVersion(),
        trustedProxies: server.trustedProxies,
        delivering: server.smtpUrl !== undefined,
      });
      log.info(
        { url, scheduler: roles.scheduler, data: location.shown },
        `Followthrough is listening on ${url}`,
      );
      if (roles.demo)
        io.stdout(await demoBanner({ db, clock, auth }, settings, location, url, io.json === true));
    }
    if (roles.scheduler) {
      sender = server.smtpUrl ? await startMailSender(db, clock, log, server) : null;
      scheduler = startScheduler({
        db,
        clock,
        log,
        maxWaitMs: server.schedulerMaxWaitMs,
        onWritten: () => sender?.wake(),
        publicUrl,
      });
      if (!roles.http) log.info({ data: location.shown }, 'Followthrough worker started');
    }
    if (server.smtpPort !== undefined) {
      const { startInbound } = await import('../mail/mail.inbound.js');
      inbound = await startInbound({
        db,
        clock,
        log,
        host: server.host,
        port: server.smtpPort,
        domain: server.mailDomain,
        publicUrl,
      });
      log.info(
        { smtpPort: inbound.port, domain: server.mailDomain ?? null },
        `Receiving mail on ${server.host}:${inbound.port}`,
      );
    }
    await stopRequested(io.stop);
    log.info('stopping: finishing the requests and the batch in hand');
  } finally {
    await Promise.all([scheduler?.stop(), sender?.stop(), inbound?.stop(), http && closed(http)]);
    await closeDatabase(db);
  }
  log.info('stopped');
}

/** The outbox's sender, when SMTP_URL names a mail server (nodemailer is loaded only then). */
async function startMailSender(db: Db, clock: Clock, log: Logger, server: ServerSettings): Promise<Sender> {
  const { mailTransport, startSender } = await import('../mail/mail.sender.js');
  const { domainOf } = await import('../mail/mail.delivery.js');
  const smtpUrl = server.smtpUrl as string;
  log.info({ smtp: new URL(smtpUrl).host, from: server.mailFrom }, 'delivering mail');
  return startSender({
    db,
    clock,
    log,
    transport: mailTransport(smtpUrl),
    from: server.mailFrom,
    // Replies go to the listener, when one runs: at MAIL_DOMAIN, or the sender's own domain.
    replyDomain: server.smtpPort === undefined ? undefined : (server.mailDomain ?? domainOf(server.mailFrom)),
  });
}

/** `npm start`: the demo team on an empty data folder, and what a newcomer needs to sign in. */
async function demoBanner(
  deps: AccountsDeps,
  settings: Settings,
  location: DataLocation,
  url: string,
  json: boolean,
): Promise<string> {
  const { organization: org } = await openOrganization(deps.db, deps.clock, settings.timeZone);
  let logins = keptDemoLogins(location);
  let made: Awaited<ReturnType<typeof runDemo>> | null = null;
  if (await isEmptyOrganization(deps.db, org.id)) {
    made = await runDemo(deps.db, deps.clock, org, url);
    logins = await demoAccounts(deps, org, location);
  } else if (logins.length === 0 && (await isDemoTeamWithoutLogins(deps.db, org.id))) {
    logins = await demoAccounts(deps, org, location);
  }
  // With --json, every line out is a JSON document, this one too.
  if (json) return `${JSON.stringify({ msg: 'demo', url, made, logins })}\n`;
  const width = Math.max(0, ...logins.map((l) => l.email.length));
  const rows = logins.map(
    (l) =>
      `  ${l.email.padEnd(width)}  ${l.password}  ${l.name}${l.email === demoManagerEmail ? ' (a sales manager: start here)' : ''}`,
  );
  const where =
    location.kind === 'folder'
      ? `The logins are kept in ${join(location.folder, DEMO_LOGINS_FILE)}.`
      : 'Keep them: they are shown only now.';
  return [
    '',
    `Followthrough is running at ${url}`,
    made
      ? `Made a demo team: ${made.people} people, ${made.meetings} meetings, ${made.commitments} next steps over ${DEMO_WEEKS} weeks.\n`
      : '',
    logins.length
      ? `Sign in there as any of the demo team:\n${rows.join('\n')}\n${where}`
      : 'This data holds a team already: sign in with your account.',
    '',
    `Your own organization: sign up at ${url}/signup (it is kept apart from the demo team). Stop with Ctrl-C.`,
    '',
  ].join('\n');
}

const unavailable = () =>
  new Response(JSON.stringify(errorBody('starting', 'Followthrough is starting: try again in a moment.')), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  });

function listening(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  door: ReturnType<typeof keptAnswersDoor>,
  server: ServerSettings,
) {
  return new Promise<Server>((resolve, reject) => {
    const app = getRequestListener(fetch, { hostname: server.host });
    // What the door answers never reaches the app.
    const http = createServer((request, response) => {
      if (!door(request, response)) void app(request, response);
    });
    http.listen(server.port, server.host, () => resolve(http));
    http.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${server.host}:${server.port}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new AppError(
            'port_in_use',
            `${where} is in use: stop what listens there, or set PORT (--port).`,
            409,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new AppError(
            'port_not_allowed',
            `${where} may not be listened on by this user: choose a PORT above 1023.`,
            403,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(
          new AppError(
            'host_not_here',
            `${server.host} is not an address of this machine: set HOST (--host) to one that is, like 127.0.0.1.`,
            400,
          ),
        );
      } else {
        reject(error);
      }
    });
  });
}

/** How long requests in flight may take to finish once the server is asked to stop. */
const DRAIN_MS = 10_000;

/**
 * Stops taking connections, lets the requests in flight finish, and resolves once they have,
 * or after DRAIN_MS, when whatever is left (a client that stopped sending) is cut off.
 */
function closed(http: Server): Promise<void> {
  return new Promise((resolve) => {
    const server = http as typeof http & { closeIdleConnections?(): void; closeAllConnections?(): void };
    const cutOff = setTimeout(() => server.closeAllConnections?.(), DRAIN_MS);
    http.close(() => {
      clearTimeout(cutOff);
      resolve();
    });
    // Keep-alive connections with nothing in flight would hold the close open.
    server.closeIdleConnections?.();
  });
}

const stopRequested = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
