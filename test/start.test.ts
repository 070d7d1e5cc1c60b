import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';

const NOW = '2026-11-25T16:00:00Z';
const berlin = { FOLLOWTHROUGH_TIME_ZONE: 'Europe/Berlin' };

onEachDatabase('ft start', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  const people = async () => (await ftOk(database, NOW, ['person', 'list', '--json'])).json<unknown[]>();
  const zone = async () =>
    (await ftOk(database, NOW, ['settings', '--json'])).json<{ timeZone: string }>().timeZone;

  it('fills an empty data folder with the demo and shows the manager her day', async () => {
    const start = await ftOk(database, NOW, ['start']);
    assert.match(start.stdout, /^Demo data created: \d+ people/);
    assert.match(start.stdout, /mara@northwind\.example/);
    assert.ok((await people()).length >= 10);
  });

  it('leaves a folder that holds only customer contacts as it is, and says how to add someone who acts', async () => {
    await ftOk(
      database,
      NOW,
      ['person', 'add', 'Jo Park', '--email', 'jo@acme.example', '--contact'],
      berlin,
    );
    const start = await ft(database, NOW, ['start'], berlin);
    assert.equal(start.code, 0, start.stderr);
    assert.doesNotMatch(start.stdout, /Demo/);
    assert.match(start.stdout, /ft person add "Your Name" --email you@example\.com/);
    assert.equal((await people()).length, 1, 'no demo team mixed in');
    assert.equal(await zone(), 'Europe/Berlin', "the organization's zone is kept");
    const json = (await ftOk(database, NOW, ['start', '--json'], berlin)).json<{ person: null }>();
    assert.equal(json.person, null);
  });

  it('shows the day of a team that is already there, without the demo', async () => {
    await ftOk(database, NOW, ['person', 'add', 'Ana Lima', '--email', 'ana@northwind.example'], berlin);
    const start = await ftOk(database, NOW, ['start', '--json'], berlin);
    assert.equal(start.json<{ person: { email: string } }>().person.email, 'ana@northwind.example');
    assert.equal((await people()).length, 1);
    assert.equal(await zone(), 'Europe/Berlin');
  });

  it('ft demo refuses a folder that holds anyone, even only a contact', async () => {
    await ftOk(database, NOW, ['person', 'add', 'Jo Park', '--email', 'jo@acme.example', '--contact']);
    const demo = await ft(database, NOW, ['demo']);
    assert.equal(demo.code, 1);
    assert.match(demo.stderr, /\[data_not_empty\]/);
    assert.equal((await people()).length, 1);
  });
});
