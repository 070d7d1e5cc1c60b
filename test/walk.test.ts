import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';

/** The loop from first person to stats, as a manager would run it from a terminal. */
onEachDatabase('the follow-through loop', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  const mara = 'mara@northwind.example';
  const dana = 'dana@northwind.example';
  const jo = 'jo@acme.example';

  type Message = { kind: string; to: string; subject: string; body: string };
  const outbox = async (now: string) => (await ftOk(database, now, ['outbox', '--json'])).json<Message[]>();

  it('runs from a 1:1 to the next 1:1, with the numbers that follow by hand', async () => {
    const setUp = '2026-11-23T15:00:00Z';
    await ftOk(database, setUp, ['person', 'add', 'Mara Chen', '--email', mara, '--tz', 'America/New_York']);
    await ftOk(database, setUp, [
      'person',
      'add',
      'Dana Ruiz',
      '--email',
      dana,
      '--manager',
      mara,
      '--tz',
      'America/New_York',
    ]);
    await ftOk(database, setUp, ['person', 'add', 'Jo Park', '--email', jo, '--contact']);

    const meeting = (
      await ftOk(database, '2026-11-24T15:00:00Z', [
        'meeting',
        'start',
        '--kind',
        'one_on_one',
        '--with',
        dana,
        '--at',
        '2026-11-24 10:00',
        '--json',
      ])
    ).json<{ id: string; startsAt: string; agenda: { pending: unknown[] } }>();
    assert.equal(meeting.startsAt, '2026-11-24T15:00:00.000Z');
    assert.deepEqual(meeting.agenda.pending, []);

    const commitment = (
      await ftOk(database, '2026-11-24T15:20:00Z', [
        'commit',
        'Send revised pricing',
        '--owner',
        dana,
        '--due',
        '2026-11-27',
        '--with',
        jo,
        '--outcome',
        'Acme approves budget',
        '--meeting',
        meeting.id,
        '--json',
      ])
    ).json<{ id: string; owner: { email: string }; followUp: { id: string; fireAt: string } }>();
    assert.equal(commitment.owner.email, dana);
    // Friday's follow-up fires Monday 09:00 in New York.
    assert.equal(commitment.followUp.fireAt, '2026-11-30T14:00:00.000Z');

    await ftOk(database, '2026-11-24T15:45:00Z', ['meeting', 'end', meeting.id]);
    await ftOk(database, '2026-11-24T17:00:00Z', ['wrapup', meeting.id, '--send']);
    const wrapups = (await outbox('2026-11-24T17:00:00Z')).filter((m) => m.kind === 'wrapup');
    assert.deepEqual(wrapups.map((m) => m.to).sort(), [dana, mara]);
    assert.match(
      wrapups[0]?.body ?? '',
      /Send revised pricing[\s\S]*Owner: Dana Ruiz[\s\S]*Outcome: Acme approves budget/,
    );

    // Friday night nothing is due yet; the reminder of the morning goes out, late but still in time.
    const friday = await ftOk(database, '2026-11-27T23:00:00-05:00', ['tick', '--json']);
    assert.deepEqual(friday.json(), { sent: 0, late: 0, unanswered: 0, reminded: 1, renewed: 0, digests: 0 });

    const monday = await ftOk(database, '2026-11-30T09:00:00-05:00', ['tick', '--json']);
    assert.equal(monday.json<{ sent: number }>().sent, 1);
    const followUps = (await outbox('2026-11-30T14:00:00Z')).filter((m) => m.kind === 'follow_up');
    assert.equal(followUps.length, 1);
    assert.equal(followUps[0]?.to, dana);
    assert.match(followUps[0]?.body ?? '', /How did it go\?/);

    const again = await ftOk(database, '2026-11-30T09:00:30-05:00', ['tick', '--json']);
    assert.equal(again.json<{ sent: number }>().sent, 0);
    assert.deepEqual((await outbox('2026-11-30T14:01:00Z')).map((m) => m.kind).sort(), [
      'due_today',
      'follow_up',
      'wrapup',
      'wrapup',
    ]);

    const answer = (
      await ftOk(database, '2026-11-30T16:00:00Z', [
        '--as',
        dana,
        'answer',
        commitment.followUp.id,
        '--outcome',
        'not_done',
        '--happened',
        'Jo is out until Wednesday',
        '--learned',
        'Finance signs off, not Jo',
        '--next',
        'Call Acme finance',
        '--next-due',
        '2026-12-03',
        '--json',
      ])
    ).json<{ next: string; status: string }>();
    assert.equal(answer.status, 'open');
    const next = (await ftOk(database, '2026-11-30T16:00:00Z', ['show', answer.next, '--json'])).json<{
      follows: string;
      owner: { email: string };
    }>();
    assert.equal(next.follows, commitment.id);
    assert.equal(next.owner.email, dana);
    const told = (await outbox('2026-11-30T16:00:00Z')).filter((m) => m.kind === 'answer');
    assert.deepEqual(
      told.map((m) => m.to),
      [mara],
    );

    const second = (
      await ftOk(database, '2026-12-01T15:00:00Z', [
        'meeting',
        'start',
        '--kind',
        'one_on_one',
        '--with',
        dana,
        '--json',
      ])
    ).json<{
      agenda: {
        pending: { id: string; overdue: boolean }[];
        answered: { learned: string; nextStep: { id: string } }[];
      };
    }>();
    assert.equal(second.agenda.pending[0]?.id, commitment.id);
    assert.equal(second.agenda.pending[0]?.overdue, true);
    assert.deepEqual(
      second.agenda.pending.map((p) => p.id),
      [commitment.id, answer.next],
    );
    assert.equal(second.agenda.answered[0]?.learned, 'Finance signs off, not Jo');
    assert.equal(second.agenda.answered[0]?.nextStep.id, answer.next);

    const stats = (
      await ftOk(database, '2026-12-01T16:00:00Z', [
        'stats',
        '--team',
        mara,
        '--since',
        '2026-11-23',
        '--until',
        '2026-12-06',
        '--json',
      ])
    ).json<Record<string, unknown>>();
    // Due so far in the period: the pricing (27 Nov, overdue); the call to finance is due 3 Dec, after now.
    assert.equal(stats.scope, 'team');
    assert.equal(stats.due, 1);
    assert.equal(stats.doneOnTime, 0);
    assert.equal(stats.doneLate, 0);
    assert.equal(stats.missed, 0);
    assert.equal(stats.openOverdue, 1);
    assert.equal(stats.followThroughRate, 0);
    assert.equal(stats.followUpsSent, 1);
    assert.equal(stats.followUpsAnswered, 1);
    assert.equal(stats.answerRate, 1);
    assert.equal(stats.medianDaysLate, null);
    assert.equal(stats.renegotiations, 0);
    assert.equal(stats.buyBacks, 0);
    assert.equal(stats.meetingsEnded, 1);
    assert.equal(stats.wrapupsOnTime, 1);
    assert.equal(stats.wrapupsLate, 0);
  });

  it('refuses a wrap-up before the meeting ends, and sends it only once', async () => {
    const now = '2026-11-24T15:00:00Z';
    await ftOk(database, now, ['person', 'add', 'Mara Chen', '--email', mara]);
    await ftOk(database, now, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
    const { id } = (
      await ftOk(database, now, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana, '--json'])
    ).json<{ id: string }>();
    const early = await ft(database, now, ['wrapup', id, '--send']);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /End the meeting first/);
    await ftOk(database, '2026-11-24T16:00:00Z', ['meeting', 'end', id]);
    await ftOk(database, '2026-11-26T16:00:00Z', ['wrapup', id, '--send']);
    const twice = await ft(database, '2026-11-26T16:05:00Z', ['wrapup', id, '--send']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /wrapup_already_sent/);
    const messages = (await outbox('2026-11-26T16:05:00Z')) as (Message & { late: boolean })[];
    assert.equal(messages.length, 2);
    assert.ok(
      messages.every((m) => m.late),
      'a wrap-up two days after the meeting is late',
    );
  });
});
