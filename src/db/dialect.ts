import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CompiledQuery,
  type CreateTableBuilder,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type SelectQueryBuilder,
  SqliteDialect,
  SqliteDriver,
  sql,
} from 'kysely';

/** Every difference between SQLite and PostgreSQL that the code cares about lives here. */

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Whether a table exists in this database (on PostgreSQL, in the current schema): a plain read. */
export async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  const query = isPostgres(db)
    ? sql`select 1 from information_schema.tables where table_schema = current_schema() and table_name = ${name}`
    : sql`select 1 from sqlite_master where type = 'table' and name = ${name}`;
  return (await query.execute(db)).rows.length > 0;
}

/** An auto-numbered integer primary key. */
export function idColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Lock the selected rows so that concurrent claimers skip them. SQLite has one writer at a
 * time, so the claim's own UPDATE serialises it there.
 */
export function skipLocked<DB, TB extends keyof DB, O>(
  db: Kysely<any>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query;
}

/**
 * Lock the selected rows until the transaction ends, so that writers queue behind each
 * other. SQLite's transactions already hold the one write lock from their start.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  db: Kysely<any>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate() : query;
}

/** Case-insensitive text comparison that both engines index the same way. */
export const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`;

/**
 * SQLite transactions that take the write lock when they begin. A deferred transaction that
 * reads and then writes fails at once ("database is locked") when another process wrote in
 * between; an immediate one waits its turn (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  /**
   * SQLite itself rolls back a transaction that hit a full disk or a damaged page; rolling back
   * again would fail ("no transaction is active") and hide the error that says what happened.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.database);
  }
}

const versions = new WeakMap<Kysely<any>, () => string>();

/**
 * Makes `dataVersion` answer for a SQLite database: the number of rows this connection has
 * changed (triggers included) and SQLite's count of commits by any other connection (another
 * process, `ft` beside the server).
 *
 * This connection's rows are counted at every read (a call into SQLite that touches no file).
 * The other connections' commits are read once per turn of the event loop, and forgotten at
 * its end (an immediate, which also keeps the loop from waiting for I/O before it runs):
 * reading them takes and drops a lock on the database's shared memory, which under load cost a
 * kept answer a fifth of its time. So a commit by another process counts from the next turn on:
 * at once for a server at rest, and within a turn (a millisecond or two under load) for a busy one.
 */
export function keepDataVersion(db: Kysely<any>, database: SqliteDatabase): void {
  // Two statements cost less than one that joins them (SQLite's pragma table function).
  const commits = database.prepare('pragma data_version').pluck();
  const changes = database.prepare('select total_changes()').pluck();
  let othersThisTurn: unknown;
  const nextTurn = () => {
    othersThisTurn = undefined;
  };
  versions.set(db, () => {
    if (othersThisTurn === undefined) {
      othersThisTurn = commits.get();
      setImmediate(nextTurn);
    }
    return `${othersThisTurn}.${changes.get()}`;
  });
}

/**
 * A value that differs whenever anything may have been written to the database since it was
 * last read (never the same after a write; sometimes different without one), read without a
 * query; null where there is none to read (PostgreSQL, a closed database). Read while a
 * transaction of this connection is open, it already counts that transaction's rows (rolled
 * back or not): what is read then waits for the transaction, and so is never older than it.
 */
export function dataVersion(db: Kysely<any>): string | null {
  const read = versions.get(db);
  if (!read) return null;
  try {
    return read();
  } catch {
    return null;
  }
}

/** Whole days from one YYYY-MM-DD column to another. */
export function daysBetweenColumns(db: Kysely<any>, from: string, to: string) {
  return isPostgres(db)
    ? sql<number>`(cast(${sql.ref(to)} as date) - cast(${sql.ref(from)} as date))`
    : sql<number>`cast(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)}) as integer)`;
}

/** Whether one instant column is at most a day after another (both ISO-8601 text). */
export function withinADay(db: Kysely<any>, from: string, to: string) {
  return isPostgres(db)
    ? sql<boolean>`(cast(${sql.ref(to)} as timestamptz) <= cast(${sql.ref(from)} as timestamptz) + interval '1 day')`
    : sql<boolean>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)}) <= 1)`;
}

/**
 * A column SQLite's planner must not pick an index for ("+column"), so that a lookup by
 * primary key stays one whatever the statistics say: without them, SQLite may prefer an
 * index on the organization or the status and scan thousands of rows instead.
 */
export function notIndexed(db: Kysely<any>, column: string) {
  return isPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

export type ColumnType = 'text' | 'integer';

/**
 * Many rows inserted in one statement. PostgreSQL gets one array per column (`unnest`):
 * a dozen parameters instead of thousands, which it parses far faster; SQLite gets VALUES.
 * `tail` is what follows the rows (ON CONFLICT …); returns how many rows were written.
 */
export async function insertMany(
  db: Kysely<any>,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, unknown>[],
  tail: RawBuilder<unknown> = sql``,
): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(columns);
  if (isPostgres(db)) {
    const arrays = names.map(
      (name) =>
        sql`${rows.map((row) => row[name] ?? null)}::${sql.raw(columns[name] === 'integer' ? 'integer[]' : 'text[]')}`,
    );
    const result = await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
      select * from unnest(${sql.join(arrays)}) ${tail}`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }
  // SQLite binds at most 32,766 parameters a statement.
  const perStatement = Math.floor(30_000 / names.length);
  let written = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows
      .slice(i, i + perStatement)
      .map((row) => sql`(${sql.join(names.map((name) => row[name] ?? null))})`);
    const result = await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
      values ${sql.join(values)} ${tail}`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
  }
  return written;
}
