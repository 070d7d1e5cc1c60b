import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { pino } from 'pino';
import { createAccount } from '../src/auth/accounts.usecases.js';
import { createAuth } from '../src/auth/auth.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { createOrganization } from '../src/organizations/organizations.repository.js';
import type { Scope } from '../src/organizations/scope.js';
import { addPerson } from '../src/people/people.usecases.js';
import { ManualClock } from '../src/shared/clock.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { type Served, served, testSecret } from './support/server.js';

const NOW = '2026-11-23T15:00:00Z';

/** Who asks, in the matrix: Dana's step seen by Dana, her manager, a peer, the admin, another organization's admin, nobody. */
const actors = ['owner', 'manager', 'peer', 'admin', 'otherOrgAdmin', 'noSession'] as const;
type Actor = (typeof actors)[number];

onEachDatabase('who may see and do what, over the API', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  const tokens = new Map<Actor, string>();
  /** Dana's steps: one to read, and one for each actor to try marking done; and their follow-ups. */
  const steps = new Map<string, string>();
  const followUps = new Map<string, string>();

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database, { now: NOW });
    const clock = new ManualClock(NOW);
    const northwind = await createOrganization(db, {
      name: 'Northwind',
      time_zone: 'America/New_York',
      created_at: NOW,
    });
    const initech = await createOrganization(db, {
      name: 'Initech',
      time_zone: 'Europe/Berlin',
      created_at: NOW,
    });
    const base: Scope = { db, clock, org: northwind, actor: null };
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
    await addPerson(base, { name: 'Jo Park', email: 'jo@acme.example', contact: true });
    const olga = await addPerson(
      { db, clock, org: initech, actor: null },
      { name: 'Olga Berg', email: 'olga@initech.example' },
    );
    const auth = await createAuth(db, { secret: testSecret, baseURL: server.url }, pino({ level: 'silent' }));
    const people: [Actor, typeof ada][] = [
      ['owner', dana],
      ['manager', mara],
      ['peer', sam],
      ['admin', ada],
      ['otherOrgAdmin', olga],
    ];
    for (const [actor, person] of people) {
      await createAccount({ db, clock, auth }, person, `${actor} password 1`);
      const signedIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: person.email, password: `${actor} password 1` }),
      });
      assert.equal(signedIn.status, 200, `${actor} signs in`);
      tokens.set(actor, signedIn.headers.get('set-auth-token') as string);
    }
    const asMara = { ...base, actor: mara };
    for (const name of ['read', ...actors]) {
      const { commitment, followUp } = await makeCommitment(asMara, {
        what: `Send the ${name} proposal`,
        owner: dana.email,
        due: '2026-12-04',
        outcome: 'Acme signs',
      });
      steps.set(name, `c${commitment.id}`);
      followUps.set(name, `f${followUp?.id}`);
    }
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  const call = async (actor: Actor, method: string, path: string, body?: unknown) => {
    const token = tokens.get(actor);
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const each = async (work: (actor: Actor) => Promise<unknown>) =>
    Object.fromEntries(await Promise.all(actors.map(async (a) => [a, await work(a)])));

  it('lists a step for those who may see it, and for nobody else', async () => {
    const totals = await each(async (a) => {
      const { status, body } = await call(a, 'GET', '/api/v1/commitments');
      return status === 200 ? body.total : status;
    });
    assert.deepEqual(totals, { owner: 7, manager: 7, peer: 0, admin: 7, otherOrgAdmin: 0, noSession: 401 });
  });

  it('shows a step to those who may see it; to anyone else, and to another organization, it does not exist', async () => {
    const id = steps.get('read') as string;
    const statuses = await each(async (a) => (await call(a, 'GET', `/api/v1/commitments/${id}`)).status);
    assert.deepEqual(statuses, {
      owner: 200,
      manager: 200,
      peer: 404,
      admin: 200,
      otherOrgAdmin: 404,
      noSession: 401,
    });
    const hidden = await call('otherOrgAdmin', 'GET', `/api/v1/commitments/${id}`);
    const missing = await call('otherOrgAdmin', 'GET', '/api/v1/commitments/c999999');
    assert.deepEqual(hidden.body, {
      error: { code: 'commitment_not_found', message: `No commitment ${id}. See \`ft list\` for the ids.` },
    });
    assert.equal((missing.body.error as { code: string }).code, 'commitment_not_found');
  });

  it('lets the owner, the managers above and the admin mark a step done, and nobody else', async () => {
    const statuses = await each(
      async (a) => (await call(a, 'POST', `/api/v1/commitments/${steps.get(a)}/done`, {})).status,
    );
    assert.deepEqual(statuses, {
      owner: 200,
      manager: 200,
      peer: 404,
      admin: 200,
      otherOrgAdmin: 404,
      noSession: 401,
    });
    const open = await db
      .selectFrom('commitments')
      .select(['what', 'status'])
      .where('status', '=', 'open')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      open.map((c) => c.what),
      [
        'Send the read proposal',
        'Send the peer proposal',
        'Send the otherOrgAdmin proposal',
        'Send the noSession proposal',
      ],
    );
  });

  it('lets a member agree steps for themselves and those below them; the admin for anyone', async () => {
    const body = { what: 'Book the security review', owner: 'dana@northwind.example', due: '2026-12-04' };
    const statuses = await each(async (a) => {
      const { status, body: answer } = await call(a, 'POST', '/api/v1/commitments', body);
      return status === 201 ? status : `${status} ${(answer.error as { code: string }).code}`;
    });
    assert.deepEqual(statuses, {
      owner: 201,
      manager: 201,
      peer: '403 not_allowed',
      admin: 201,
      otherOrgAdmin: '404 person_not_found',
      noSession: '401 unauthenticated',
    });
  });

  it('shows everyone their own day, and nobody without a session', async () => {
    const days = await each(async (a) => {
      const { status, body } = await call(a, 'GET', '/api/v1/me/today');
      return status === 200 ? (body.person as { email: string }).email : status;
    });
    assert.deepEqual(days, {
      owner: 'dana@northwind.example',
      manager: 'mara@northwind.example',
      peer: 'sam@northwind.example',
      admin: 'ada@northwind.example',
      otherOrgAdmin: 'olga@initech.example',
      noSession: 401,
    });
  });

  it('lets only the one who answers a follow-up answer it; to those who may not see its step it does not exist', async () => {
    const statuses = await each(async (a) => {
      const { status, body } = await call(a, 'POST', `/api/v1/followups/${followUps.get(a)}/answer`, {
        outcome: 'done',
        happened: 'Sent it early',
      });
      return status === 200 ? status : `${status} ${(body.error as { code: string }).code}`;
    });
    assert.deepEqual(statuses, {
      owner: 200,
      manager: '409 not_answerer',
      peer: '404 follow_up_not_found',
      admin: '409 not_answerer',
      otherOrgAdmin: '404 follow_up_not_found',
      noSession: '401 unauthenticated',
    });
    const lists = await each(async (a) => {
      const { status, body } = await call(a, 'GET', '/api/v1/followups');
      return status === 200 ? (body.followUps as unknown[]).length : status;
    });
    // Dana answers all seven; the one she answered is no longer pending.
    assert.deepEqual(lists, { owner: 6, manager: 0, peer: 0, admin: 6, otherOrgAdmin: 0, noSession: 401 });
  });

  it('lets the member who agreed a customer’s step, and their manager, see and close it; not a peer', async () => {
    const made = await call('owner', 'POST', '/api/v1/commitments', {
      what: 'Sign the order form',
      owner: 'jo@acme.example',
      due: '2026-12-04',
    });
    assert.equal(made.status, 201);
    const id = made.body.id as string;
    const seen = await each(async (a) => (await call(a, 'GET', `/api/v1/commitments/${id}`)).status);
    assert.deepEqual(seen, {
      owner: 200,
      manager: 200,
      peer: 404,
      admin: 200,
      otherOrgAdmin: 404,
      noSession: 401,
    });
    assert.equal((await call('peer', 'POST', `/api/v1/commitments/${id}/done`, {})).status, 404);
    assert.equal((await call('owner', 'POST', `/api/v1/commitments/${id}/done`, {})).status, 200);
  });
});
