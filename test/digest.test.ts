import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { tick } from '../src/followups/tick.js';
import { editPerson } from '../src/people/people.changes.js';
import { AppError } from '../src/shared/errors.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';

onEachDatabase('the daily digest', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let team: Awaited<ReturnType<typeof seedTeam>>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    // Monday 23 November, 10:00 in New York.
    team = await seedTeam(db, '2026-11-23T15:00:00Z');
    for (const [what, due] of [
      ['Send revised pricing', '2026-11-24'],
      ['Book the QBR room', '2026-11-23'],
      ['Share two reference customers', '2026-12-01'],
    ] as const) {
      await makeCommitment(team.as(team.manager), { what, owner: 'Dana', due, outcome: 'Acme moves on' });
    }
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const digests = () =>
    db
      .selectFrom('outbox')
      .select(['recipient_email', 'subject', 'body', 'created_at'])
      .where('kind', '=', 'digest')
      .orderBy('id')
      .execute();
  const tickAt = async (at: string) => {
    team.clock.set(at);
    return (await tick(db, team.clock)).digests;
  };

  it('goes at 08:00 local, once a day, to a member who asked for it, and says what is due, overdue and to answer', async () => {
    // Nobody asked: nothing, whatever the hour.
    assert.equal(await tickAt('2026-11-24T13:00:00Z'), 0);
    await editPerson(team.as(team.seller), 'dana@northwind.example', { digest: true });
    // Tuesday 07:59 in New York: not yet.
    assert.equal(await tickAt('2026-11-25T12:59:00Z'), 0);
    // Wednesday 08:00 in New York, with two schedulers at once: one digest.
    team.clock.set('2026-11-25T13:00:00Z');
    const [a, b] = await Promise.all([tick(db, team.clock), tick(db, team.clock)]);
    assert.equal((a?.digests ?? 0) + (b?.digests ?? 0), 1);
    assert.equal(await tickAt('2026-11-25T22:00:00Z'), 0);
    assert.deepEqual(await digests(), [
      {
        recipient_email: 'dana@northwind.example',
        subject: 'Your day: 2 overdue, 1 follow-up to answer',
        body: [
          'Hi Dana,',
          '',
          'Your day, Wed 25 Nov:',
          '',
          '## Overdue (2)',
          '- Book the QBR room, due Mon 23 Nov (2 days ago): http://127.0.0.1:3000/c/2',
          '- Send revised pricing, due Tue 24 Nov (yesterday): http://127.0.0.1:3000/c/1',
          '',
          '## Waiting for your answer (1)',
          '- Book the QBR room: http://127.0.0.1:3000/f/2',
          '',
          'Your day: http://127.0.0.1:3000/',
          '',
          'You get this because you asked for it: ft person edit YOU --digest off stops it.',
        ].join('\n'),
        created_at: '2026-11-25T13:00:00.000Z',
      },
    ]);
  });

  it('stays silent on a day with nothing, and on weekends; off stops it', async () => {
    await editPerson(team.as(team.seller), 'dana@northwind.example', { digest: true });
    await db.updateTable('commitments').set({ status: 'done', closed_at: '2026-11-23T16:00:00Z' }).execute();
    await db.updateTable('follow_ups').set({ status: 'cancelled' }).execute();
    // Tuesday 08:00 in New York: nothing due, overdue or to answer.
    assert.equal(await tickAt('2026-11-24T13:00:00Z'), 0);
    await db
      .updateTable('commitments')
      .set({ status: 'open', closed_at: null })
      .where('what', '=', 'Book the QBR room')
      .execute();
    // Friday, Saturday, Sunday and Monday at 08:30: overdue each day, told on working days only.
    const days = [];
    for (const at of [
      '2026-11-27T13:30:00Z',
      '2026-11-28T13:30:00Z',
      '2026-11-29T13:30:00Z',
      '2026-11-30T13:30:00Z',
    ])
      days.push(await tickAt(at));
    assert.deepEqual(days, [1, 0, 0, 1]);
    assert.deepEqual(
      (await digests()).map((d) => [d.subject, d.created_at]),
      [
        ['Your day: 1 overdue', '2026-11-27T13:30:00.000Z'],
        ['Your day: 1 overdue', '2026-11-30T13:30:00.000Z'],
      ],
    );
    await editPerson(team.as(team.seller), 'dana@northwind.example', { digest: false });
    assert.equal(await tickAt('2026-12-01T13:30:00Z'), 0);
    assert.equal((await digests()).length, 2);
  });

  it('one missed on its morning (nothing ran) goes later that day, never the day after', async () => {
    await editPerson(team.as(team.seller), 'dana@northwind.example', { digest: true });
    // Nothing ran on Tuesday: on Wednesday at 07:00 in New York, Tuesday's is not sent.
    assert.equal(await tickAt('2026-11-25T12:00:00Z'), 0);
    // Wednesday's, due at 08:00, goes at 11:00 when the scheduler is back.
    assert.equal(await tickAt('2026-11-25T16:00:00Z'), 1);
    assert.deepEqual(
      (await digests()).map((d) => d.created_at),
      ['2026-11-25T16:00:00.000Z'],
    );
  });

  it('is a member’s own choice: nobody but an admin turns it on for someone else', async () => {
    await assert.rejects(
      editPerson({ ...team.as(team.seller), bySession: true }, 'mara@northwind.example', { digest: true }),
      (e: unknown) => e instanceof AppError && e.code === 'not_allowed',
    );
    const [mara] = await db
      .selectFrom('people')
      .select('daily_digest')
      .where('email', '=', 'mara@northwind.example')
      .execute();
    assert.equal(mara?.daily_digest, 0);
  });
});
