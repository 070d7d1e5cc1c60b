import type { Kysely } from 'kysely';
import { idColumn } from '../dialect.js';

/**
 * Invitations: an admin asks a member to make their account. The link's token is kept only as
 * its SHA-256 hash; it can be used once, within its time. Frozen: later changes go in new
 * migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('invitations'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('invited_by_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema
    .createIndex('invitations_person')
    .on('invitations')
    .columns(['organization_id', 'person_id'])
    .execute();
}
