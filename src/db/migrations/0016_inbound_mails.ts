import type { Kysely } from 'kysely';

/**
 * Mail taken in, by a key made from its Message-ID, its sender and the address it was for: a
 * mail server that delivers the same mail again (it did not hear our answer) makes nothing
 * twice. Written in the transaction that acts on the mail. Frozen: later changes go in new
 * migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbound_mails')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
}
