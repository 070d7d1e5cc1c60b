import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { OutboxMessage, OutboxTable } from '../db/schema.js';

export type NewMessage = Omit<
  Insertable<OutboxTable>,
  'organization_id' | 'created_at' | 'recipient_email'
> & {
  recipient_email: string;
};

/** Writes messages once: a message whose idempotency key exists already is not written again. */
export async function enqueue(
  db: Db,
  orgId: number,
  createdAt: string,
  messages: NewMessage[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = messages.map((m) => ({ ...m, organization_id: orgId, created_at: createdAt }));
  const written = await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  return written.length;
}

export function listOutbox(
  db: Db,
  orgId: number,
  filter: { recipientId?: number; kind?: string; limit: number },
): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox').selectAll().where('organization_id', '=', orgId);
  if (filter.recipientId !== undefined) query = query.where('recipient_id', '=', filter.recipientId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute()
    .then((rows) => rows.reverse());
}
