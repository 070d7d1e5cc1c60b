import { answererFor, hearerFor } from '../commitments/commitments.rules.js';
import type { Db } from '../db/database.js';
import type { Commitment, FollowUp, Person } from '../db/schema.js';
import { nowIso, policyOf, type Scope } from '../organizations/scope.js';
import { followUpFireAt } from './followups.policy.js';
import { followUpsOf, insertFollowUp, pendingStatuses, updateFollowUp } from './followups.repository.js';

export interface ScheduleInput {
  commitment: Commitment;
  owner: Person;
  attendeeIds: number[];
  ask: string | null;
}

/** Creates the follow-up of a commitment that has an owner and a date; none otherwise. */
export async function scheduleFollowUp(db: Db, scope: Scope, input: ScheduleInput): Promise<FollowUp | null> {
  const { commitment: c, owner } = input;
  if (c.due_date === null || c.status !== 'open') return null;
  const fireAt = followUpFireAt({ date: c.due_date, time: c.due_time }, owner.time_zone, policyOf(scope.org));
  return insertFollowUp(db, {
    organization_id: scope.org.id,
    commitment_id: c.id,
    status: 'scheduled',
    fire_at: fireAt.toISOString(),
    answerer_id: answererFor(owner, c.delegated_by_id ?? c.created_by_id),
    hearer_id: hearerFor(owner, c.delegated_by_id, input.attendeeIds),
    ask: input.ask,
    created_at: nowIso(scope),
  });
}

/**
 * After the due date or the owner changed: pending follow-ups are cancelled (one already
 * sent keeps its sent time in the record) and a new one is scheduled, keeping the unsent ask.
 */
export async function rescheduleFollowUp(
  db: Db,
  scope: Scope,
  input: ScheduleInput,
): Promise<FollowUp | null> {
  const cancelled = await cancelPendingFollowUps(db, scope, input.commitment.id);
  const unsentAsk = cancelled.find((f) => f.sent_at === null)?.ask ?? null;
  return scheduleFollowUp(db, scope, { ...input, ask: input.ask ?? unsentAsk });
}

/** A dropped or closed commitment asks nobody anything any more. */
export async function cancelPendingFollowUps(
  db: Db,
  scope: Scope,
  commitmentId: number,
): Promise<FollowUp[]> {
  const pending = (await followUpsOf(db, scope.org.id, [commitmentId])).filter((f) =>
    pendingStatuses.includes(f.status),
  );
  return Promise.all(pending.map((f) => updateFollowUp(db, f.id, { status: 'cancelled' })));
}
