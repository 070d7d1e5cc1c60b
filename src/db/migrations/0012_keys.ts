import type { Kysely } from 'kysely';

/**
 * Keys the program makes for itself and keeps with the data, by name: `answer_links` signs
 * the one-click answer links of follow-up mails, so that any process that reaches the database
 * (the tick, a worker, the web server) makes and checks the same links. Made on first use,
 * random, never written anywhere else. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
