import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { pino } from 'pino';
import { createAccount } from '../../src/auth/accounts.usecases.js';
import { createAuth } from '../../src/auth/auth.js';
import { makeCommitment } from '../../src/commitments/commitments.usecases.js';
import type { Db } from '../../src/db/database.js';
import type { Organization, Person } from '../../src/db/schema.js';
import { createOrganization } from '../../src/organizations/organizations.repository.js';
import type { Scope } from '../../src/organizations/scope.js';
import { addPerson } from '../../src/people/people.usecases.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.js';
import { type Served, served, testSecret } from './server.js';

export const MATRIX_NOW = '2026-11-23T15:00:00Z';

/**
 * Who asks, in a permission matrix: Dana's things seen by Dana (the owner), Mara (her manager),
 * Sam (a peer, also Mara's report), Ada (the admin), Olga (another organization's admin), and
 * nobody signed in.
 */
export const actors = ['owner', 'manager', 'peer', 'admin', 'otherOrgAdmin', 'noSession'] as const;
export type Actor = (typeof actors)[number];

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface MatrixWorld {
  database: TestDatabase;
  db: Db;
  clock: ManualClock;
  server: Served;
  northwind: Organization;
  initech: Organization;
  people: { ada: Person; mara: Person; dana: Person; sam: Person; jo: Person; olga: Person };
  /** Northwind acting with no session (everything), for arranging what a test needs. */
  base: Scope;
  /** Dana's steps agreed by Mara: one named 'read', and one for each actor to act on. */
  steps: Map<string, string>;
  /** The follow-up of each of those steps. */
  followUps: Map<string, string>;
  /** A request as an actor (a bearer token), with a JSON body when one is given. */
  call(actor: Actor, method: string, path: string, body?: unknown): Promise<Answer>;
  /** The bearer token an actor signed in with. */
  token(actor: Actor): string;
  /** The same work for every actor, answered as { owner: …, manager: …, … }. */
  each<T>(work: (actor: Actor) => Promise<T>): Promise<Record<Actor, T>>;
  /** `status` alone for a success, `status code` for a refusal: what a matrix compares. */
  outcome(answer: Answer, success?: number): number | string;
}

/**
 * The world a permission matrix runs in, made before each test on a fresh database and served
 * over real HTTP: Northwind (Ada the admin; Mara the manager of Dana and Sam; Jo, a customer
 * contact) and Initech (Olga, its admin), each member signed in with a token. The returned
 * object is filled before each test. With `scheduler`, the server sends what falls due as the
 * test moves `clock`.
 */
export function matrixWorld(dialect: Dialect, options: { scheduler?: boolean } = {}): MatrixWorld {
  let database: TestDatabase;
  const tokens = new Map<Actor, string>();
  const world = {
    steps: new Map<string, string>(),
    followUps: new Map<string, string>(),
  } as MatrixWorld;

  world.call = async (actor, method, path, body) => {
    const token = tokens.get(actor);
    const response = await fetch(`${world.server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  world.token = (actor) => {
    const token = tokens.get(actor);
    assert.ok(token, `${actor} has signed in`);
    return token;
  };
  world.each = async (work) =>
    Object.fromEntries(await Promise.all(actors.map(async (a) => [a, await work(a)]))) as never;
  world.outcome = (answer, success = 200) =>
    answer.status === success
      ? answer.status
      : `${answer.status} ${(answer.body.error as { code: string } | undefined)?.code}`;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    world.database = database;
    const db = database.open();
    world.db = db;
    const clock = new ManualClock(MATRIX_NOW);
    world.clock = clock;
    const northwind = await createOrganization(db, {
      name: 'Northwind',
      time_zone: 'America/New_York',
      created_at: MATRIX_NOW,
    });
    const initech = await createOrganization(db, {
      name: 'Initech',
      time_zone: 'Europe/Berlin',
      created_at: MATRIX_NOW,
    });
    world.northwind = northwind;
    world.initech = initech;
    const base: Scope = { db, clock, org: northwind, actor: null };
    world.base = base;
    const ada = await addPerson(base, { name: 'Ada Admin', email: 'ada@northwind.example' });
    const mara = await addPerson(base, { name: 'Mara Chen', email: 'mara@northwind.example' });
    const dana = await addPerson(base, {
      name: 'Dana Ruiz',
      email: 'dana@northwind.example',
      manager: mara.email,
    });
    const sam = await addPerson(base, {
      name: 'Sam Patel',
      email: 'sam@northwind.example',
      manager: mara.email,
    });
    const jo = await addPerson(base, { name: 'Jo Park', email: 'jo@acme.example', contact: true });
    const olga = await addPerson(
      { db, clock, org: initech, actor: null },
      { name: 'Olga Berg', email: 'olga@initech.example' },
    );
    world.people = { ada, mara, dana, sam, jo, olga };
    // Its address is not known yet: tokens do not depend on it.
    const auth = await createAuth(
      db,
      { secret: testSecret, baseURL: 'http://127.0.0.1' },
      pino({ level: 'silent' }),
    );
    const accounts: [Actor, Person][] = [
      ['owner', dana],
      ['manager', mara],
      ['peer', sam],
      ['admin', ada],
      ['otherOrgAdmin', olga],
    ];
    tokens.clear();
    for (const [actor, person] of accounts) {
      await createAccount({ db, clock, auth }, person, `${actor} password 1`);
      // Signed in by the library itself: the sign-in limit is for the test's own requests.
      const signedIn = await auth.api.signInEmail({
        body: { email: person.email, password: `${actor} password 1` },
        returnHeaders: true,
      });
      const token = signedIn.headers.get('set-auth-token');
      assert.ok(token, `${actor} signs in`);
      tokens.set(actor, token);
    }
    const asMara = { ...base, actor: mara };
    world.steps.clear();
    world.followUps.clear();
    for (const name of ['read', ...actors]) {
      const { commitment, followUp } = await makeCommitment(asMara, {
        what: `Send the ${name} proposal`,
        owner: dana.email,
        due: '2026-12-04',
        outcome: 'Acme signs',
      });
      world.steps.set(name, `c${commitment.id}`);
      world.followUps.set(name, `f${followUp?.id}`);
    }
    // Served once the world is written: on SQLite, a write from this process's other connection
    // would wait on the server's scheduler, which cannot run while it waits (one thread).
    world.server = await served(database, {
      // The server's time is the test's: it moves when the test moves it, and only then.
      clock,
      scheduler: options.scheduler === true,
      // The scheduler looks again often, and says each time it has looked (at debug).
      server: options.scheduler ? { schedulerMaxWaitMs: 200, logLevel: 'debug' } : {},
    });
  });
  afterEach(async () => {
    // Whatever the setup got to before it failed, and nothing of the test before.
    const { server, db } = world;
    world.server = undefined as never;
    world.db = undefined as never;
    await server?.stop();
    await db?.destroy();
    await database?.drop();
    database = undefined as never;
  });
  return world;
}
