import { type Kysely, sql } from 'kysely';

/**
 * Whether a step's owner agreed to it. `agreed_at` is when they did; a step its owner set
 * themselves needs no agreement. Instead of agreeing, the owner may propose another date or
 * approach (`proposal`) or ask for what they need (`help_asked`), with `agreement_answered_at` saying
 * when: both head their delegator's next agenda until agreed. Steps written before this
 * release count as agreed when they were made. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commitments').addColumn('agreed_at', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('proposal', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('help_asked', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('agreement_answered_at', 'text').execute();
  await sql`update commitments set agreed_at = created_at`.execute(db);
}
