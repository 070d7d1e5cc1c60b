import { type Kysely, sql } from 'kysely';

/**
 * Whether a commitment's latest follow-up was answered "not done" with no next step, kept on
 * the commitment, so that counting stalled steps reads a column instead of looking up every
 * open commitment's follow-ups. Only what people do changes it (an answer, a new follow-up),
 * never the tick. Filled here from the follow-ups as they are. Frozen: later changes go in
 * new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('commitments')
    .addColumn('answered_not_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update commitments set answered_not_done = 1
    where exists (
      select 1 from follow_ups f
      where f.organization_id = commitments.organization_id and f.commitment_id = commitments.id
        and f.status = 'answered' and f.outcome = 'not_done' and f.next_commitment_id is null
        and not exists (
          select 1 from follow_ups g
          where g.organization_id = f.organization_id and g.commitment_id = f.commitment_id
            and g.id > f.id))`.execute(db);
}
