import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type LogEvent, Migrator, PostgresDialect, sql } from 'kysely';
import { AppError } from '../shared/errors.js';
import { ImmediateSqliteDialect, isPostgres } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseSettings {
  /** A PostgreSQL connection string; when absent, SQLite under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** How long a SQLite writer waits for another process's write to finish. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/** Opens the database; with `slowQueryMs`, prints every query slower than that to stderr. */
export function openDatabase(settings: DatabaseSettings, slowQueryMs?: number): Db {
  const log =
    slowQueryMs === undefined
      ? undefined
      : (event: LogEvent) => {
          if (event.queryDurationMillis >= slowQueryMs) {
            process.stderr.write(
              `slow query (${event.queryDurationMillis.toFixed(1)} ms): ${event.query.sql}\n`,
            );
          }
        };
  if (settings.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(settings.databaseUrl)) {
      throw new AppError(
        'invalid_database_url',
        'DATABASE_URL must be a PostgreSQL URL like postgres://user@127.0.0.1:5432/followthrough; unset it to use the embedded database.',
      );
    }
    const url = settings.databaseUrl;
    // The PostgreSQL driver loads on first use: the embedded default never pays for it.
    const pool = async () => {
      const { default: pg } = await import('pg');
      // int8 (count(*), sums) arrives as a string from pg; our numbers fit in a double.
      pg.types.setTypeParser(20, Number);
      return new pg.Pool({ connectionString: url, max: 5 });
    };
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  }
  const dir = resolve(settings.dataDir);
  mkdirSync(dir, { recursive: true });
  // The timeout comes first: even switching to WAL may wait for another process.
  const file = new SQLite(join(dir, 'followthrough.db'), { timeout: SQLITE_BUSY_TIMEOUT_MS });
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(file), log });
}

const BOOT_LOCK = 7_146_311;

/**
 * Runs `work` while holding a lock that other processes on the same database wait for: an
 * advisory lock on PostgreSQL, the write lock (BEGIN IMMEDIATE) on SQLite, where `work`
 * runs inside that transaction and so must not open one of its own (SQLite has no nested
 * transactions). For start-up work that two processes must not do twice.
 */
export async function withExclusiveLock<T>(db: Db, work: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    if (isPostgres(conn)) {
      await sql`select pg_advisory_lock(${BOOT_LOCK})`.execute(conn);
      try {
        return await work(conn);
      } finally {
        await sql`select pg_advisory_unlock(${BOOT_LOCK})`.execute(conn);
      }
    }
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/** Applies every pending migration, once, however many processes start at the same moment. */
export async function migrate(db: Db): Promise<void> {
  await withExclusiveLock(db, async (conn) => {
    const postgres = isPostgres(conn);
    // The migrator looks for its own tables in every schema unless told which one is ours.
    const schema = postgres
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(conn)).rows[0]?.schema
      : undefined;
    const { error } = await new Migrator({
      db: conn,
      provider: migrationProvider,
      migrationTableSchema: schema,
      // SQLite runs inside the lock's own transaction already.
      disableTransactions: !postgres,
    }).migrateToLatest();
    if (error) throw error;
  });
}

/**
 * Closes the database. SQLite first refreshes the statistics its query planner needs when
 * they are stale (PRAGMA optimize, as SQLite advises for short-lived connections); without
 * them it may prefer the organization index to a primary key.
 */
export async function closeDatabase(db: Db): Promise<void> {
  if (!isPostgres(db)) await sql`pragma optimize`.execute(db);
  await db.destroy();
}

/** Runs `work` in a transaction, or in the caller's when there is one already, so use cases compose. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
