import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';

const NOW = '2026-11-24T15:00:00Z';
const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';

async function setUp(database: TestDatabase): Promise<void> {
  await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', mara]);
  await ftOk(database, NOW, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
  await ftOk(database, NOW, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
  await ftOk(database, NOW, ['commit', 'Send revised pricing', '--owner', dana, '--due', '2026-11-27']);
}

/** A refusal that says what is wrong with which data: status 4, one line, its code, no stack trace. */
async function refused(
  database: TestDatabase,
  args: string[],
  code: string,
  names: string,
  env: Record<string, string> = {},
  stdin: string | null = null,
): Promise<string> {
  const result = await ft(database, NOW, args, env, stdin);
  assert.equal(result.code, 4, `ft ${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.ok(result.stderr.endsWith(`[${code}]\n`), result.stderr);
  assert.ok(result.stderr.includes(names), `names ${names}: ${result.stderr}`);
  assert.equal(result.stderr.split('\n').length, 2, `one line, no stack trace: ${result.stderr}`);
  return result.stderr;
}

onEachDatabase('data that cannot be used', (dialect) => {
  let database: TestDatabase;
  let file: string;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    file = join(database.env.FOLLOWTHROUGH_DATA, 'followthrough.db');
    await setUp(database);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('refuses data written by a newer Followthrough, naming the migration it does not know', async () => {
    const db = database.open();
    await sql`insert into kysely_migration (name, timestamp) values ('0099_from_the_future', '2027-06-01T00:00:00.000Z')`.execute(
      db,
    );
    await db.destroy();
    for (const args of [['list'], ['person', 'add', 'Sam Patel', '--email', 'sam@northwind.example']]) {
      const message = await refused(database, args, 'data_from_newer_version', '0099_from_the_future');
      assert.match(
        message,
        /was written by a newer Followthrough \(migration 0099_from_the_future\); upgrade Followthrough to use it\./,
      );
    }
    const json = await ft(database, NOW, ['list', '--json']);
    assert.equal(
      (JSON.parse(json.stderr) as { error: { code: string } }).error.code,
      'data_from_newer_version',
    );
  });

  if (dialect === 'postgres') return;

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    writeFileSync(file, 'name,owner\nSend revised pricing,Dana\n');
    for (const args of [['list'], ['init'], ['commit', 'X', '--owner', dana, '--due', '2026-11-27']]) {
      const message = await refused(database, args, 'database_corrupt', file);
      assert.match(message, /Restore it from a backup/);
    }
    assert.equal(readFileSync(file, 'utf8'), 'name,owner\nSend revised pricing,Dana\n');
  });

  it('refuses a database with damaged pages', async () => {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 20, 0xa5), 0, 4096 * 20, 4096 * 2);
    closeSync(fd);
    await refused(database, ['list'], 'database_corrupt', file);
  });

  it('refuses a database cut short', async () => {
    truncateSync(file, 8192 + 100);
    const message = await refused(database, ['list'], 'database_truncated', file);
    assert.match(message, /cut short/);
    await refused(database, ['init'], 'database_truncated', file);
  });

  it('refuses an empty file where the database should be rather than creating tables in it', async () => {
    truncateSync(file, 0);
    for (const args of [['list'], ['init'], ['start'], ['demo']]) {
      await refused(database, args, 'database_empty', file);
    }
    assert.equal(readFileSync(file).length, 0, 'still empty');
  });

  it('refuses a file where the data folder should be, saying which path is the file', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ft-file-'));
    try {
      const notAFolder = join(scratch, 'notes.txt');
      writeFileSync(notAFolder, 'hello');
      await refused(database, ['list'], 'data_folder_not_a_folder', notAFolder, {
        FOLLOWTHROUGH_DATA: notAFolder,
      });
      await refused(database, ['init'], 'data_folder_not_a_folder', notAFolder, {
        FOLLOWTHROUGH_DATA: join(notAFolder, 'data'),
      });
      const message = await refused(database, ['list'], 'data_folder_not_a_folder', file, {
        FOLLOWTHROUGH_DATA: file,
      });
      assert.ok(
        message.includes(
          `--data names the folder that holds followthrough.db: ${database.env.FOLLOWTHROUGH_DATA}.`,
        ),
        message,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('says why with FOLLOWTHROUGH_DEBUG: the driver error and its stack follow the one line', async () => {
    truncateSync(file, 8192 + 100);
    const result = await ft(database, NOW, ['list'], { FOLLOWTHROUGH_DEBUG: '1' });
    assert.equal(result.code, 4);
    assert.match(result.stderr, /\[database_truncated\]\n.*SQLITE_CORRUPT|database disk image is malformed/);
    assert.match(result.stderr, /\n\s+at /);
  });

  it('refuses to write on a full disk, saves nothing, and carries on once there is room', async (t) => {
    const disk = mkdtempSync(join(tmpdir(), 'ft-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      rmSync(disk, { recursive: true, force: true });
      t.skip('no small disk to fill: mounting a 1 MB tmpfs needs root');
      return;
    }
    try {
      const full = { ...database, env: { FOLLOWTHROUGH_DATA: join(disk, 'data') } };
      await ftOk(full, NOW, ['init']);
      await setUp(full);
      const filler = join(disk, 'filler');
      fillDisk(filler, 12);
      const notes = Array.from(
        { length: 300 },
        (_, i) =>
          `Dana to send order form ${i + 1} to legal by Friday ${'so that they can review it '.repeat(10)}`,
      ).join('\n');
      const message = await refused(full, ['note', 'm1'], 'disk_full', join(disk, 'data'), {}, notes);
      assert.match(message, /is full; nothing was saved\. Free some space/);
      rmSync(filler);
      const list = await ftOk(full, NOW, ['list', '--json']);
      assert.equal(list.json<{ total: number }>().total, 1, 'no note became a commitment');
      await ftOk(full, NOW, ['note', 'm1', '--text', 'Dana to call Jo by Friday']);
    } finally {
      execFileSync('umount', [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  });
});

/** Writes a file until the disk is full, then frees `pages` 4 KB pages again. */
function fillDisk(path: string, pages: number): void {
  const fd = openSync(path, 'w');
  const page = Buffer.alloc(4096);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, page);
  } catch {
    // ENOSPC: the disk is full.
  } finally {
    closeSync(fd);
  }
  truncateSync(path, Math.max(0, written - pages * 4096));
}

it('says when the PostgreSQL in DATABASE_URL cannot be reached, with status 4', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'ft-unreachable-'));
  try {
    const nowhere = {
      env: { FOLLOWTHROUGH_DATA: scratch, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    };
    const result = await ft(nowhere as TestDatabase, NOW, ['list']);
    assert.equal(result.code, 4, result.stderr);
    assert.match(
      result.stderr,
      /^ft: Cannot reach the database in DATABASE_URL \(ECONNREFUSED\).*\[database_unreachable\]\n$/,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
