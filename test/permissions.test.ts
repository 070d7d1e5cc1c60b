import assert from 'node:assert/strict';
import { it, onEachDatabase } from './support/databases.js';
import { matrixWorld } from './support/matrix.js';

onEachDatabase('who may see and do what, over the API', (dialect) => {
  const world = matrixWorld(dialect);
  const { call, each } = world;
  const steps = world.steps;
  const followUps = world.followUps;
  const db = () => world.db;

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
    const open = await db()
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

  it('lets a member tie a new step only to a meeting, plan or step they may see', async () => {
    const meeting = await call('manager', 'POST', '/api/v1/meetings', {
      kind: 'one_on_one',
      with: ['dana@northwind.example'],
    });
    assert.equal(meeting.status, 201);
    const own = { what: 'Prepare the demo', owner: 'sam@northwind.example', due: '2026-12-04' };
    const tied = async (extra: Record<string, unknown>) => {
      const { status, body } = await call('peer', 'POST', '/api/v1/commitments', { ...own, ...extra });
      return status === 201 ? status : `${status} ${(body.error as { code: string }).code}`;
    };
    assert.equal(await tied({ meeting: meeting.body.id }), '404 meeting_not_found');
    assert.equal(await tied({ after: [steps.get('read')] }), '404 commitment_not_found');
    const plan = await call('manager', 'POST', '/api/v1/plans', {
      kind: 'account',
      name: 'Acme renewal',
      owner: 'dana@northwind.example',
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    assert.equal(await tied({ plan: plan.body.id }), '404 plan_not_found');
    assert.equal(await tied({}), 201);
    const owner = await call('owner', 'POST', '/api/v1/commitments', {
      ...own,
      owner: 'dana@northwind.example',
      meeting: meeting.body.id,
      plan: plan.body.id,
      after: [steps.get('read')],
    });
    assert.equal(owner.status, 201, JSON.stringify(owner.body));
    const made = await db()
      .selectFrom('commitments')
      .select(['what', 'owner_id'])
      .where('what', '=', 'Prepare the demo')
      .execute();
    assert.equal(made.length, 2);
  });

  it('tells each member who they are, and runs their command lines as them; nobody without a session', async () => {
    const who = await each(async (a) => {
      const { status, body } = await call(a, 'GET', '/api/v1/me');
      return status === 200 ? `${(body.person as { email: string }).email} ${body.role}` : status;
    });
    assert.deepEqual(who, {
      owner: 'dana@northwind.example member',
      manager: 'mara@northwind.example member',
      peer: 'sam@northwind.example member',
      admin: 'ada@northwind.example admin',
      otherOrgAdmin: 'olga@initech.example admin',
      noSession: 401,
    });
    const listed = await each(async (a) => {
      const { status, body } = await call(a, 'POST', '/api/v1/commands', { argv: ['list', '--json'] });
      return status === 200 ? JSON.parse(body.stdout as string).total : status;
    });
    assert.deepEqual(listed, { owner: 7, manager: 7, peer: 0, admin: 7, otherOrgAdmin: 0, noSession: 401 });
    const closed = await each(async (a) => {
      const argv = ['done', steps.get(a) as string];
      const { status, body } = await call(a, 'POST', '/api/v1/commands', { argv });
      return status === 200 ? body.exitCode : status;
    });
    // Those who may close a step of Dana's do; to the others it does not exist.
    assert.deepEqual(closed, { owner: 0, manager: 0, peer: 1, admin: 0, otherOrgAdmin: 1, noSession: 401 });
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
