import type { OutboxMessage } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { describeInstant } from '../shared/time.js';
import { deliveryState } from './outbox.rules.js';

/**
 * A message's text as an admin reads it: the links that answer or agree without signing in
 * act as their reader, so their keys are left out; only the mail carries them.
 */
export const shownBody = (body: string): string =>
  body.replace(/\/(answer|agree)\/[0-9]+\.[0-9a-z]+\.[A-Za-z0-9_-]+/g, '/$1/(private link)');

/** `ft outbox --json` and the API alike: one message, whole but for its private links. */
export const messageJson = (m: OutboxMessage) => ({
  id: formatId('message', m.id),
  kind: m.kind,
  to: m.recipient_email,
  subject: m.subject,
  body: shownBody(m.body),
  late: m.late === 1,
  createdAt: m.created_at,
  state: deliveryState(m),
  deliveredAt: m.delivered_at,
  /** How many times a sender took it. */
  attempts: m.attempts,
  /** Refused for now: the next try is not before then. */
  nextAttemptAt: m.next_attempt_at,
  failedAt: m.failed_at,
  /** What the mail server said the last time it refused, or why it was not sent. */
  failure: m.failure,
});

/** Where one message stands, said in full: when it went, or what the mail server said. */
export function stateLine(m: OutboxMessage, zone: string, today: string): string {
  const when = (instant: string) => describeInstant(instant, zone, today);
  switch (deliveryState(m)) {
    case 'delivered':
      return `Delivered ${when(m.delivered_at as string)}`;
    case 'failed':
      return `Not delivered (${m.failure ?? 'no reason given'}), ${when(m.failed_at as string)}`;
    case 'retrying':
      return `Refused for now (${m.failure ?? 'no reason given'}): tried again ${when(m.next_attempt_at as string)}`;
    default:
      return 'Waiting to be sent';
  }
}
