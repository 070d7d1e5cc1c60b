import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, it } from 'node:test';
import { ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';
import { compiledCli } from './support/spawn.js';

const NOW = '2026-12-01T15:20:00Z';

/**
 * Runs the compiled `ft` with its output going to a reader that has already stopped reading,
 * as `ft … | head -1` does once head has its line.
 */
function intoClosedPipe(
  database: TestDatabase,
  args: string[],
  stdin = '',
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiledCli, ...args], {
      env: {
        ...process.env,
        ...database.env,
        FOLLOWTHROUGH_NOW: NOW,
        FOLLOWTHROUGH_TIME_ZONE: 'America/New_York',
      },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.stdin.end(stdin);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

onEachDatabase('output to a pipe that closes early', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', 'mara@northwind.example']);
    await ftOk(database, NOW, [
      'person',
      'add',
      'Dana Ruiz',
      '--email',
      'dana@northwind.example',
      '--manager',
      'mara@northwind.example',
    ]);
    await ftOk(database, NOW, [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      'dana@northwind.example',
    ]);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('ends quietly with status 0 and the work saved: ft note m1 < notes | head -1', async () => {
    const notes = Array.from({ length: 40 }, (_, i) => `Dana to send order form ${i + 1} to legal by Friday`);
    const run = await intoClosedPipe(database, ['note', 'm1'], `${notes.join('\n')}\n`);
    assert.deepEqual(run, { code: 0, signal: null, stderr: '' });
    const list = await ftOk(database, NOW, ['list', '--json']);
    assert.equal(list.json<{ total: number }>().total, 40, 'every line became a commitment');
  });

  it('ends quietly with status 0: ft --help | head -1, ft list | head -1', async () => {
    for (const args of [['--help'], ['list'], ['meeting', 'show', 'm1', '--json']]) {
      const run = await intoClosedPipe(database, args);
      assert.deepEqual(run, { code: 0, signal: null, stderr: '' }, `ft ${args.join(' ')}`);
    }
  });
});
