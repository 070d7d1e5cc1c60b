import type { Kysely } from 'kysely';

/**
 * The daily digest, opt-in: `daily_digest` (0 or 1) says whether a member wants one at 08:00
 * where they are; `digest_at` is the instant the next one is due (null while they want none),
 * so the scheduler finds the few that are due by the index people_digest_due. Frozen: later
 * changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('daily_digest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('people').addColumn('digest_at', 'text').execute();
  await db.schema.createIndex('people_digest_due').on('people').column('digest_at').execute();
}
