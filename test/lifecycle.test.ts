import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { eventsOf, getCommitment } from '../src/commitments/commitments.repository.js';
import {
  dropCommitment,
  makeCommitment,
  moveDue,
  reassign,
} from '../src/commitments/commitments.usecases.js';
import { showCommitment } from '../src/commitments/commitments.usecases.query.js';
import type { Db } from '../src/db/database.js';
import { followUpsOf } from '../src/followups/followups.repository.js';
import { answerFollowUp, markDone } from '../src/followups/followups.usecases.js';
import { tick } from '../src/followups/tick.js';
import { addPerson } from '../src/people/people.usecases.js';
import { statsFor } from '../src/stats/stats.usecases.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';

onEachDatabase('a commitment over its life', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('moves its follow-up with a renegotiated date, counts each move, and stalls after the second', async () => {
    const team = await seedTeam(db);
    const mara = team.as(team.manager);
    const { commitment, followUp } = await makeCommitment(mara, {
      what: 'Send pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Budget',
    });
    assert.equal(followUp?.fire_at, '2026-11-30T14:00:00.000Z');

    // A fix right after agreeing it is a correction; later, a renegotiation.
    team.clock.set('2026-11-23T15:09:00Z');
    const fixed = await moveDue(team.as(team.seller), `c${commitment.id}`, '2026-11-26', 'typo');
    assert.deepEqual([fixed.corrected, fixed.commitment.renegotiations], [true, 0]);
    team.clock.set('2026-11-23T15:11:00Z');
    const first = await moveDue(
      team.as(team.seller),
      `c${commitment.id}`,
      '2026-12-04',
      'Legal review moved',
    );
    assert.equal(first.commitment.renegotiations, 1);
    assert.equal(first.followUp?.fire_at, '2026-12-07T14:00:00.000Z');
    const second = await moveDue(team.as(team.seller), `c${commitment.id}`, '2026-12-11', 'Their CFO is out');
    assert.equal(second.commitment.renegotiations, 2);

    const followUps = await followUpsOf(db, team.org.id, [commitment.id]);
    assert.deepEqual(
      followUps.map((f) => f.status),
      ['cancelled', 'cancelled', 'cancelled', 'scheduled'],
    );
    const shown = await showCommitment(mara, `c${commitment.id}`);
    assert.deepEqual(shown.view.stalled, ['renegotiated']);
    const events = (await eventsOf(db, team.org.id, commitment.id)).map((e) => [
      e.kind,
      JSON.parse(e.data).reason,
    ]);
    assert.deepEqual(events, [
      ['created', undefined],
      ['corrected', 'typo'],
      ['renegotiated', 'Legal review moved'],
      ['renegotiated', 'Their CFO is out'],
    ]);
    const stats = await statsFor(mara, {
      team: 'mara@northwind.example',
      since: '2026-11-01',
      until: '2026-12-31',
    });
    assert.equal(stats.stats.renegotiations, 2);
    assert.equal(stats.stats.stalled, 1);
  });

  it('counts a task reassigned from a report back to the manager as a buy-back', async () => {
    const team = await seedTeam(db);
    const mara = team.as(team.manager);
    const peer = await addPerson(mara, {
      name: 'Sam Patel',
      email: 'sam@northwind.example',
      manager: team.manager.email,
    });
    const { commitment: toPeer } = await makeCommitment(mara, {
      what: 'Intro to CSM',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Onboarding',
    });
    const { commitment: back } = await makeCommitment(mara, {
      what: 'Draft proposal',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Proposal out',
    });
    assert.equal((await reassign(mara, `c${toPeer.id}`, peer.email, 'Sam covers Acme')).buyBack, false);
    const taken = await reassign(mara, `c${back.id}`, team.manager.email, undefined);
    assert.equal(taken.buyBack, true);
    assert.equal(taken.followUp?.answerer_id, team.manager.id);
    const stats = await statsFor(mara, {
      team: team.manager.email,
      since: '2026-11-01',
      until: '2026-11-30',
    });
    assert.equal(stats.stats.buyBacks, 1);
  });

  it('sends a commitment to oneself to the accountability partner, and a customer commitment to the member who made it', async () => {
    const team = await seedTeam(db);
    const mara = team.as(team.manager);
    const sam = await addPerson(mara, {
      name: 'Sam Patel',
      email: 'sam@northwind.example',
      partner: team.seller.email,
    });
    const jo = await addPerson(mara, { name: 'Jo Park', email: 'jo@acme.example', contact: true });
    const own = await makeCommitment(team.as(sam), {
      what: 'Finish the course',
      owner: 'Sam',
      due: '2026-11-27',
      outcome: 'Certified',
    });
    assert.equal(own.followUp?.answerer_id, sam.id);
    assert.equal(own.followUp?.hearer_id, team.seller.id);
    const customer = await makeCommitment(team.as(team.seller), {
      what: 'Send the security questionnaire',
      owner: jo.email,
      due: '2026-11-27',
      outcome: 'Review can start',
    });
    assert.equal(customer.followUp?.answerer_id, team.seller.id);

    team.clock.set('2026-11-30T14:00:00Z');
    await tick(db, team.clock);
    await answerFollowUp(team.as(sam), `f${own.followUp?.id}`, {
      outcome: 'done',
      learned: 'Anchoring works',
    });
    const told = await db
      .selectFrom('outbox')
      .select(['recipient_email', 'kind'])
      .where('kind', '=', 'answer')
      .execute();
    assert.deepEqual(told, [{ recipient_email: team.seller.email, kind: 'answer' }]);
    assert.equal((await getCommitment(db, team.org.id, own.commitment.id))?.status, 'done');
  });

  it('lets the owner report early: the follow-up never fires, and done on time counts', async () => {
    const team = await seedTeam(db);
    const { commitment, followUp } = await makeCommitment(team.as(team.manager), {
      what: 'Send pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Budget',
    });
    team.clock.set('2026-11-26T18:00:00Z');
    await answerFollowUp(team.as(team.seller), `f${followUp?.id}`, {
      outcome: 'done',
      happened: 'Sent a day early',
    });
    team.clock.set('2026-11-30T15:00:00Z');
    assert.equal((await tick(db, team.clock)).sent, 0);
    const stats = await statsFor(team.as(team.manager), {
      person: 'Dana',
      since: '2026-11-23',
      until: '2026-11-30',
    });
    assert.equal(stats.stats.doneOnTime, 1);
    assert.equal(stats.stats.followThroughRate, 1);
    assert.equal(
      (await getCommitment(db, team.org.id, commitment.id))?.closed_at,
      '2026-11-26T18:00:00.000Z',
    );
  });

  it('leaves a not-done answer without a next step open and stalled; a later done counts as late', async () => {
    const team = await seedTeam(db);
    const { commitment, followUp } = await makeCommitment(team.as(team.manager), {
      what: 'Send pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Budget',
    });
    team.clock.set('2026-11-30T14:00:00Z');
    await tick(db, team.clock);
    await answerFollowUp(team.as(team.seller), `f${followUp?.id}`, {
      outcome: 'not_done',
      happened: 'No time',
    });
    const shown = await showCommitment(team.as(team.manager), `c${commitment.id}`);
    assert.equal(shown.view.commitment.status, 'open');
    assert.deepEqual(shown.view.stalled, ['not_done']);
    team.clock.set('2026-12-02T17:00:00Z');
    await markDone(team.as(team.seller), `c${commitment.id}`, 'Sent at last');
    const stats = await statsFor(team.as(team.manager), {
      person: 'Dana',
      since: '2026-11-23',
      until: '2026-11-30',
    });
    assert.equal(stats.stats.doneLate, 1);
    // Due Fri 27 Nov, done (and marked) Wed 2 Dec in New York: 5 days late.
    assert.equal(stats.stats.medianDaysLate, 5);
  });

  it('cancels the follow-up of a dropped commitment and keeps the reason', async () => {
    const team = await seedTeam(db);
    const { commitment } = await makeCommitment(team.as(team.manager), {
      what: 'Send pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Budget',
    });
    await dropCommitment(team.as(team.manager), `c${commitment.id}`, 'Acme paused the project');
    team.clock.set('2026-11-30T15:00:00Z');
    assert.equal((await tick(db, team.clock)).sent, 0);
    const [followUp] = await followUpsOf(db, team.org.id, [commitment.id]);
    assert.equal(followUp?.status, 'cancelled');
    const dropped = (await eventsOf(db, team.org.id, commitment.id)).at(-1);
    assert.equal(dropped?.kind, 'dropped');
    assert.equal(JSON.parse(dropped?.data ?? '{}').note, 'Acme paused the project');
    await assert.rejects(
      moveDue(team.as(team.manager), `c${commitment.id}`, '2026-12-04', 'x'),
      /commitment_closed|already dropped/,
    );
  });

  it('leaves a dropped commitment out of every count: due, overdue, stalled and in limbo', async () => {
    // Two steps agreed alike a month ago, both in limbo (no outcome) and stalled (moved twice,
    // then untouched), due on the 25th. One is dropped the day after its date; the other stays open.
    const team = await seedTeam(db, '2026-11-02T15:00:00Z');
    const mara = team.as(team.manager);
    const step = { owner: 'Dana', due: '2026-11-20' };
    const { commitment: open } = await makeCommitment(mara, { ...step, what: 'Send the pilot report' });
    const { commitment: dropped } = await makeCommitment(mara, { ...step, what: 'Send the old pricing' });
    team.clock.set('2026-11-03T15:00:00Z');
    for (const c of [open, dropped]) {
      await moveDue(mara, `c${c.id}`, '2026-11-24', 'Their CFO is out');
      await moveDue(mara, `c${c.id}`, '2026-11-25', 'Legal needs a day');
    }
    team.clock.set('2026-11-26T15:00:00Z');
    await dropCommitment(mara, `c${dropped.id}`, 'Acme paused the project');

    team.clock.set('2026-12-01T15:00:00Z');
    const { stats } = await statsFor(mara, { person: 'Dana', since: '2026-11-23', until: '2026-11-30' });
    assert.deepEqual(
      {
        due: stats.due,
        openOverdue: stats.openOverdue,
        stalled: stats.stalled,
        limbo: stats.limbo,
        doneOnTime: stats.doneOnTime,
        missed: stats.missed,
      },
      { due: 1, openOverdue: 1, stalled: 1, limbo: 1, doneOnTime: 0, missed: 0 },
    );
    assert.equal(stats.followThroughRate, 0);
  });
});
