import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, postgresUrl, type TestDatabase } from './support/databases.js';
import { makeWritable, runAsOwnerOf } from './support/permissions.js';
import { spawnFt } from './support/spawn.js';

const NOW = '2026-11-24T15:00:00Z';
const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';

async function setUp(database: TestDatabase): Promise<void> {
  await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', mara]);
  await ftOk(database, NOW, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
  await ftOk(database, NOW, ['commit', 'Send revised pricing', '--owner', dana, '--due', '2026-11-27']);
}

type Run = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** What someone who may only read the data can and cannot do. */
async function readsButDoesNotWrite(run: Run): Promise<void> {
  for (const args of [['list', '--json'], ['--json'], ['show', 'c1', '--json'], ['stats', '--json']]) {
    const result = await run(args);
    assert.equal(result.code, 0, `ft ${args.join(' ')}: ${result.stderr}`);
    assert.doesNotThrow(() => JSON.parse(result.stdout));
  }
  const list = (JSON.parse((await run(['list', '--json'])).stdout) as { commitments: { id: string }[] })
    .commitments;
  assert.deepEqual(
    list.map((c) => c.id),
    ['c1'],
  );
  for (const args of [
    ['commit', 'Book the demo', '--owner', dana, '--due', '2026-11-30'],
    ['done', 'c1'],
    ['person', 'add', 'Sam Patel', '--email', 'sam@northwind.example'],
  ]) {
    const result = await run(args);
    assert.equal(result.code, 4, `ft ${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^ft: .*read-only.*\[database_read_only\]\n$/);
    assert.equal(result.stdout, '');
  }
  const after = (
    JSON.parse((await run(['list', '--json'])).stdout) as { commitments: { id: string; status: string }[] }
  ).commitments;
  assert.deepEqual(
    after.map((c) => [c.id, c.status]),
    [['c1', 'open']],
    'nothing was changed',
  );
}

onEachDatabase('data that may only be read', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await setUp(database);
  });
  afterEach(async () => {
    if (dialect === 'sqlite') makeWritable(database.env.FOLLOWTHROUGH_DATA);
    await database.drop();
  });

  if (dialect === 'sqlite') {
    for (const what of ['file', 'folder'] as const) {
      it(`reads a read-only database ${what}, refuses to write to it, and leaves nothing beside it`, async () => {
        const folder = database.env.FOLLOWTHROUGH_DATA;
        const file = join(folder, 'followthrough.db');
        const user = runAsOwnerOf(folder);
        if (what === 'file') chmodSync(file, 0o400);
        else chmodSync(folder, 0o500);
        const before = statSync(file);
        await readsButDoesNotWrite((args) =>
          spawnFt(database, args, { FOLLOWTHROUGH_NOW: NOW }, '', { user }),
        );
        assert.deepEqual(readdirSync(folder), ['followthrough.db'], 'no -wal or -shm left behind');
        assert.equal(statSync(file).mtimeMs, before.mtimeMs);
      });
    }

    it('starts a reading command without waiting for another process that holds the write lock', async () => {
      const other = new SQLite(join(database.env.FOLLOWTHROUGH_DATA, 'followthrough.db'));
      other.exec('begin immediate');
      try {
        const started = performance.now();
        const list = await spawnFt(database, ['list', '--json'], { FOLLOWTHROUGH_NOW: NOW });
        assert.equal(list.code, 0, list.stderr);
        assert.equal(JSON.parse(list.stdout).total, 1);
        assert.ok(performance.now() - started < 10_000, 'it did not wait for the writer');
      } finally {
        other.exec('rollback');
        other.close();
      }
    });
  } else {
    it('reads with a PostgreSQL role that may only read, and refuses to write with it', async () => {
      const role = `ft_reader_${randomBytes(4).toString('hex')}`;
      const db = database.open();
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      await db.destroy();
      const schema = rows[0]?.schema as string;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        await admin.query(`create role ${role} login`);
        await admin.query(`grant usage on schema ${schema} to ${role}`);
        await admin.query(`grant select on all tables in schema ${schema} to ${role}`);
        const url = new URL(database.env.DATABASE_URL as string);
        url.username = role;
        await readsButDoesNotWrite((args) =>
          spawnFt(database, args, { FOLLOWTHROUGH_NOW: NOW, DATABASE_URL: url.toString() }),
        );
      } finally {
        await admin.query(`drop owned by ${role}`);
        await admin.query(`drop role ${role}`);
        await admin.end();
      }
    });
  }
});
