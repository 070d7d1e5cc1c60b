import { Kysely, type LogEvent, Migrator, PostgresDialect, sql } from 'kysely';
import { AppError } from '../shared/errors.js';
import { ImmediateSqliteDialect, isPostgres, keepDataVersion } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { pendingMigrations } from './migrations/status.js';
import type { Database } from './schema.js';
import { openSqliteFile } from './sqlite-file.js';

export type Db = Kysely<Database>;

export interface DatabaseSettings {
  /** A PostgreSQL connection string; when absent, SQLite under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export interface OpenOptions {
  /** Create the data folder and its database when they are not there (ft init, start, demo). */
  create?: boolean;
  /** Print every query slower than this many milliseconds to stderr. */
  slowQueryMs?: number | undefined;
}

/** Opens the database: PostgreSQL when a URL is given, else the data folder's SQLite file. */
export function openDatabase(settings: DatabaseSettings, options: OpenOptions = {}): Db {
  const { slowQueryMs } = options;
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
  const file = openSqliteFile(settings.dataDir, options.create ?? false);
  file.pragma('foreign_keys = ON');
  file.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(file), log });
  keepDataVersion(db, file);
  return db;
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
      // SQLite may have rolled back already (a full disk does): the first error is the one to tell.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Applies every pending migration, once, however many processes start at the same moment. When
 * none is pending, as on almost every run, it only reads: no lock, so data that may only be read
 * still can be. `where` names the data in messages ("The data in …").
 */
export async function migrate(db: Db, where = 'This database'): Promise<void> {
  if ((await pendingMigrations(db, where)).length === 0) return;
  await withExclusiveLock(db, async (conn) => {
    // Another process may have migrated while this one waited for the lock.
    if ((await pendingMigrations(conn, where)).length === 0) return;
    const postgres = isPostgres(conn);
    // The migrator looks for its own tables in every schema unless told which one is ours.
    const schema = postgres
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(conn)).rows[0]?.schema
      : undefined;
    const migrator = new Migrator({
      db: conn,
      provider: migrationProvider,
      migrationTableSchema: schema,
      // SQLite runs inside the lock's own transaction already.
      disableTransactions: !postgres,
    });
    for (let attempt = 1; ; attempt++) {
      const { error } = await migrator.migrateToLatest();
      if (!error) return;
      // The migrator reads the tables of every schema it may use; one that someone else drops
      // during that read fails it, though it is not ours: read again.
      if (attempt < 5 && schema && droppedMeanwhile(error, schema)) continue;
      throw error;
    }
  });
}

/**
 * What PostgreSQL says when the migrator's read of every schema's tables meets another
 * schema's drop: that schema, or one of its tables or columns, gone under the read ("schema
 * … does not exist", "relation … does not exist", "column … does not exist"). Ours is never
 * dropped while we migrate, so an error that names it is real; the read is tried a few times.
 */
function droppedMeanwhile(error: unknown, ours: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === '3F000' || code === '42P01' || code === '42703') &&
    typeof message === 'string' &&
    !message.includes(`"${ours}"`) &&
    !message.includes(`"${ours}.`)
  );
}

/**
 * Closes the database. SQLite first refreshes the statistics its query planner needs when
 * they are stale (PRAGMA optimize, as SQLite advises for short-lived connections); without
 * them it may prefer the organization index to a primary key.
 */
export async function closeDatabase(db: Db): Promise<void> {
  try {
    if (!isPostgres(db)) await refreshStatistics(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Only a connection that changed rows can have made the statistics stale; one that only read
 * (perhaps on read-only data) leaves them, and takes no write lock for them. Statistics are an
 * optimisation: failing to refresh them never fails a command whose work is done.
 */
async function refreshStatistics(db: Db): Promise<void> {
  const { rows } = await sql<{ changes: number }>`select total_changes() as changes`.execute(db);
  if (!rows[0]?.changes) return;
  await sql`pragma optimize`.execute(db).catch(() => undefined);
}

/** Runs `work` in a transaction, or in the caller's when there is one already, so use cases compose. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
