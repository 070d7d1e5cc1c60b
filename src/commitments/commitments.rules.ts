import type { CoachLabel } from '../coach/coach.classify.js';
import type { Commitment, FollowUp, Person } from '../db/schema.js';
import { conflict } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';

export const INACTIVE_AFTER_DAYS = 14;
/** How many rows a list shows unless told otherwise; it always says when there are more. */
export const LIST_LIMIT = 1000;
export const RENEGOTIATIONS_BEFORE_STALLED = 2;

export type LimboReason = 'owner' | 'due' | 'outcome';

/** What a commitment lacks to be a real next step: an owner, a date, a defined outcome. */
export function limboReasons(c: Pick<Commitment, 'owner_id' | 'due_date' | 'outcome'>): LimboReason[] {
  const reasons: LimboReason[] = [];
  if (c.owner_id === null) reasons.push('owner');
  if (c.due_date === null) reasons.push('due');
  if (!c.outcome?.trim()) reasons.push('outcome');
  return reasons;
}

export type StallReason = 'unanswered' | 'not_done' | 'renegotiated' | 'inactive';

export const stallReasonText: Record<StallReason, string> = {
  unanswered: 'overdue, follow-up unanswered',
  not_done: 'reported not done, no next step',
  renegotiated: 'due date moved twice or more',
  inactive: `no activity for ${INACTIVE_AFTER_DAYS} days`,
};

type StallFollowUp = Pick<FollowUp, 'status' | 'answer_due_at' | 'outcome' | 'next_commitment_id'>;

/**
 * Why an open commitment has stalled, if it has. `followUp` is its latest follow-up.
 * Overdue with its follow-up sent and unanswered counts once the answer window has passed.
 * (`openCounts` in the stats repository says the same in SQL: change both together.)
 */
export function stallReasons(
  c: Pick<Commitment, 'status' | 'due_at' | 'renegotiations' | 'last_activity_at'>,
  followUp: StallFollowUp | null,
  now: Date,
): StallReason[] {
  if (c.status !== 'open') return [];
  const reasons: StallReason[] = [];
  const at = now.toISOString();
  const overdue = c.due_at !== null && c.due_at < at;
  const windowPassed =
    followUp?.status === 'unanswered' ||
    (followUp?.status === 'sent' && followUp.answer_due_at !== null && followUp.answer_due_at <= at);
  if (overdue && windowPassed) reasons.push('unanswered');
  if (
    followUp?.status === 'answered' &&
    followUp.outcome === 'not_done' &&
    followUp.next_commitment_id === null
  ) {
    reasons.push('not_done');
  }
  if (c.renegotiations >= RENEGOTIATIONS_BEFORE_STALLED) reasons.push('renegotiated');
  const idleMs = now.getTime() - new Date(c.last_activity_at).getTime();
  if (idleMs >= INACTIVE_AFTER_DAYS * 86_400_000) reasons.push('inactive');
  return reasons;
}

export const isOverdue = (c: Pick<Commitment, 'status' | 'due_at'>, now: Date): boolean =>
  c.status === 'open' && c.due_at !== null && c.due_at < now.toISOString();

/** Only open commitments change; closed ones are history. */
export function assertOpen(c: Pick<Commitment, 'id' | 'status'>, action: string): void {
  if (c.status !== 'open') {
    throw conflict(
      'commitment_closed',
      `${formatId('commitment', c.id)} is already ${c.status}; only open commitments can be ${action}.`,
    );
  }
}

/**
 * A reassignment is a buy-back when a report's task goes to their manager, or to whoever
 * delegated it, or when the coach reads the reason as the new owner taking it back
 * ("Leave it with me for now").
 */
export function isBuyBack(
  from: Pick<Person, 'id' | 'manager_id'> | null,
  to: Pick<Person, 'id'>,
  delegatedById: number | null,
  reasonLabel: CoachLabel | null,
): boolean {
  if (!from || from.id === to.id) return false;
  if (from.manager_id === to.id || delegatedById === to.id) return true;
  return reasonLabel === 'buy_back';
}

/** Who answers a commitment's follow-up: the owner, or for a customer's commitment the member who made it with them. */
export function answererFor(owner: Pick<Person, 'id' | 'kind'>, madeById: number): number {
  return owner.kind === 'contact' ? madeById : owner.id;
}

/**
 * Who hears the answer: whoever delegated it; for a commitment to oneself, the owner's
 * manager when it was made in a meeting with them, otherwise the accountability partner.
 */
export function hearerFor(
  owner: Pick<Person, 'id' | 'kind' | 'manager_id' | 'partner_id'>,
  delegatedById: number | null,
  meetingAttendeeIds: number[],
): number | null {
  if (owner.kind === 'contact') return null;
  if (delegatedById !== null && delegatedById !== owner.id) return delegatedById;
  if (owner.manager_id !== null && meetingAttendeeIds.includes(owner.manager_id)) return owner.manager_id;
  return owner.partner_id;
}
