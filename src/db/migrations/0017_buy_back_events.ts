import type { Kysely } from 'kysely';

/**
 * The events of one kind in a period with the commitment each is about, read from the index
 * alone: the team page and the insights count buy-backs week by week for the steps of a team
 * without reading each event's row. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('events_kind_commitment')
    .on('commitment_events')
    .columns(['organization_id', 'kind', 'at', 'commitment_id'])
    .execute();
}
