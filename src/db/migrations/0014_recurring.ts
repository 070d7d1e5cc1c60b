import { type Kysely, sql } from 'kysely';

/**
 * Recurring steps. A step made with `--every` keeps its rule in `every` (an RRULE with its
 * DTSTART); each occurrence is a commitment of its own, and `repeats_id` names the one before
 * it. When an occurrence has had its next made, `renewed_at` says when, so the scheduler looks
 * only at those still to renew (index commitments_to_renew). Frozen: later changes go in new
 * migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commitments').addColumn('every', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('repeats_id', 'integer').execute();
  await db.schema.alterTable('commitments').addColumn('renewed_at', 'text').execute();
  await db.schema
    .createIndex('commitments_to_renew')
    .on('commitments')
    .columns(['due_date', 'id'])
    .where(sql.ref('every'), 'is not', null)
    .where(sql.ref('renewed_at'), 'is', null)
    .execute();
}
