import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { isPostgres } from '../../src/db/dialect.js';

/** A database's schema as sorted lines: its tables' columns, its indexes and the migrations it ran. */
export interface SchemaShape {
  migrations: string[];
  columns: string[];
  indexes: string[];
}

export async function tablesOf(db: Db): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() order by table_name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.map((r) => r.name);
}

export async function schemaOf(db: Db): Promise<SchemaShape> {
  const migrations = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  ).rows.map((r) => r.name);
  if (isPostgres(db)) {
    const columns = await sql<{ line: string }>`select table_name || '.' || column_name || ' ' || data_type
        || case when is_nullable = 'NO' then ' not null' else '' end
        || case when is_identity = 'YES' then ' identity' else '' end
        || coalesce(' default ' || column_default, '') as line
      from information_schema.columns where table_schema = current_schema()`.execute(db);
    const indexes = await sql<{ line: string }>`select replace(indexdef, schemaname || '.', '') as line
      from pg_indexes where schemaname = current_schema()`.execute(db);
    return { migrations, columns: sorted(columns.rows), indexes: sorted(indexes.rows) };
  }
  const columns: string[] = [];
  const indexes: string[] = [];
  for (const table of await tablesOf(db)) {
    const cols = await sql<{
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }>`
      select name, type, "notnull", dflt_value, pk from pragma_table_info(${table})`.execute(db);
    for (const c of cols.rows) {
      columns.push(
        `${table}.${c.name} ${c.type.toLowerCase()}${c.notnull ? ' not null' : ''}${c.pk ? ' primary key' : ''}${c.dflt_value === null ? '' : ` default ${c.dflt_value}`}`,
      );
    }
    const list = await sql<{
      name: string;
      unique: number;
    }>`select name, "unique" from pragma_index_list(${table})`.execute(db);
    for (const index of list.rows) {
      const info = await sql<{
        name: string;
      }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      const name = index.name.startsWith('sqlite_autoindex_') ? '(primary key)' : index.name;
      indexes.push(
        `${index.unique ? 'unique ' : ''}${name} on ${table} (${info.rows.map((r) => r.name).join(', ')})`,
      );
    }
  }
  return { migrations, columns: columns.sort(), indexes: indexes.sort() };
}

/**
 * Everything a migration could change: the schema, the identity of each table and index
 * (a dropped and recreated index gets a new one), and every row but the migrator's own.
 */
export async function snapshotOf(db: Db) {
  const { columns, indexes } = await schemaOf(db);
  const objects = isPostgres(db)
    ? await sql<{
        line: string;
      }>`select c.relname || ' ' || c.relkind::text || ' ' || c.oid::text as line from pg_class c
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()`.execute(db)
    : await sql<{
        line: string;
      }>`select rowid || ' ' || type || ' ' || name || ' ' || coalesce(sql, '') as line
        from sqlite_master where name not like 'sqlite_stat%'`.execute(db);
  const rows: Record<string, string[]> = {};
  for (const table of await tablesOf(db)) {
    if (table.startsWith('kysely_migration')) continue;
    rows[table] = (
      await db
        .selectFrom(table as never)
        .selectAll()
        .execute()
    )
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return { columns, indexes, objects: sorted(objects.rows), rows };
}

const sorted = (rows: { line: string }[]) => rows.map((r) => r.line).sort();
