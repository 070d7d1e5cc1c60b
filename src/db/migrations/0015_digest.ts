import type { Kysely } from 'kysely';

/**
 * The daily digest, opt-in: `daily_digest` (0 or 1) says whether a member wants one at 08:00
 * where they are; `digest_on` is the last local date one was considered for them (sent, or
 * nothing to say), so each day is looked at once. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('daily_digest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('people').addColumn('digest_on', 'text').execute();
}
