import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';

const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';

onEachDatabase('what the command line tells people', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ftOk(database, '2026-11-23T15:00:00Z', ['person', 'add', 'Mara Chen', '--email', mara]);
    await ftOk(database, '2026-11-23T15:00:00Z', [
      'person',
      'add',
      'Dana Ruiz',
      '--email',
      dana,
      '--manager',
      mara,
    ]);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('says when a month and day just gone is read as next year’s, and how to say this year’s', async () => {
    const read = await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Send the deck',
      '--owner',
      dana,
      '--due',
      'nov 20',
      '--outcome',
      'The deck in their hands',
    ]);
    assert.match(
      read.stdout,
      /\n {2}⚠ Read as next year's, in 361 days; for the one 4 days ago, say --due 2026-11-20\.\n/,
    );
    const meant = await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Send the contract',
      '--owner',
      dana,
      '--due',
      'dec 20',
      '--outcome',
      'The contract in their hands',
    ]);
    assert.doesNotMatch(meant.stdout, /next year/);
  });

  it('warns when a due date has already passed, and says when the follow-up goes out', async () => {
    const past = await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Send the deck',
      '--owner',
      dana,
      '--due',
      '2026-11-20',
    ]);
    assert.match(past.stdout, /already passed: the follow-up goes out at the next tick/);
    const future = await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Send pricing',
      '--owner',
      dana,
      '--due',
      '2026-11-27',
    ]);
    assert.doesNotMatch(future.stdout, /already passed/);
    assert.match(future.stdout, /follow-up f2 fires Mon 30 Nov 09:00 \(America\/New_York\)/);
    const timed = await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Call Jo',
      '--owner',
      dana,
      '--due',
      '2026-11-27 15:00',
    ]);
    assert.match(timed.stdout, /due Fri 27 Nov 15:00 \(in 3 days\)/);
  });

  it("keeps every sent and unanswered follow-up in the commitment's timeline", async () => {
    await ftOk(database, '2026-11-24T15:00:00Z', [
      'commit',
      'Send pricing',
      '--owner',
      dana,
      '--due',
      '2026-11-27',
    ]);
    await ftOk(database, '2026-11-30T14:00:00Z', ['tick']);
    await ftOk(database, '2026-12-02T14:00:00Z', ['tick']);
    const shown = (await ftOk(database, '2026-12-02T15:00:00Z', ['show', 'c1', '--json'])).json<{
      timeline: { kind: string; at: string }[];
    }>();
    assert.deepEqual(
      shown.timeline.map((e) => [e.kind, e.at]),
      [
        ['created', '2026-11-24T15:00:00.000Z'],
        ['follow_up_sent', '2026-11-30T14:00:00.000Z'],
        ['follow_up_unanswered', '2026-12-02T14:00:00.000Z'],
      ],
    );
    const stalled = (await ftOk(database, '2026-12-02T15:00:00Z', ['list', '--stalled', '--json'])).json<{
      commitments: { stalled: string[] }[];
    }>().commitments;
    assert.deepEqual(
      stalled.map((c) => c.stalled),
      [['unanswered']],
    );
  });

  it("writes the wrap-up's promise from the organization's follow-up offset", async () => {
    await ftOk(database, '2026-11-24T15:00:00Z', ['settings', '--follow-up-offset', '2']);
    await ftOk(database, '2026-11-24T15:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
    ]);
    const { followUp } = (
      await ftOk(database, '2026-11-24T15:10:00Z', [
        'commit',
        'Send pricing',
        '--owner',
        dana,
        '--due',
        '2026-11-27',
        '--meeting',
        'm1',
        '--json',
      ])
    ).json<{ followUp: { fireAt: string } }>();
    assert.equal(followUp.fireAt, '2026-12-01T14:00:00.000Z', 'Friday + 2 working days = Tuesday');
    const wrapup = await ftOk(database, '2026-11-24T15:30:00Z', ['wrapup', 'm1']);
    assert.match(wrapup.stdout, /follow-up 2 working days after their date/);
  });

  it("tells times in errors in the reader's zone, not in UTC", async () => {
    await ftOk(database, '2026-11-24T15:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
    ]);
    await ftOk(database, '2026-11-24T15:45:00Z', ['meeting', 'end', 'm1']);
    const again = await ft(database, '2026-11-24T16:00:00Z', ['meeting', 'end', 'm1']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /m1 ended already, Tue 24 Nov 10:45/);
  });
});

onEachDatabase('the demo', (dialect) => {
  it("keeps its team's zone whatever the computer's zone", async () => {
    const database = await createTestDatabase(dialect);
    try {
      await ftOk(database, '2026-11-25T16:00:00Z', ['demo'], { FOLLOWTHROUGH_TIME_ZONE: 'Asia/Tokyo' });
      const settings = (await ftOk(database, '2026-11-25T16:00:00Z', ['settings', '--json'])).json<{
        timeZone: string;
      }>();
      assert.equal(settings.timeZone, 'America/New_York');
    } finally {
      await database.drop();
    }
  });
});
