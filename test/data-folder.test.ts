import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';
import { spawnFt } from './support/spawn.js';

const NOW = '2026-11-24T15:00:00Z';
const mode = (path: string) => statSync(path).mode & 0o777;

onEachDatabase('the data folder', (dialect) => {
  let database: TestDatabase;
  let scratch: string;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    scratch = mkdtempSync(join(tmpdir(), 'ft-folder-'));
  });
  afterEach(async () => {
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  if (dialect === 'sqlite') {
    it('refuses a mistyped --data or FOLLOWTHROUGH_DATA with a coded error, and creates nothing', async () => {
      const missing = join(scratch, 'typo');
      const empty = join(scratch, 'empty');
      mkdirSync(empty);
      const tries: [string[], Record<string, string>, string][] = [
        [['list'], { FOLLOWTHROUGH_DATA: missing }, missing],
        [['--data', missing, 'person', 'add', 'Mara Chen', '--email', 'mara@northwind.example'], {}, missing],
        [['person', 'list'], { FOLLOWTHROUGH_DATA: empty }, empty],
        [['tick'], { FOLLOWTHROUGH_DATA: empty }, empty],
      ];
      for (const [args, env, folder] of tries) {
        const result = await ft(database, NOW, args, env);
        assert.equal(result.code, 4, `ft ${args.join(' ')}: ${result.stderr}`);
        assert.equal(
          result.stderr,
          `ft: No Followthrough data in ${folder}; \`ft init\` creates one. [no_data_folder]\n`,
        );
        assert.equal(result.stdout, '');
      }
      assert.ok(!existsSync(missing), 'the mistyped folder was not created');
      assert.deepEqual(readdirSync(empty), [], 'nothing was written into the empty folder');
      const json = await ft(database, NOW, ['list', '--json'], { FOLLOWTHROUGH_DATA: missing });
      assert.equal((JSON.parse(json.stderr) as { error: { code: string } }).error.code, 'no_data_folder');
    });

    it('ft init creates the folder for its owner only, says where and what next, and changes nothing the second time', async () => {
      const folder = join(scratch, 'team', 'data');
      const first = await ftOk(database, NOW, ['--data', folder, 'init']);
      assert.match(first.stdout, new RegExp(`Created an empty Followthrough database in ${folder}`));
      assert.match(first.stdout, /ft person add "Your Name" --email you@example\.com/);
      assert.match(first.stdout, new RegExp(`export FOLLOWTHROUGH_DATA=${folder}`));
      assert.equal(mode(folder), 0o700);
      assert.equal(mode(join(folder, 'followthrough.db')), 0o600);
      assert.deepEqual(readdirSync(folder), ['followthrough.db']);

      const again = await ftOk(database, NOW, ['init', '--json'], { FOLLOWTHROUGH_DATA: folder });
      assert.deepEqual(again.json(), { created: false, location: folder });
      await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', 'mara@northwind.example'], {
        FOLLOWTHROUGH_DATA: folder,
      });
      const kept = await ftOk(database, NOW, ['init'], { FOLLOWTHROUGH_DATA: folder });
      assert.equal(kept.stdout, `Followthrough data is already in ${folder}; nothing changed.\n`);
      const people = await ftOk(database, NOW, ['person', 'list', '--json'], { FOLLOWTHROUGH_DATA: folder });
      assert.equal(people.json<unknown[]>().length, 1);
    });

    it('keeps the write-ahead log and shared-memory files as private as the database', async () => {
      const folder = join(scratch, 'data');
      await ftOk(database, NOW, ['init'], { FOLLOWTHROUGH_DATA: folder });
      // SQLite keeps its -wal and -shm files while a connection has the database open.
      const reader = new SQLite(join(folder, 'followthrough.db'));
      reader.prepare('select count(*) from people').get();
      try {
        await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', 'mara@northwind.example'], {
          FOLLOWTHROUGH_DATA: folder,
        });
        for (const side of ['followthrough.db-wal', 'followthrough.db-shm']) {
          assert.equal(mode(join(folder, side)), 0o600, side);
        }
      } finally {
        reader.close();
      }
    });

    it('ft start and ft demo create a data folder that is not there yet', async () => {
      for (const command of ['start', 'demo']) {
        const folder = join(scratch, command);
        const result = await ft(database, '2026-11-25T16:00:00Z', [command], { FOLLOWTHROUGH_DATA: folder });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(mode(folder), 0o700);
        assert.equal(mode(join(folder, 'followthrough.db')), 0o600);
      }
    });

    it('four ft init at once on a missing folder make one database, and one of them says it created it', async () => {
      const folder = join(scratch, 'together');
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => spawnFt(database, ['init', '--json'], { FOLLOWTHROUGH_DATA: folder })),
      );
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
      const created = runs.filter((run) => (JSON.parse(run.stdout) as { created: boolean }).created);
      assert.equal(created.length, 1);
      assert.deepEqual(readdirSync(folder), ['followthrough.db']);
    });
  } else {
    it('needs no data folder when DATABASE_URL names the database, and creates none', async () => {
      const missing = join(scratch, 'not-used');
      await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', 'mara@northwind.example'], {
        FOLLOWTHROUGH_DATA: missing,
      });
      const list = await ftOk(database, NOW, ['person', 'list', '--json'], { FOLLOWTHROUGH_DATA: missing });
      assert.equal(list.json<unknown[]>().length, 1);
      assert.ok(!existsSync(missing));
    });

    it('ft init sets up an empty PostgreSQL database once and says so', async () => {
      const first = await ftOk(database, NOW, ['init']);
      assert.match(
        first.stdout,
        /^Followthrough is set up in the PostgreSQL database postgres:\/\/\S+, empty\./,
      );
      assert.match(first.stdout, /ft person add "Your Name"/);
      assert.doesNotMatch(first.stdout, /search_path/);
      const again = await ftOk(database, NOW, ['init', '--json']);
      assert.equal(again.json<{ created: boolean }>().created, false);
    });
  }
});
