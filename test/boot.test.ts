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
    const demo = (await ftOk(database, now, ['demo', '--json'])).json<{ people: number; meetings: number }>();
    assert.ok(demo.people >= 10);
    assert.ok(demo.meetings >= 25, `six weeks of 1:1s with five sellers: ${demo.meetings}`);
    type Day = {
      person: { email: string };
      comingUp: unknown[];
      answers: { learned: string }[];
      wrapupsOwed: unknown[];
    };
    const day = (await ftOk(database, now, ['--json'])).json<Day>();
    assert.equal(day.person.email, 'mara@northwind.example', 'the demo manager acts by default');
    assert.ok(day.answers.length > 0, 'answers from her sellers this week');
    assert.ok(
      day.answers.every((a) => a.learned),
      'each answer says what was learned',
    );
    assert.ok(day.wrapupsOwed.length > 0, 'a wrap-up still owed');
    const stats = (await ftOk(database, now, ['stats', '--json'])).json<{
      scope: string;
      due: number;
      doneOnTime: number;
      renegotiations: number;
      buyBacks: number;
      limbo: number;
    }>();
    assert.equal(stats.scope, 'team');
    assert.ok(stats.due > 10 && stats.doneOnTime > 0 && stats.doneOnTime < stats.due);
    assert.ok(stats.renegotiations >= 2 && stats.buyBacks >= 1 && stats.limbo >= 1);
    const again = await ftOk(database, now, ['demo']).catch((error: Error) => error);
    assert.match(String(again), /data_not_empty/);
  });
});
