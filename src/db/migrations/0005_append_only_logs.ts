import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * The outbox and the commitments' events are append-only logs: each row is written in the
 * same transaction that read the rows it names, and nothing in Followthrough deletes rows.
 * On PostgreSQL their foreign keys were checked row by row at every insert and cost about
 * three quarters of the tick's writes; they go. (SQLite checks them cheaply and keeps them:
 * dropping one there means rebuilding the table.) Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of ['outbox', 'commitment_events']) {
    const keys = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where contype = 'f' and conrelid = ${sql.lit(table)}::regclass`.execute(db);
    for (const { name } of keys.rows) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
    }
  }
}
