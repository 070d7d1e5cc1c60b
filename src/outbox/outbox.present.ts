import type { OutboxMessage } from '../db/schema.js';
import { formatId } from '../shared/ids.js';

/** `ft outbox --json` and the API alike: one message, whole. */
export const messageJson = (m: OutboxMessage) => ({
  id: formatId('message', m.id),
  kind: m.kind,
  to: m.recipient_email,
  subject: m.subject,
  body: m.body,
  late: m.late === 1,
  createdAt: m.created_at,
  deliveredAt: m.delivered_at,
});
