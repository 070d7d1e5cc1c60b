import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../shared/errors.js';
import { isPostgres } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseSettings {
  /** A PostgreSQL connection string; when absent, SQLite under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

// int8 (count(*), sums) arrives as a string from pg; our numbers fit in a double.
pg.types.setTypeParser(20, Number);

export function openDatabase(settings: DatabaseSettings): Db {
  if (settings.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(settings.databaseUrl)) {
      throw new AppError(
        'invalid_database_url',
        'DATABASE_URL must be a PostgreSQL URL like postgres://user@127.0.0.1:5432/followthrough; unset it to use the embedded database.',
      );
    }
    const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 5 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dir = resolve(settings.dataDir);
  mkdirSync(dir, { recursive: true });
  const file = new SQLite(join(dir, 'followthrough.db'));
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 10000');
  file.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
}

const MIGRATION_LOCK = 7_146_311;

/**
 * Applies every pending migration. Two processes booting at once are serialised: on
 * PostgreSQL by an advisory lock held around the whole run, on SQLite by its write lock.
 */
export async function migrate(db: Db): Promise<void> {
  const run = async (target: Db, migrationTableSchema?: string) => {
    const { error } = await new Migrator({
      db: target,
      provider: migrationProvider,
      migrationTableSchema,
    }).migrateToLatest();
    if (error) throw error;
  };
  if (!isPostgres(db)) return run(db);
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      // The migrator looks for its own tables in every schema unless told which one is ours.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
      await run(conn, rows[0]?.schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Runs `work` in a transaction, or in the caller's when there is one already, so use cases compose. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
