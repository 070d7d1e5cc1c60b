import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { type ColumnType, insertMany } from '../db/dialect.js';
import type { OutboxMessage, OutboxTable } from '../db/schema.js';
import type { DeliveryState } from './outbox.rules.js';

export type NewMessage = Omit<
  Insertable<OutboxTable>,
  'organization_id' | 'created_at' | 'recipient_email'
> & {
  recipient_email: string;
};

const outboxColumns: Record<string, ColumnType> = {
  organization_id: 'integer',
  kind: 'text',
  idempotency_key: 'text',
  recipient_id: 'integer',
  recipient_email: 'text',
  subject: 'text',
  body: 'text',
  late: 'integer',
  follow_up_id: 'integer',
  meeting_id: 'integer',
  commitment_id: 'integer',
  created_at: 'text',
};

/** Writes messages once: a message whose idempotency key exists already is not written again. */
export async function enqueue(
  db: Db,
  orgId: number,
  createdAt: string,
  messages: NewMessage[],
): Promise<number> {
  const rows = messages.map((m) => ({ ...m, organization_id: orgId, created_at: createdAt }));
  return insertMany(db, 'outbox', outboxColumns, rows, sql`on conflict (idempotency_key) do nothing`);
}

export function listOutbox(
  db: Db,
  orgId: number,
  filter: {
    recipientId?: number | undefined;
    kind?: string | undefined;
    state?: DeliveryState | undefined;
    limit: number;
  },
): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox').selectAll().where('organization_id', '=', orgId);
  if (filter.state === 'delivered') query = query.where('delivered_at', 'is not', null);
  else if (filter.state !== undefined) {
    query = query.where('delivered_at', 'is', null);
    if (filter.state === 'failed') query = query.where('failed_at', 'is not', null);
    else {
      query = query
        .where('failed_at', 'is', null)
        .where('next_attempt_at', filter.state === 'retrying' ? 'is not' : 'is', null);
    }
  }
  if (filter.recipientId !== undefined) query = query.where('recipient_id', '=', filter.recipientId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute()
    .then((rows) => rows.reverse());
}
