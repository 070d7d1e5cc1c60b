/** What the outbox holds: the kinds of message Followthrough writes. */
export const messageKinds = [
  'follow_up',
  'answer',
  'wrapup',
  'unanswered',
  'due_today',
  'away',
  'invitation',
] as const;
