import type { Kysely } from 'kysely';

/**
 * Delivery of the outbox by mail. A message is leased (`leased_until`) before it is sent and
 * marked `delivered_at` after; a message a server refused for now waits for `next_attempt_at`;
 * one refused for good, or too old to send, is `failed_at` with the `failure` given. `attempts`
 * counts the leases. Messages written before are undelivered, as they were; what is still to
 * deliver is found by the index outbox_undelivered (delivered_at, id) of 0001. Frozen: later
 * changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbox').addColumn('leased_until', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('failed_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('failure', 'text').execute();
}
