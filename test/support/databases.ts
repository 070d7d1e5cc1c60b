import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type nodeTest from 'node:test';
import { describe, after as nodeAfter, before as nodeBefore, it as nodeIt } from 'node:test';
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
    try {
      if (options.migrated) await migrate(db);
    } finally {
      await db.destroy();
    }
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

type TestFn = nodeTest.TestFn;
type TestOptions = nodeTest.TestOptions;
type HookFn = nodeTest.HookFn;
interface It {
  (name: string, fn: TestFn): unknown;
  (name: string, options: TestOptions, fn: TestFn): unknown;
}

/**
 * What suites declare their tests and hooks with: node:test's own (so that a failure points
 * at the test file), except while a suite that cannot run declares its tests, when each test
 * is declared skipped and suite-wide hooks (which node:test runs even when every test is
 * skipped) are left out. Bindings read when called, so the swap below reaches every suite.
 */
export let it: It = nodeIt;
export let before: (fn: HookFn) => void = nodeBefore;
export let after: (fn: HookFn) => void = nodeAfter;

function skippedIt(reason: string): It {
  return (name: string, optionsOrFn: TestOptions | TestFn, fn?: TestFn) =>
    typeof optionsOrFn === 'function'
      ? nodeIt(name, { skip: reason }, optionsOrFn)
      : nodeIt(name, { ...optionsOrFn, skip: reason }, fn);
}

/**
 * Declares the same suite once per database. Without PostgreSQL each test of the second run
 * is declared skipped, with its reason on a visible line, so that the run's summary counts
 * it; under CI=true a missing PostgreSQL fails the run instead.
 */
export function onEachDatabase(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip =
      dialect === 'postgres' && postgresProblem && !requirePostgres
        ? `PostgreSQL not reachable at ${postgresUrl} (${postgresProblem}); set TEST_DATABASE_URL to run this suite`
        : false;
    describe(`${name} [${dialect}]`, () => {
      if (dialect === 'postgres' && postgresProblem && requirePostgres) {
        nodeBefore(() => {
          throw new Error(`CI=true needs PostgreSQL at ${postgresUrl}: ${postgresProblem}`);
        });
      }
      if (!skip) return suite(dialect);
      // node:test runs a suite's body synchronously, so the swap covers exactly this suite.
      it = skippedIt(skip);
      before = after = () => {};
      try {
        suite(dialect);
      } finally {
        it = nodeIt;
        before = nodeBefore;
        after = nodeAfter;
      }
    });
  }
}
