import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { spawnFt } from './support/spawn.js';

onEachDatabase('first use', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => {
    await database.drop();
  });

  it('creates the schema and the organization once when four processes start on an empty database at once', async () => {
    database = await createTestDatabase(dialect, { migrated: false });
    const now = { FOLLOWTHROUGH_NOW: '2026-11-23T15:00:00Z' };
    const names = ['mara', 'dana', 'sam', 'priya'];
    const runs = await Promise.all(
      names.map((name) =>
        spawnFt(database, ['person', 'add', name, '--email', `${name}@northwind.example`], now),
      ),
    );
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const people = (await ftOk(database, now.FOLLOWTHROUGH_NOW, ['person', 'list', '--json'])).json<
      { email: string }[]
    >();
    assert.deepEqual(people.map((p) => p.email).sort(), names.map((n) => `${n}@northwind.example`).sort());
    const db = database.open();
    const organizations = await db.selectFrom('organizations').select('id').execute();
    await db.destroy();
    assert.equal(organizations.length, 1, 'one organization, not one per process');
  });

  it('fills an empty data folder with a believable demo week, seen as the manager', async () => {
    database = await createTestDatabase(dialect);
    const now = '2026-11-25T16:00:00Z';
    const demo = (await ftOk(database, now, ['demo', '--json'])).json();
    // Everyone in the demo script, and the 1:1s held up to its fixed day.
    assert.deepEqual(demo, { people: 13, meetings: 28, commitments: 43 });
    // Named as the team's company, so that its mails say "invited you to Northwind on Followthrough".
    const db = database.open();
    try {
      assert.deepEqual(await db.selectFrom('organizations').select('name').execute(), [
        { name: 'Northwind' },
      ]);
    } finally {
      await db.destroy();
    }
    type Day = {
      person: { email: string };
      comingUp: unknown[];
      answers: { learned: string }[];
      wrapupsOwed: { id: string; kind: string; with: string[] }[];
    };
    const day = (await ftOk(database, now, ['--json'])).json<Day>();
    assert.equal(day.person.email, 'mara@northwind.example', 'the demo manager acts by default');
    assert.equal(day.answers.length, 9, 'answers from her sellers this week');
    assert.ok(
      day.answers.every((a) => a.learned),
      'each answer says what was learned',
    );
    // Wrap-ups still owed, each with whom the meeting was.
    assert.deepEqual(
      day.wrapupsOwed.map((m) => [m.kind, m.with]),
      [
        ['one_on_one', ['Priya Nair']],
        ['one_on_one', ['Priya Nair']],
      ],
    );
    const stats = (await ftOk(database, now, ['stats', '--json'])).json<Record<string, unknown>>();
    const counted = [
      'scope',
      'size',
      'since',
      'until',
      'due',
      'doneOnTime',
      'doneLate',
      'missed',
      'openOverdue',
      'followUpsSent',
      'followUpsAnswered',
      'renegotiations',
      'stalled',
      'limbo',
      'buyBacks',
      'meetingsEnded',
      'wrapupsOnTime',
      'wrapupsLate',
      'wrapupsMissing',
    ];
    assert.deepEqual(Object.fromEntries(counted.map((k) => [k, stats[k]])), {
      scope: 'team',
      size: 6,
      since: '2026-10-29',
      until: '2026-11-25',
      due: 36,
      doneOnTime: 24,
      doneLate: 0,
      missed: 0,
      openOverdue: 12,
      followUpsSent: 28,
      followUpsAnswered: 24,
      renegotiations: 6,
      stalled: 10,
      limbo: 1,
      buyBacks: 1,
      meetingsEnded: 19,
      wrapupsOnTime: 17,
      wrapupsLate: 0,
      wrapupsMissing: 2,
    });
    const again = await ftOk(database, now, ['demo']).catch((error: Error) => error);
    assert.match(String(again), /data_not_empty/);
  });
});
