import assert from 'node:assert/strict';
import { addAway } from '../src/calendar/calendar.usecases.js';
import { dropCommitment, makeCommitment, markMissed } from '../src/commitments/commitments.usecases.js';
import { markDone } from '../src/followups/followups.usecases.js';
import type { Scope } from '../src/organizations/scope.js';
import { enqueue } from '../src/outbox/outbox.repository.js';
import { deactivatePerson } from '../src/people/people.changes.js';
import { addPerson } from '../src/people/people.usecases.js';
import { addPlan } from '../src/plans/plans.usecases.js';
import { it, onEachDatabase } from './support/databases.js';
import { type Actor, type Answer, actors, matrixWorld } from './support/matrix.js';

/**
 * The API beyond today, commitments' creation and follow-ups: changing commitments, people,
 * plans, stats, the outbox and the settings, each route with its permission matrix (Dana the
 * owner, Mara her manager, Sam a peer, Ada the admin, Olga of Initech, nobody signed in) and
 * what it does, exactly. The server runs at MATRIX_NOW, Monday 23 November 2026, 10:00 in
 * New York.
 */
onEachDatabase('the rest of the API, through the policy', (dialect) => {
  const world = matrixWorld(dialect);
  const { call } = world;
  const step = (name: string) => world.steps.get(name) as string;
  const db = () => world.db;
  const as = (person: keyof typeof world.people): Scope => ({ ...world.base, actor: world.people[person] });
  const initech = (): Scope => ({
    ...world.base,
    org: world.initech,
    actor: world.people.olga,
  });

  /** The actors one after the other (in the matrix's order), where one's success changes another's answer. */
  async function inTurn<T>(work: (actor: Actor) => Promise<T>): Promise<Record<Actor, T>> {
    const answers: Partial<Record<Actor, T>> = {};
    for (const actor of actors) answers[actor] = await work(actor);
    return answers as Record<Actor, T>;
  }
  /** Each actor's outcome of one request of their own. */
  const matrix = (request: (actor: Actor) => Promise<Answer>, success = 200) =>
    inTurn(async (a) => world.outcome(await request(a), success));
  const refused = (code: string, status = 403) => `${status} ${code}`;

  const commitmentRow = (id: string) =>
    db()
      .selectFrom('commitments')
      .selectAll()
      .where('id', '=', Number(id.slice(1)))
      .executeTakeFirstOrThrow();
  const eventsOf = async (id: string) =>
    (
      await db()
        .selectFrom('commitment_events')
        .select(['kind', 'data'])
        .where('commitment_id', '=', Number(id.slice(1)))
        .orderBy('id')
        .execute()
    ).map((e) => ({ kind: e.kind, ...JSON.parse(e.data) }));
  const followUpsOf = (id: string) =>
    db()
      .selectFrom('follow_ups')
      .select(['status', 'fire_at'])
      .where('commitment_id', '=', Number(id.slice(1)))
      .orderBy('id')
      .execute();

  /** What each actor gets on their own step: the owner, her manager and the admin may change Dana's steps. */
  const changers = {
    owner: 200,
    manager: 200,
    peer: refused('commitment_not_found', 404),
    admin: 200,
    otherOrgAdmin: refused('commitment_not_found', 404),
    noSession: refused('unauthenticated', 401),
  };

  describeCommitments();
  describePeople();
  describePlans();
  describeStats();
  describeOutbox();
  describeSettings();
  describeCalendar();

  function describeCommitments() {
    it('POST /commitments/{id}/missed: the owner, her managers and the admin; it is missed, its follow-up cancelled', async () => {
      const answers = await matrix((a) =>
        call(a, 'POST', `/api/v1/commitments/${step(a)}/missed`, { note: 'Acme cancelled the call' }),
      );
      assert.deepEqual(answers, changers);
      const row = await commitmentRow(step('owner'));
      assert.deepEqual([row.status, row.closed_at], ['missed', '2026-11-23T15:00:00.000Z']);
      assert.deepEqual((await eventsOf(step('owner'))).at(-1), {
        kind: 'missed',
        note: 'Acme cancelled the call',
      });
      assert.deepEqual(
        (await followUpsOf(step('owner'))).map((f) => f.status),
        ['cancelled'],
      );
      assert.equal((await commitmentRow(step('peer'))).status, 'open');
      const again = await call('owner', 'POST', `/api/v1/commitments/${step('owner')}/missed`, {});
      assert.equal(world.outcome(again), '409 commitment_closed');
    });

    it('POST /commitments/{id}/move: a new date with a reason, counted, its event and its follow-up moved', async () => {
      // Agreed last week: a new date now is a renegotiation, not a correction.
      await db().updateTable('commitments').set({ created_at: '2026-11-16T15:00:00.000Z' }).execute();
      const body = { due: '2026-12-11', reason: 'Legal review moved' };
      const answers = await matrix((a) => call(a, 'POST', `/api/v1/commitments/${step(a)}/move`, body));
      assert.deepEqual(answers, changers);
      const moved = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/move`, body);
      assert.equal(moved.status, 200);
      assert.equal(moved.body.due, '2026-12-11');
      assert.equal(moved.body.renegotiations, 1);
      assert.equal(moved.body.corrected, false);
      assert.equal((moved.body.followUp as { fireAt: string }).fireAt, '2026-12-14T14:00:00.000Z');
      assert.deepEqual((await eventsOf(step('read'))).at(-1), {
        kind: 'renegotiated',
        from: '2026-12-04',
        to: '2026-12-11',
        reason: 'Legal review moved',
      });
      const row = await commitmentRow(step('read'));
      assert.deepEqual([row.due_date, row.renegotiations], ['2026-12-11', 1]);
      assert.equal((await commitmentRow(step('peer'))).due_date, '2026-12-04');
      // No reason, or no date: a coded 400 that changes nothing.
      for (const bad of [{ due: '2026-12-18' }, { due: '2026-12-18', reason: '   ' }, { reason: 'Later' }]) {
        const answer = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/move`, bad);
        assert.equal(answer.status, 400, JSON.stringify(bad));
      }
      const same = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/move`, body);
      assert.equal(world.outcome(same), '400 same_due');
      assert.equal((await commitmentRow(step('read'))).renegotiations, 1);
    });

    it('POST /commitments/{id}/reassign: only to someone one may give steps to; a manager taking it back is a buy-back', async () => {
      const answers = await matrix((a) =>
        call(a, 'POST', `/api/v1/commitments/${step(a)}/reassign`, {
          owner: 'sam@northwind.example',
          reason: 'Sam covers Acme now',
        }),
      );
      assert.deepEqual(answers, {
        ...changers,
        // Sam is not below Dana; and Initech has no Sam.
        owner: refused('not_allowed'),
        otherOrgAdmin: refused('person_not_found', 404),
      });
      assert.equal((await commitmentRow(step('owner'))).owner_id, world.people.dana.id);
      const toSam = await commitmentRow(step('manager'));
      assert.equal(toSam.owner_id, world.people.sam.id);
      assert.deepEqual((await eventsOf(step('manager'))).at(-1), {
        kind: 'reassigned',
        from: 'dana@northwind.example',
        to: 'sam@northwind.example',
        reason: 'Sam covers Acme now',
      });
      // To a customer contact, Dana may.
      const toJo = await call('owner', 'POST', `/api/v1/commitments/${step('owner')}/reassign`, {
        owner: 'jo@acme.example',
      });
      assert.equal(toJo.status, 200);
      assert.deepEqual(toJo.body.owner, { name: 'Jo Park', email: 'jo@acme.example' });
      assert.equal(toJo.body.visibility, 'shared');
      assert.equal(toJo.body.buyBack, false);
      const back = await call('manager', 'POST', `/api/v1/commitments/${step('read')}/reassign`, {
        owner: 'mara@northwind.example',
        reason: 'Leave it with me',
      });
      assert.equal(back.status, 200);
      assert.equal(back.body.buyBack, true);
      assert.deepEqual(
        (await eventsOf(step('read'))).slice(-2).map((e) => e.kind),
        ['reassigned', 'buy_back'],
      );
      // Ada gives it to Olga's organization's admin: nobody here by that address.
      const away = await call('admin', 'POST', `/api/v1/commitments/${step('read')}/reassign`, {
        owner: 'olga@initech.example',
      });
      assert.equal(world.outcome(away), '404 person_not_found');
    });

    it('POST /commitments/{id}/drop: with a reason; its follow-up is cancelled', async () => {
      const answers = await matrix((a) =>
        call(a, 'POST', `/api/v1/commitments/${step(a)}/drop`, { reason: 'Acme chose to wait until Q2' }),
      );
      assert.deepEqual(answers, changers);
      const row = await commitmentRow(step('manager'));
      assert.equal(row.status, 'dropped');
      assert.deepEqual((await eventsOf(step('manager'))).at(-1), {
        kind: 'dropped',
        note: 'Acme chose to wait until Q2',
      });
      assert.deepEqual(
        (await followUpsOf(step('manager'))).map((f) => f.status),
        ['cancelled'],
      );
      const noReason = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/drop`, {});
      assert.equal(world.outcome(noReason), '400 invalid_request');
      assert.equal((await commitmentRow(step('read'))).status, 'open');
    });

    it('POST /commitments/{id}/reopen: a closed step open again, with a reason, its follow-up scheduled again', async () => {
      for (const name of ['read', ...actors]) {
        await dropCommitment(as('mara'), step(name), 'Paused');
      }
      const answers = await matrix((a) =>
        call(a, 'POST', `/api/v1/commitments/${step(a)}/reopen`, { reason: 'Acme is back' }),
      );
      assert.deepEqual(answers, changers);
      const reopened = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/reopen`, {
        reason: 'Acme is back',
      });
      assert.equal(reopened.status, 200);
      assert.equal(reopened.body.status, 'open');
      assert.equal(reopened.body.datePassed, false);
      assert.equal((reopened.body.followUp as { status: string }).status, 'scheduled');
      assert.deepEqual((await eventsOf(step('read'))).at(-1), {
        kind: 'reopened',
        from: 'dropped',
        reason: 'Acme is back',
      });
      const open = await call('owner', 'POST', `/api/v1/commitments/${step('read')}/reopen`, {
        reason: 'Twice',
      });
      assert.equal(world.outcome(open), '409 commitment_open');
      assert.equal((await commitmentRow(step('peer'))).status, 'dropped');
    });

    it('PATCH /commitments/{id}: corrects what it says, kept in its timeline; a plan one may not see is not found', async () => {
      const answers = await matrix((a) =>
        call(a, 'PATCH', `/api/v1/commitments/${step(a)}`, { outcome: 'Acme signs the order form' }),
      );
      assert.deepEqual(answers, changers);
      const plan = await addPlan(as('dana'), {
        kind: 'account',
        name: 'Acme',
        owner: 'dana@northwind.example',
      });
      const samsPlan = await addPlan(as('mara'), {
        kind: 'account',
        name: 'Globex',
        owner: 'sam@northwind.example',
      });
      const edited = await call('owner', 'PATCH', `/api/v1/commitments/${step('read')}`, {
        what: 'Send the revised proposal',
        with: ['jo@acme.example'],
        plan: `p${plan.id}`,
        visibility: 'shared',
      });
      assert.equal(edited.status, 200);
      assert.deepEqual(edited.body.changed, ['what', 'visibility', 'plan', 'with']);
      assert.equal(edited.body.what, 'Send the revised proposal');
      assert.equal(edited.body.plan, `p${plan.id}`);
      assert.deepEqual(edited.body.with, [{ name: 'Jo Park', email: 'jo@acme.example' }]);
      assert.deepEqual((await eventsOf(step('read'))).at(-1), {
        kind: 'edited',
        what: 'Send the revised proposal',
        visibility: 'shared',
        plan: `p${plan.id}`,
        with: 'jo@acme.example',
      });
      const hidden = await call('owner', 'PATCH', `/api/v1/commitments/${step('read')}`, {
        plan: `p${samsPlan.id}`,
      });
      assert.equal(world.outcome(hidden), '404 plan_not_found');
      const renegotiation = await call('owner', 'PATCH', `/api/v1/commitments/${step('read')}`, {
        due: '2026-12-11',
      });
      // Agreed at this very minute: a new date is a correction, not counted.
      assert.equal(renegotiation.status, 200);
      assert.equal(renegotiation.body.renegotiations, 0);
      const nothing = await call('owner', 'PATCH', `/api/v1/commitments/${step('read')}`, {});
      assert.equal(world.outcome(nothing), '400 nothing_to_change');
      const extra = await call('owner', 'PATCH', `/api/v1/commitments/${step('read')}`, { owner: 'x' });
      assert.equal(world.outcome(extra), '400 invalid_request');
    });

    it("answers another organization's commitment as not found on every change, even to an admin", async () => {
      const { commitment } = await makeCommitment(initech(), {
        what: 'Fix the TPS reports',
        owner: 'olga@initech.example',
        due: '2026-12-04',
      });
      const id = `c${commitment.id}`;
      const changes: [string, string, unknown][] = [
        ['POST', 'missed', {}],
        ['POST', 'move', { due: '2026-12-11', reason: 'Later' }],
        ['POST', 'reassign', { owner: 'ada@northwind.example' }],
        ['POST', 'drop', { reason: 'No' }],
        ['POST', 'reopen', { reason: 'Yes' }],
        ['PATCH', '', { outcome: 'Done' }],
      ];
      for (const [method, path, body] of changes) {
        const answer = await call(
          'admin',
          method,
          `/api/v1/commitments/${id}${path ? `/${path}` : ''}`,
          body,
        );
        assert.equal(world.outcome(answer), '404 commitment_not_found', `${method} ${path}`);
      }
      // A step of Initech's owned by someone Ada names: still not found.
      const row = await commitmentRow(id);
      assert.deepEqual(
        [row.status, row.due_date, row.owner_id],
        ['open', '2026-12-04', world.people.olga.id],
      );
    });
  }

  function describePeople() {
    it('GET /people: every member sees the active people; only an admin those who left; nobody another organization’s', async () => {
      await addPerson(world.base, { name: 'Lee Left', email: 'lee@northwind.example', manager: 'Mara Chen' });
      await deactivatePerson(as('ada'), 'lee@northwind.example', undefined);
      const listed = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/people');
        return answer.status === 200
          ? (answer.body.people as { email: string }[]).map((p) => p.email).join(' ')
          : world.outcome(answer);
      });
      const northwind =
        'ada@northwind.example dana@northwind.example jo@acme.example mara@northwind.example sam@northwind.example';
      assert.deepEqual(listed, {
        owner: northwind,
        manager: northwind,
        peer: northwind,
        admin: northwind,
        otherOrgAdmin: 'olga@initech.example',
        noSession: refused('unauthenticated', 401),
      });
      const all = await matrix((a) => call(a, 'GET', '/api/v1/people?all=true'));
      assert.deepEqual(all, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: 200,
        noSession: refused('unauthenticated', 401),
      });
      const everyone = (await call('admin', 'GET', '/api/v1/people?all=true')).body.people as {
        email: string;
        active: boolean;
      }[];
      assert.deepEqual(
        everyone.filter((p) => !p.active).map((p) => p.email),
        ['lee@northwind.example'],
      );
      // A member sees their own and their reports' partner and role; of the others, who they are.
      const seenBy = async (a: Actor) =>
        Object.fromEntries(
          ((await call(a, 'GET', '/api/v1/people')).body.people as Record<string, unknown>[]).map((p) => [
            p.email,
            p,
          ]),
        );
      const byMara = await seenBy('manager');
      assert.deepEqual(byMara['dana@northwind.example'], {
        name: 'Dana Ruiz',
        email: 'dana@northwind.example',
        kind: 'member',
        timeZone: 'America/New_York',
        company: null,
        manager: { name: 'Mara Chen', email: 'mara@northwind.example' },
        partner: null,
        role: 'member',
        active: true,
      });
      const byDana = await seenBy('owner');
      assert.equal('role' in (byDana['mara@northwind.example'] as object), false);
      assert.equal('partner' in (byDana['sam@northwind.example'] as object), false);
      assert.equal((byDana['dana@northwind.example'] as { role: string }).role, 'member');
      assert.equal((byDana['ada@northwind.example'] as { manager: null }).manager, null);
    });

    it('GET /people/{ref}: by e-mail or name; one who left, or of another organization, is not found', async () => {
      await addPerson(world.base, { name: 'Lee Left', email: 'lee@northwind.example', manager: 'Mara Chen' });
      await deactivatePerson(as('ada'), 'lee@northwind.example', undefined);
      const dana = await matrix((a) => call(a, 'GET', '/api/v1/people/dana@northwind.example'));
      assert.deepEqual(dana, {
        owner: 200,
        manager: 200,
        peer: 200,
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const lee = await matrix((a) => call(a, 'GET', '/api/v1/people/lee@northwind.example'));
      assert.deepEqual(lee, {
        owner: refused('person_not_found', 404),
        manager: refused('person_not_found', 404),
        peer: refused('person_not_found', 404),
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const byName = await call('peer', 'GET', `/api/v1/people/${encodeURIComponent('Jo Park')}`);
      assert.equal(byName.status, 200);
      assert.deepEqual(
        [byName.body.email, byName.body.kind, byName.body.company],
        ['jo@acme.example', 'contact', 'Acme'],
      );
    });

    it('POST /people: an admin adds a member; any member a customer contact', async () => {
      const answers = await matrix(
        (a) =>
          call(a, 'POST', '/api/v1/people', {
            name: `Kim ${a}`,
            email: `kim.${a.toLowerCase()}@northwind.example`,
            manager: 'mara@northwind.example',
          }),
        201,
      );
      assert.deepEqual(answers, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 201,
        // Initech has no Mara to be a manager.
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const added = await db()
        .selectFrom('people')
        .select(['email', 'kind', 'manager_id', 'role', 'organization_id'])
        .where('email', 'like', 'kim.%')
        .execute();
      assert.deepEqual(added, [
        {
          email: 'kim.admin@northwind.example',
          kind: 'member',
          manager_id: world.people.mara.id,
          role: 'member',
          organization_id: world.northwind.id,
        },
      ]);
      const contacts = await matrix(
        (a) =>
          call(a, 'POST', '/api/v1/people', {
            name: `Lee ${a}`,
            email: `lee.${a.toLowerCase()}@globex.example`,
            contact: true,
          }),
        201,
      );
      assert.deepEqual(contacts, {
        owner: 201,
        manager: 201,
        peer: 201,
        admin: 201,
        otherOrgAdmin: 201,
        noSession: refused('unauthenticated', 401),
      });
      const contactsMade = await db()
        .selectFrom('people')
        .select(['email', 'kind', 'organization_id'])
        .where('email', 'like', 'lee.%')
        .orderBy('email')
        .execute();
      assert.deepEqual(
        contactsMade.map((p) => [p.email, p.kind, p.organization_id]),
        [
          ['lee.admin@globex.example', 'contact', world.northwind.id],
          ['lee.manager@globex.example', 'contact', world.northwind.id],
          ['lee.otherorgadmin@globex.example', 'contact', world.initech.id],
          ['lee.owner@globex.example', 'contact', world.northwind.id],
          ['lee.peer@globex.example', 'contact', world.northwind.id],
        ],
      );
      const contact = await call('owner', 'POST', '/api/v1/people', {
        name: 'Ken Ito',
        email: 'ken@globex.example',
        contact: true,
      });
      assert.equal(contact.status, 201);
      assert.deepEqual(contact.body, {
        name: 'Ken Ito',
        email: 'ken@globex.example',
        kind: 'contact',
        timeZone: 'America/New_York',
        company: 'Globex',
        warnings: [],
      });
      const taken = await call('admin', 'POST', '/api/v1/people', {
        name: 'Ken',
        email: 'ken@globex.example',
      });
      assert.equal(world.outcome(taken), '409 email_taken');
      const badZone = await call('admin', 'POST', '/api/v1/people', {
        name: 'Una',
        email: 'una@northwind.example',
        timeZone: 'Mars/Olympus',
      });
      assert.equal(world.outcome(badZone), '400 invalid_time_zone');
      assert.equal(
        await db()
          .selectFrom('people')
          .select('id')
          .where('email', '=', 'una@northwind.example')
          .executeTakeFirst(),
        undefined,
      );
    });

    it('PATCH /people/{ref}: a member their own zone, name and partner; an admin anything; the zone moves their dates', async () => {
      const zones: Record<Actor, string> = {
        owner: 'Europe/Berlin',
        manager: 'Europe/Paris',
        peer: 'Europe/Madrid',
        admin: 'Asia/Tokyo',
        otherOrgAdmin: 'Europe/Rome',
        noSession: 'Europe/London',
      };
      const answers = await matrix((a) =>
        call(a, 'PATCH', '/api/v1/people/dana@northwind.example', { timeZone: zones[a] }),
      );
      assert.deepEqual(answers, {
        owner: 200,
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const moved = await call('owner', 'PATCH', '/api/v1/people/dana@northwind.example', {
        timeZone: 'Europe/Berlin',
      });
      assert.equal(moved.status, 200);
      assert.deepEqual(
        [moved.body.timeZone, moved.body.changed, moved.body.commitmentsMoved],
        ['Europe/Berlin', ['time_zone'], 7],
      );
      // Due 4 December means the end of that day in Berlin now.
      assert.equal((await commitmentRow(step('read'))).due_at, '2026-12-04T22:59:59.999Z');
      const mine = await call('owner', 'PATCH', '/api/v1/people/dana@northwind.example', {
        name: 'Dana Ruiz-Ortega',
        partner: 'sam@northwind.example',
      });
      assert.equal(mine.status, 200);
      for (const body of [
        { email: 'dana@else.example' },
        { manager: null },
        { timeZone: 'UTC', manager: null },
      ]) {
        const answer = await call('owner', 'PATCH', '/api/v1/people/dana@northwind.example', body);
        assert.equal(world.outcome(answer), '403 not_allowed', JSON.stringify(body));
      }
      const promoted = await call('admin', 'PATCH', '/api/v1/people/dana@northwind.example', {
        manager: 'ada@northwind.example',
      });
      assert.equal(promoted.status, 200);
      const row = await db()
        .selectFrom('people')
        .select(['name', 'email', 'time_zone', 'manager_id', 'partner_id'])
        .where('id', '=', world.people.dana.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        name: 'Dana Ruiz-Ortega',
        email: 'dana@northwind.example',
        time_zone: 'Europe/Berlin',
        manager_id: world.people.ada.id,
        partner_id: world.people.sam.id,
      });
      const bad = await call('admin', 'PATCH', '/api/v1/people/dana@northwind.example', {
        timeZone: 'Mars/Olympus',
      });
      assert.equal(world.outcome(bad), '400 invalid_time_zone');
      const loop = await call('admin', 'PATCH', '/api/v1/people/ada@northwind.example', {
        manager: 'dana@northwind.example',
      });
      assert.equal(world.outcome(loop), '400 manager_loop');
    });

    it('POST /people/{ref}/deactivate: an admin; their open work goes to their manager, nothing is deleted', async () => {
      const answers = await matrix((a) =>
        call(a, 'POST', '/api/v1/people/sam@northwind.example/deactivate', {}),
      );
      assert.deepEqual(answers, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const gone = await call('admin', 'POST', '/api/v1/people/dana@northwind.example/deactivate', {});
      assert.equal(gone.status, 200);
      assert.deepEqual(gone.body.to, { name: 'Mara Chen', email: 'mara@northwind.example' });
      assert.equal((gone.body.handed as string[]).length, 7);
      assert.equal((await commitmentRow(step('read'))).owner_id, world.people.mara.id);
      const again = await call('admin', 'POST', '/api/v1/people/dana@northwind.example/deactivate', {});
      assert.equal(world.outcome(again), '409 person_inactive');
      const self = await call('admin', 'POST', '/api/v1/people/ada@northwind.example/deactivate', {});
      assert.equal(world.outcome(self), '400 deactivate_self');
    });
  }

  function describePlans() {
    /** Dana's plan, with Dana's step and one of Sam's she does not see; Sam's plan. */
    async function plans() {
      const danas = await addPlan(as('mara'), {
        kind: 'opportunity',
        name: 'Acme FY27 expansion',
        owner: 'dana@northwind.example',
        goal: 'Signed by 31 Dec',
        ends: '2026-12-31',
      });
      const sams = await addPlan(as('mara'), {
        kind: 'account',
        name: 'Globex',
        owner: 'sam@northwind.example',
      });
      await makeCommitment(as('mara'), {
        what: 'Book the security review',
        owner: 'dana@northwind.example',
        due: '2026-12-04',
        plan: `p${danas.id}`,
      });
      await makeCommitment(as('mara'), {
        what: 'Send the reference customer list',
        owner: 'sam@northwind.example',
        due: '2026-12-02',
        plan: `p${danas.id}`,
      });
      return { danas: `p${danas.id}`, sams: `p${sams.id}` };
    }

    it('GET /plans: one’s own and those of everyone below; an admin every plan; another organization none', async () => {
      const { danas, sams } = await plans();
      const listed = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/plans');
        return answer.status === 200
          ? (answer.body.plans as { id: string; openItems: number }[]).map((p) => `${p.id}:${p.openItems}`)
          : world.outcome(answer);
      });
      assert.deepEqual(listed, {
        // Dana sees her step on her plan, not Sam's.
        owner: [`${danas}:1`],
        manager: [`${danas}:2`, `${sams}:0`],
        peer: [`${sams}:0`],
        admin: [`${danas}:2`, `${sams}:0`],
        otherOrgAdmin: [],
        noSession: refused('unauthenticated', 401),
      });
      const filtered = await call('owner', 'GET', '/api/v1/plans?owner=sam@northwind.example');
      assert.deepEqual(filtered.body, { plans: [] });
    });

    it('GET /plans/{id}: its owner, those above and the admin; its commitments each by who may see them', async () => {
      const { danas } = await plans();
      const answers = await matrix((a) => call(a, 'GET', `/api/v1/plans/${danas}`));
      assert.deepEqual(answers, {
        owner: 200,
        manager: 200,
        peer: refused('plan_not_found', 404),
        admin: 200,
        otherOrgAdmin: refused('plan_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const byDana = await call('owner', 'GET', `/api/v1/plans/${danas}`);
      assert.deepEqual(
        (byDana.body.commitments as { what: string }[]).map((c) => c.what),
        ['Book the security review'],
      );
      const byAda = await call('admin', 'GET', `/api/v1/plans/${danas}`);
      assert.deepEqual(
        { ...byAda.body, commitments: (byAda.body.commitments as unknown[]).length },
        {
          id: danas,
          kind: 'opportunity',
          name: 'Acme FY27 expansion',
          goal: 'Signed by 31 Dec',
          startsOn: '2026-11-23',
          endsOn: '2026-12-31',
          outcome: 'open',
          company: null,
          owner: { name: 'Dana Ruiz', email: 'dana@northwind.example' },
          progress: { total: 2, done: 0, open: 2, overdue: 0, missed: 0, dropped: 0, percentDone: 0 },
          commitments: 2,
        },
      );
    });

    it('POST /plans: for oneself or someone below; the admin for anyone', async () => {
      const answers = await matrix(
        (a) =>
          call(a, 'POST', '/api/v1/plans', {
            kind: 'account',
            name: `Acme by ${a}`,
            owner: 'dana@northwind.example',
          }),
        201,
      );
      assert.deepEqual(answers, {
        owner: 201,
        manager: 201,
        peer: refused('not_allowed'),
        admin: 201,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const made = await call('owner', 'POST', '/api/v1/plans', {
        kind: 'opportunity',
        name: 'Acme renewal',
        owner: 'Dana Ruiz',
        goal: 'Renewed for two years',
        ends: '2026-12-31',
        company: 'Acme',
      });
      assert.equal(made.status, 201);
      assert.deepEqual(made.body, {
        id: made.body.id,
        kind: 'opportunity',
        name: 'Acme renewal',
        goal: 'Renewed for two years',
        startsOn: '2026-11-23',
        endsOn: '2026-12-31',
        outcome: 'open',
        company: 'Acme',
      });
      const past = await call('owner', 'POST', '/api/v1/plans', {
        kind: 'account',
        name: 'Too late',
        owner: 'dana@northwind.example',
        ends: '2026-11-01',
      });
      assert.equal(past.status, 400);
      const names = await db().selectFrom('plans').select('name').orderBy('id').execute();
      assert.deepEqual(
        names.map((p) => p.name),
        ['Acme by owner', 'Acme by manager', 'Acme by admin', 'Acme renewal'],
      );
    });

    it('POST /plans/{id}/close: won or lost, by those who see it; closed once', async () => {
      const ids = new Map<Actor, string>();
      for (const a of actors) {
        const plan = await addPlan(as('mara'), {
          kind: 'account',
          name: `Plan ${a}`,
          owner: 'dana@northwind.example',
        });
        ids.set(a, `p${plan.id}`);
      }
      const answers = await matrix((a) =>
        call(a, 'POST', `/api/v1/plans/${ids.get(a)}/close`, { outcome: 'won' }),
      );
      assert.deepEqual(answers, {
        owner: 200,
        manager: 200,
        peer: refused('plan_not_found', 404),
        admin: 200,
        otherOrgAdmin: refused('plan_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const closed = await db()
        .selectFrom('plans')
        .select(['name', 'outcome', 'ends_on'])
        .where('outcome', '!=', 'open')
        .orderBy('id')
        .execute();
      assert.deepEqual(closed, [
        { name: 'Plan owner', outcome: 'won', ends_on: '2026-11-23' },
        { name: 'Plan manager', outcome: 'won', ends_on: '2026-11-23' },
        { name: 'Plan admin', outcome: 'won', ends_on: '2026-11-23' },
      ]);
      const again = await call('owner', 'POST', `/api/v1/plans/${ids.get('owner')}/close`, {
        outcome: 'lost',
      });
      assert.equal(world.outcome(again), '409 plan_closed');
      const bad = await call('owner', 'POST', `/api/v1/plans/${ids.get('peer')}/close`, { outcome: 'maybe' });
      assert.equal(world.outcome(bad), '400 invalid_request');
      const olgas = await addPlan(initech(), {
        kind: 'account',
        name: 'Initech',
        owner: 'olga@initech.example',
      });
      const foreign = await call('admin', 'POST', `/api/v1/plans/p${olgas.id}/close`, { outcome: 'lost' });
      assert.equal(world.outcome(foreign), '404 plan_not_found');
      assert.equal(
        world.outcome(await call('admin', 'GET', `/api/v1/plans/p${olgas.id}`)),
        '404 plan_not_found',
      );
    });
  }

  function describeStats() {
    /** Last week, Dana did one step on time and missed one; one more is open and overdue. */
    async function lastWeek() {
      world.clock.set('2026-11-16T15:00:00Z');
      const steps = [];
      for (const what of ['Send the deck', 'Call legal', 'Book the demo']) {
        steps.push(
          (
            await makeCommitment(as('mara'), {
              what,
              owner: 'dana@northwind.example',
              due: '2026-11-19',
            })
          ).commitment,
        );
      }
      world.clock.set('2026-11-20T15:00:00Z');
      await markDone(as('dana'), `c${steps[0]?.id}`, 'Sent', '2026-11-19');
      await markMissed(as('dana'), `c${steps[1]?.id}`, undefined);
      world.clock.set('2026-11-23T15:00:00Z');
    }
    const period = 'since=2026-11-16&until=2026-11-22';

    it('GET /stats?person=: one’s own and those below one; another organization’s people are not found', async () => {
      await lastWeek();
      const answers = await matrix((a) =>
        call(a, 'GET', `/api/v1/stats?person=dana@northwind.example&${period}`),
      );
      assert.deepEqual(answers, {
        owner: 200,
        manager: 200,
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const { body } = await call('manager', 'GET', `/api/v1/stats?person=dana@northwind.example&${period}`);
      assert.deepEqual(
        {
          scope: body.scope,
          person: body.person,
          size: body.size,
          since: body.since,
          until: body.until,
          due: body.due,
          doneOnTime: body.doneOnTime,
          doneLate: body.doneLate,
          missed: body.missed,
          openOverdue: body.openOverdue,
          followThroughRate: body.followThroughRate,
        },
        {
          scope: 'person',
          person: { name: 'Dana Ruiz', email: 'dana@northwind.example' },
          size: 1,
          since: '2026-11-16',
          until: '2026-11-22',
          due: 3,
          doneOnTime: 1,
          doneLate: 0,
          missed: 1,
          openOverdue: 1,
          followThroughRate: 0.333,
        },
      );
    });

    it('GET /stats?team= and ?org=: a manager’s team, an admin’s organization; without a filter, one’s own', async () => {
      await lastWeek();
      const team = await matrix((a) => call(a, 'GET', `/api/v1/stats?team=mara@northwind.example&${period}`));
      assert.deepEqual(team, {
        owner: refused('not_allowed'),
        manager: 200,
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      const org = await matrix((a) => call(a, 'GET', `/api/v1/stats?org=true&${period}`));
      assert.deepEqual(org, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        // Initech's own.
        otherOrgAdmin: 200,
        noSession: refused('unauthenticated', 401),
      });
      const mine = await inTurn(async (a) => {
        const answer = await call(a, 'GET', `/api/v1/stats?${period}`);
        return answer.status === 200
          ? `${answer.body.scope} ${answer.body.size} ${answer.body.due}`
          : answer.status;
      });
      assert.deepEqual(mine, {
        owner: 'person 1 3',
        manager: 'team 3 3',
        peer: 'person 1 0',
        admin: 'person 1 0',
        otherOrgAdmin: 'person 1 0',
        noSession: 401,
      });
      const byOrg = await call('admin', 'GET', `/api/v1/stats?org=true&${period}`);
      assert.deepEqual([byOrg.body.scope, byOrg.body.size, byOrg.body.due], ['organization', 4, 3]);
      const olgas = await call('otherOrgAdmin', 'GET', `/api/v1/stats?org=true&${period}`);
      assert.deepEqual([olgas.body.size, olgas.body.due], [1, 0]);
      const both = await call('admin', 'GET', '/api/v1/stats?org=true&person=dana@northwind.example');
      assert.equal(world.outcome(both), '400 person_or_team');
      const backwards = await call('admin', 'GET', '/api/v1/stats?since=2026-11-22&until=2026-11-16');
      assert.equal(world.outcome(backwards), '400 since_after_until');
      const unknown = await call('admin', 'GET', '/api/v1/stats?weeks=4');
      assert.equal(world.outcome(unknown), '400 invalid_request');
    });
  }

  function describeOutbox() {
    it('GET /outbox: an admin reads their own organization’s messages; anyone else is refused', async () => {
      const message = (to: { id: number; email: string }, kind: string, key: string) => ({
        kind,
        idempotency_key: key,
        recipient_id: to.id,
        recipient_email: to.email,
        subject: `A ${kind} for ${to.email}`,
        body: 'Hello',
        late: 0,
        follow_up_id: null,
        meeting_id: null,
        commitment_id: null,
      });
      const { dana, sam, olga } = world.people;
      await enqueue(db(), world.northwind.id, '2026-11-23T14:00:00.000Z', [
        message(dana, 'follow_up', 'k1'),
        message(sam, 'wrapup', 'k2'),
        message(dana, 'answer', 'k3'),
      ]);
      await enqueue(db(), world.initech.id, '2026-11-23T14:00:00.000Z', [message(olga, 'follow_up', 'k4')]);
      const answers = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/outbox');
        return answer.status === 200
          ? (answer.body.messages as { to: string; kind: string }[]).map((m) => `${m.kind} ${m.to}`)
          : world.outcome(answer);
      });
      assert.deepEqual(answers, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: [
          'follow_up dana@northwind.example',
          'wrapup sam@northwind.example',
          'answer dana@northwind.example',
        ],
        otherOrgAdmin: ['follow_up olga@initech.example'],
        noSession: refused('unauthenticated', 401),
      });
      const danas = await call('admin', 'GET', '/api/v1/outbox?to=dana@northwind.example&last=1');
      const [last] = danas.body.messages as Record<string, unknown>[];
      assert.deepEqual(last, {
        id: last?.id,
        kind: 'answer',
        to: 'dana@northwind.example',
        subject: 'A answer for dana@northwind.example',
        body: 'Hello',
        late: false,
        createdAt: '2026-11-23T14:00:00.000Z',
        state: 'waiting',
        deliveredAt: null,
        attempts: 0,
        nextAttemptAt: null,
        failedAt: null,
        failure: null,
      });
      const wrapups = await call('admin', 'GET', '/api/v1/outbox?kind=wrapup');
      assert.deepEqual(
        (wrapups.body.messages as { to: string }[]).map((m) => m.to),
        ['sam@northwind.example'],
      );
      assert.equal(
        world.outcome(await call('admin', 'GET', '/api/v1/outbox?kind=spam')),
        '400 invalid_request',
      );
      assert.equal(world.outcome(await call('admin', 'GET', '/api/v1/outbox?last=0')), '400 invalid_number');
      assert.equal(
        world.outcome(await call('admin', 'GET', '/api/v1/outbox?to=olga@initech.example')),
        '404 person_not_found',
      );
    });
  }

  function describeSettings() {
    const settingsOf = (orgId: number) =>
      db()
        .selectFrom('organizations')
        .select(['time_zone', 'follow_up_hour', 'follow_up_offset_days', 'due_today_reminders'])
        .where('id', '=', orgId)
        .executeTakeFirstOrThrow();

    it('GET /settings: every member reads their own organization’s', async () => {
      const answers = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/settings');
        return answer.status === 200 ? answer.body : world.outcome(answer);
      });
      const northwind = {
        timeZone: 'America/New_York',
        followUpHour: 9,
        followUpOffsetWorkingDays: 1,
        dueTodayReminders: true,
      };
      assert.deepEqual(answers, {
        owner: northwind,
        manager: northwind,
        peer: northwind,
        admin: northwind,
        otherOrgAdmin: { ...northwind, timeZone: 'Europe/Berlin' },
        noSession: refused('unauthenticated', 401),
      });
    });

    it('PATCH /settings: an admin, for their own organization; a bad zone or hour is a coded 400 that changes nothing', async () => {
      const answers = await matrix((a) => call(a, 'PATCH', '/api/v1/settings', { followUpHour: 8 }));
      assert.deepEqual(answers, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: 200,
        noSession: refused('unauthenticated', 401),
      });
      const changed = await call('admin', 'PATCH', '/api/v1/settings', {
        timeZone: 'europe/london',
        followUpOffsetWorkingDays: 2,
        dueTodayReminders: false,
      });
      assert.deepEqual(changed.body, {
        timeZone: 'Europe/London',
        followUpHour: 8,
        followUpOffsetWorkingDays: 2,
        dueTodayReminders: false,
      });
      const northwind = {
        time_zone: 'Europe/London',
        follow_up_hour: 8,
        follow_up_offset_days: 2,
        due_today_reminders: 0,
      };
      assert.deepEqual(await settingsOf(world.northwind.id), northwind);
      assert.deepEqual(await settingsOf(world.initech.id), {
        time_zone: 'Europe/Berlin',
        follow_up_hour: 8,
        follow_up_offset_days: 1,
        due_today_reminders: 1,
      });
      const bad: [unknown, string][] = [
        [{ timeZone: 'Mars/Olympus', followUpHour: 7 }, '400 invalid_time_zone'],
        // Alone, EST is Panama's clock, with no summer time: New York's follow-ups would go an hour off.
        [{ timeZone: 'EST', followUpHour: 7 }, '400 invalid_time_zone'],
        [{ followUpHour: 24 }, '400 invalid_request'],
        [{ followUpHour: 7.5 }, '400 invalid_request'],
        [{ followUpHour: '7' }, '400 invalid_request'],
        [{ followUpOffsetWorkingDays: 0 }, '400 invalid_request'],
        [{ dueTodayReminders: 'off' }, '400 invalid_request'],
        [{ name: 'Evil Corp' }, '400 invalid_request'],
      ];
      for (const [body, outcome] of bad) {
        const answer = await call('admin', 'PATCH', '/api/v1/settings', body);
        assert.equal(world.outcome(answer), outcome, JSON.stringify(body));
      }
      assert.deepEqual(await settingsOf(world.northwind.id), northwind);
      const read = await call('owner', 'GET', '/api/v1/settings');
      assert.equal(read.body.followUpOffsetWorkingDays, 2);
    });
  }
  function describeCalendar() {
    const fireTimes = async () =>
      [
        ...new Set(
          (
            await db()
              .selectFrom('follow_ups')
              .select('fire_at')
              .where('organization_id', '=', world.northwind.id)
              .where('status', '=', 'scheduled')
              .execute()
          ).map((f) => f.fire_at),
        ),
      ].sort();

    it('POST /away: one’s own time away or that of someone below; their follow-ups wait, whoever hears them is told', async () => {
      const answers = await matrix(
        (a) =>
          call(a, 'POST', '/api/v1/away', {
            person: 'dana@northwind.example',
            from: '2026-12-21',
            until: '2026-12-23',
          }),
        201,
      );
      assert.deepEqual(answers, {
        owner: 201,
        manager: 201,
        peer: refused('not_allowed'),
        admin: 201,
        otherOrgAdmin: refused('person_not_found', 404),
        noSession: refused('unauthenticated', 401),
      });
      // Due Friday 4 December, Dana's follow-ups fire Monday the 7th, 09:00 in New York.
      assert.deepEqual(await fireTimes(), ['2026-12-07T14:00:00.000Z']);
      const away = await call('owner', 'POST', '/api/v1/away', {
        from: '2026-12-07',
        until: '2026-12-08',
        note: 'Offsite',
      });
      assert.equal(away.status, 201);
      assert.deepEqual(
        { ...away.body, id: typeof away.body.id, moved: (away.body.moved as unknown[]).length },
        {
          id: 'string',
          person: { name: 'Dana Ruiz', email: 'dana@northwind.example' },
          from: '2026-12-07',
          until: '2026-12-08',
          note: 'Offsite',
          moved: 7,
          told: ['mara@northwind.example'],
        },
      );
      assert.deepEqual(await fireTimes(), ['2026-12-09T14:00:00.000Z']);
      const told = await db().selectFrom('outbox').select(['kind', 'recipient_email']).execute();
      assert.deepEqual(told, [{ kind: 'away', recipient_email: 'mara@northwind.example' }]);
      const backwards = await call('owner', 'POST', '/api/v1/away', {
        from: '2026-12-08',
        until: '2026-12-07',
      });
      assert.equal(world.outcome(backwards), '400 until_before_from');
    });

    it('GET /away and DELETE /away/{id}: the person, those above them and the admin', async () => {
      const ids = new Map<Actor, string>();
      for (const a of actors) {
        const { away } = await addAway(as('mara'), {
          person: 'dana@northwind.example',
          from: '2026-12-21',
          until: '2026-12-23',
          note: a,
        });
        ids.set(a, `a${away.id}`);
      }
      const listed = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/away');
        return answer.status === 200 ? (answer.body.away as unknown[]).length : world.outcome(answer);
      });
      assert.deepEqual(listed, {
        owner: 6,
        manager: 6,
        peer: 0,
        admin: 6,
        otherOrgAdmin: 0,
        noSession: refused('unauthenticated', 401),
      });
      const answers = await matrix((a) => call(a, 'DELETE', `/api/v1/away/${ids.get(a)}`));
      assert.deepEqual(answers, {
        owner: 200,
        manager: 200,
        peer: refused('away_not_found', 404),
        admin: 200,
        otherOrgAdmin: refused('away_not_found', 404),
        // No token and no Origin: a bodiless DELETE could be another site's, riding on a cookie.
        noSession: refused('cross_site_refused'),
      });
      const left = await db().selectFrom('away_periods').select('note').orderBy('id').execute();
      assert.deepEqual(
        left.map((r) => r.note),
        ['peer', 'otherOrgAdmin', 'noSession'],
      );
    });

    it('GET, POST and DELETE /holidays: everyone reads them, an admin changes them; follow-ups skip them', async () => {
      const added = await matrix(
        (a) => call(a, 'POST', '/api/v1/holidays', { date: '2026-12-24', name: 'Christmas Eve' }),
        201,
      );
      assert.deepEqual(added, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 201,
        // Initech's own.
        otherOrgAdmin: 201,
        noSession: refused('unauthenticated', 401),
      });
      const monday = await call('admin', 'POST', '/api/v1/holidays', {
        date: '2026-12-07',
        name: 'Founders Day',
      });
      assert.deepEqual(monday.body, {
        added: [{ date: '2026-12-07', name: 'Founders Day', source: 'manual' }],
        alreadyKnown: 0,
        moved: 7,
      });
      assert.deepEqual(await fireTimes(), ['2026-12-08T14:00:00.000Z']);
      const listed = await inTurn(async (a) => {
        const answer = await call(a, 'GET', '/api/v1/holidays?year=2026');
        return answer.status === 200
          ? (answer.body.holidays as { date: string }[]).map((h) => h.date)
          : world.outcome(answer);
      });
      const northwind = ['2026-12-07', '2026-12-24'];
      assert.deepEqual(listed, {
        owner: northwind,
        manager: northwind,
        peer: northwind,
        admin: northwind,
        otherOrgAdmin: ['2026-12-24'],
        noSession: refused('unauthenticated', 401),
      });
      const removed = await matrix((a) => call(a, 'DELETE', '/api/v1/holidays/2026-12-07'));
      assert.deepEqual(removed, {
        owner: refused('not_allowed'),
        manager: refused('not_allowed'),
        peer: refused('not_allowed'),
        admin: 200,
        otherOrgAdmin: refused('holiday_not_found', 404),
        noSession: refused('cross_site_refused'),
      });
      assert.deepEqual(await fireTimes(), ['2026-12-07T14:00:00.000Z']);
      const bad = await call('admin', 'POST', '/api/v1/holidays', { date: '2026-12-24', country: 'US' });
      assert.equal(world.outcome(bad), '400 date_or_country');
      const unknown = await call('admin', 'POST', '/api/v1/holidays', { country: 'XX' });
      assert.equal(world.outcome(unknown), '400 unknown_country');
    });
  }
});
