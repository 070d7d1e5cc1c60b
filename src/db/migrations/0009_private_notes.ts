import type { Kysely } from 'kysely';

/**
 * Private lines of notes: a line its author marked private is shown to its author alone. It is
 * a note and nothing more: it makes no commitment, is not read by the coach and never reaches a
 * wrap-up. Lines written before are not private. The author is already on every line
 * (note_lines.author_id, required since 0002). Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('note_lines')
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
