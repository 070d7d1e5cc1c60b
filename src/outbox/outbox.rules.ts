/** What the outbox holds: the kinds of message Followthrough writes. */
export const messageKinds = [
  'follow_up',
  'answer',
  'wrapup',
  'unanswered',
  'due_today',
  'away',
  'invitation',
  'mail_reply',
  'agreement',
  'digest',
  'answer_reply',
  'coach',
] as const;

/** Where a message stands: written and waiting, refused for now, delivered, or failed for good. */
export const deliveryStates = ['waiting', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export function deliveryState(m: {
  delivered_at: string | null;
  failed_at: string | null;
  next_attempt_at: string | null;
}): DeliveryState {
  if (m.delivered_at !== null) return 'delivered';
  if (m.failed_at !== null) return 'failed';
  return m.next_attempt_at !== null ? 'retrying' : 'waiting';
}
