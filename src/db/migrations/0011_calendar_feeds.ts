import type { Kysely } from 'kysely';

/**
 * A secret calendar feed for each member who asks for one: its token names it in its address
 * (/cal/TOKEN.ics); rotating it replaces the row's token, so the old address stops working.
 * Kept apart from `people`, so that reading a person never carries the secret. Frozen: later
 * changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
