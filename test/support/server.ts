import { randomBytes } from 'node:crypto';
import { serve } from '../../src/server/serve.js';
import type { ServerSettings } from '../../src/server/server.settings.js';
import type { Clock } from '../../src/shared/clock.js';
import type { TestDatabase } from './databases.js';

/** A secret made for this run of the tests, as a deployment's would be: never one written down. */
export const testSecret = randomBytes(32).toString('base64url');

export interface Served {
  url: string;
  /** With the demo: each demo member's login, as `npm start` prints them. */
  demo: { name: string; email: string; password: string }[];
  /** Every log line so far, parsed. */
  lines: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Runs `ft serve`'s own code in this process on a free port of 127.0.0.1 until `stop()`, and
 * hands back its address and its log.
 */
export async function served(
  database: TestDatabase,
  options: {
    scheduler?: boolean;
    server?: Partial<ServerSettings>;
    env?: NodeJS.ProcessEnv;
    now?: string;
    /** A clock the test moves (the scheduler then finds what became due); else fixed at `now`. */
    clock?: Clock;
    /** As `npm start`: an empty database gets the demo team, whose logins are in `demo`. */
    demo?: boolean;
  } = {},
): Promise<Served> {
  const lines: Record<string, unknown>[] = [];
  const stop = new AbortController();
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const done = serve(
    {
      dataDir: database.env.FOLLOWTHROUGH_DATA,
      databaseUrl: database.env.DATABASE_URL,
      actingAs: undefined,
      now: options.now,
      timeZone: 'America/New_York',
      publicUrl: undefined,
    },
    {
      host: '127.0.0.1',
      port: 0,
      schedulerMaxWaitMs: 5000,
      logLevel: 'info',
      publicUrl: undefined,
      admin: undefined,
      trustedProxies: [],
      smtpUrl: undefined,
      mailFrom: 'Followthrough <followthrough@northwind.example>',
      smtpPort: undefined,
      mailDomain: undefined,
      ...options.server,
    },
    { http: true, scheduler: options.scheduler ?? false, demo: options.demo ?? false },
    {
      stdout: (text) => {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        // With the demo, the server is ready once its logins are out.
        if (typeof line.url === 'string' && (!options.demo || line.msg === 'demo')) listening(line.url);
      },
      stop: stop.signal,
      json: true,
      env: { BETTER_AUTH_SECRET: testSecret, ...options.env },
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  // A failure to start ends `done` before anything listens.
  const address = await Promise.race([url, done.then(() => Promise.reject(new Error('serve ended early')))]);
  const banner = lines.find((l) => l.msg === 'demo') as { logins?: Served['demo'] } | undefined;
  return {
    url: address,
    demo: banner?.logins ?? [],
    lines,
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}

/** Mara Chen signs up Northwind on a served test server, as a newcomer would; her token. */
export async function signUpNorthwind(url: string): Promise<string> {
  const signedUp = await fetch(`${url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organization: 'Northwind',
      timeZone: 'America/New_York',
      name: 'Mara Chen',
      email: 'mara@northwind.example',
      password: 'correct horse battery',
    }),
  });
  if (signedUp.status !== 201) throw new Error(`sign-up answered ${signedUp.status}`);
  return ((await signedUp.json()) as { token: string }).token;
}
