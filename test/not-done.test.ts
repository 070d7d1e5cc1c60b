import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { sql } from 'kysely';
import { makeCommitment, moveDue } from '../src/commitments/commitments.usecases.js';
import { listCommitments } from '../src/commitments/commitments.usecases.query.js';
import type { Db } from '../src/db/database.js';
import * as notDoneFlag from '../src/db/migrations/0006_not_done_flag.js';
import { answerFollowUp } from '../src/followups/followups.usecases.js';
import { tick } from '../src/followups/tick.js';
import { statsFor } from '../src/stats/stats.usecases.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';

/**
 * "Answered not done with no next step" is kept on the commitment by the follow-ups' writes,
 * so that lists, the team section and stats read a column: they must agree with the rule as
 * the commitment's own view states it, and a database from before the column gets it filled.
 */
onEachDatabase('a step answered "not done"', (dialect) => {
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

  /** Five steps due Fri 27 Nov, each answered "not done" on Mon 30 Nov in its own way. */
  async function answeredFiveWays() {
    const team = await seedTeam(db);
    const mara = team.as(team.manager);
    const dana = team.as(team.seller);
    const made = [];
    for (const what of ['No next step', 'A next step', 'A new date', 'Moved afterwards', 'Answered early']) {
      made.push(
        await makeCommitment(mara, { what, owner: 'Dana', due: '2026-11-27', outcome: 'Acme signs' }),
      );
    }
    const [none, next, newDue, moved, early] = made.map((m) => `f${m.followUp?.id}`) as string[];
    const notDone = { outcome: 'not_done' as const, happened: 'Jo was out' };
    // On its due date, before its follow-up was sent: the tick then sends nothing for it.
    team.clock.set('2026-11-27T20:00:00Z');
    await answerFollowUp(dana, early as string, notDone);
    team.clock.set('2026-11-30T14:00:00Z');
    assert.equal((await tick(db, team.clock)).sent, 4);
    team.clock.set('2026-11-30T15:00:00Z');
    await answerFollowUp(dana, none as string, notDone);
    await answerFollowUp(dana, next as string, {
      ...notDone,
      next: 'Call Acme finance',
      nextDue: '2026-12-03',
    });
    await answerFollowUp(dana, newDue as string, { ...notDone, newDue: '2026-12-04' });
    await answerFollowUp(dana, moved as string, notDone);
    await moveDue(mara, `c${made[3]?.commitment.id}`, '2026-12-07', 'Jo is back on Monday');
    team.clock.set('2026-11-30T16:00:00Z');
    return { team, mara, ids: made.map((m) => m.commitment.id) };
  }

  const stalledNow = async (scope: Parameters<typeof listCommitments>[0]) =>
    (await listCommitments(scope, { stalled: true, status: 'open' })).views.map((v) => [
      v.commitment.what,
      v.stalled,
    ]);

  it('counts as stalled, in lists and stats, only while the latest answer is "not done" with nothing next', async () => {
    const { mara } = await answeredFiveWays();
    assert.deepEqual(await stalledNow(mara), [
      ['No next step', ['not_done']],
      ['Answered early', ['not_done']],
    ]);
    const { stats } = await statsFor(mara, { person: 'Dana', since: '2026-11-23', until: '2026-11-30' });
    assert.equal(stats.stalled, 2);
  });

  it('is filled from the follow-ups when a database from before the column is opened', async () => {
    const { mara, ids } = await answeredFiveWays();
    const flags = async () =>
      (
        await db
          .selectFrom('commitments')
          .select(['id', 'answered_not_done'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute()
      ).map((c) => Number(c.answered_not_done));
    assert.deepEqual(await flags(), [1, 0, 0, 0, 1]);
    // The commitments as the release before kept them: no column (nor the later index that
    // holds it); then the migration.
    await sql`drop index commitments_stall`.execute(db);
    await sql`alter table commitments drop column answered_not_done`.execute(db);
    await notDoneFlag.up(db);
    assert.deepEqual(await flags(), [1, 0, 0, 0, 1]);
    assert.deepEqual(
      (await stalledNow(mara)).map(([what]) => what),
      ['No next step', 'Answered early'],
    );
  });
});
