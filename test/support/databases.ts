import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { type Db, migrate, openDatabase } from '../../src/db/database.js';

/** The PostgreSQL the suite uses; under CI=true it must be there. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const requirePostgres = process.env.CI === 'true';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await postgresReachable();

export type Dialect = 'sqlite' | 'postgres';

/** A fresh, migrated, empty database: a temp SQLite folder, or a new PostgreSQL schema. */
export interface TestDatabase {
  dialect: Dialect;
  /** Settings the CLI reads to reach this same database. */
  env: { FOLLOWTHROUGH_DATA: string; DATABASE_URL?: string };
  open(): Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  dialect: Dialect,
  options = { migrated: true },
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-test-'));
  const prepare = async (db: Db) => {
    if (options.migrated) await migrate(db);
    await db.destroy();
  };
  if (dialect === 'sqlite') {
    await prepare(openDatabase({ dataDir }, { create: true }));
    return {
      dialect,
      env: { FOLLOWTHROUGH_DATA: dataDir },
      open: () => openDatabase({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `ft_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  await prepare(openDatabase({ dataDir, databaseUrl: url }));
  return {
    dialect,
    env: { FOLLOWTHROUGH_DATA: dataDir, DATABASE_URL: url },
    open: () => openDatabase({ dataDir, databaseUrl: url }),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same suite once per database. Without PostgreSQL the second run is skipped
 * with its reason on a visible line, except under CI=true, where it fails.
 */
export function onEachDatabase(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip =
      dialect === 'postgres' && postgresProblem && !requirePostgres
        ? `PostgreSQL not reachable at ${postgresUrl} (${postgresProblem}); set TEST_DATABASE_URL to run this suite`
        : false;
    describe(`${name} [${dialect}]`, { skip }, () => {
      if (dialect === 'postgres' && postgresProblem) {
        before(() => {
          throw new Error(`CI=true needs PostgreSQL at ${postgresUrl}: ${postgresProblem}`);
        });
      }
      suite(dialect);
    });
  }
}

export { after, before };
