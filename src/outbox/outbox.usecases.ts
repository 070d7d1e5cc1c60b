import type { OutboxMessage } from '../db/schema.js';
import type { Scope } from '../organizations/scope.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, requireAdmin } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';
import { quoted } from '../shared/text.js';
import { listOutbox } from './outbox.repository.js';
import { type DeliveryState, deliveryStates, messageKinds } from './outbox.rules.js';

export interface OutboxQuery {
  /** Only those to one person (e-mail or name). */
  to?: string | undefined;
  kind?: string | undefined;
  /** Only those in one state of delivery. */
  state?: string | undefined;
  /** How many, newest last: a whole number as typed. */
  last?: string | undefined;
}

/** How many messages are shown when nobody says. */
export const OUTBOX_LAST = 50;

/**
 * The messages written for delivery, newest last. Only an admin reads them: they carry
 * everyone's follow-ups and the links of invitations.
 */
export async function listMessages(scope: Scope, query: OutboxQuery): Promise<OutboxMessage[]> {
  requireAdmin(await accessOf(scope), 'read the outbox');
  const text = query.last ?? String(OUTBOX_LAST);
  const last = Number(text);
  // A safe integer: 1e20 is "whole" to JavaScript, but no database takes it as a LIMIT.
  if (!Number.isSafeInteger(last) || last < 1) {
    throw invalid(
      'invalid_number',
      `--last must be a whole number of messages, like 20 (got ${quoted(text)}).`,
    );
  }
  if (query.kind !== undefined && !(messageKinds as readonly string[]).includes(query.kind)) {
    throw invalid(
      'invalid_kind',
      `--kind must be one of ${messageKinds.join(', ')} (got ${quoted(query.kind)}).`,
    );
  }
  if (query.state !== undefined && !(deliveryStates as readonly string[]).includes(query.state)) {
    throw invalid(
      'invalid_state',
      `--state must be one of ${deliveryStates.join(', ')} (got ${quoted(query.state)}).`,
    );
  }
  const recipient = query.to ? await resolvePerson(scope, query.to) : undefined;
  return listOutbox(scope.db, scope.org.id, {
    recipientId: recipient?.id,
    kind: query.kind,
    state: query.state as DeliveryState | undefined,
    limit: last,
  });
}
