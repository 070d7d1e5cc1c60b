import { loadCalendar, loadCalendars } from '../calendar/calendar.load.js';
import { answererFor, hearerFor } from '../commitments/commitments.rules.js';
import type { Db } from '../db/database.js';
import type { Commitment, FollowUp, Person } from '../db/schema.js';
import { nowIso, policyOf, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { answerDueAt, followUpTimes } from './followups.policy.js';
import { followUpsOf, insertFollowUp, pendingStatuses, updateFollowUp } from './followups.repository.js';

export interface ScheduleInput {
  commitment: Commitment;
  owner: Person;
  attendeeIds: number[];
  ask: string | null;
}

/**
 * Creates the follow-up of a commitment that has an owner and a date; none otherwise. It
 * fires in the zone, and on the working days, of whoever answers it.
 */
export async function scheduleFollowUp(db: Db, scope: Scope, input: ScheduleInput): Promise<FollowUp | null> {
  const { commitment: c, owner } = input;
  if (c.due_date === null || c.due_at === null || c.status !== 'open') return null;
  const answererId = answererFor(owner, c.delegated_by_id ?? c.created_by_id);
  const [answerer] = answererId === owner.id ? [owner] : await getPeople(db, scope.org.id, [answererId]);
  if (!answerer) return null;
  const now = scope.clock.now();
  const calendar = await loadCalendar(db, scope.org.id, answerer.id, now);
  const times = followUpTimes(
    { date: c.due_date, time: c.due_time },
    c.due_at,
    answerer.time_zone,
    policyOf(scope.org),
    calendar,
    now,
  );
  return insertFollowUp(db, {
    organization_id: scope.org.id,
    commitment_id: c.id,
    status: 'scheduled',
    fire_at: times.fireAt,
    remind_at: times.remindAt,
    answerer_id: answerer.id,
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
  return Promise.all(pending.map((f) => updateFollowUp(db, f.id, { status: 'cancelled', remind_at: null })));
}

export interface MovedFollowUp {
  followUp: FollowUp;
  /** The fire time (scheduled) or the answer deadline (sent) before and after. */
  from: string;
  to: string;
}

const RECOMPUTE_BATCH = 1000;

/**
 * Working days changed (a holiday, someone's time away): pending follow-ups of these
 * answerers (or of everyone) move to the new working days. Scheduled ones get a new fire
 * time and reminder, sent ones a new answer deadline. Returns those that moved.
 */
export async function recomputeSchedules(
  db: Db,
  scope: Scope,
  answererIds: number[] | 'everyone',
): Promise<MovedFollowUp[]> {
  const moved: MovedFollowUp[] = [];
  const now = scope.clock.now();
  const policy = policyOf(scope.org);
  for (let after = 0; ; ) {
    let query = db
      .selectFrom('follow_ups')
      .selectAll()
      .where('organization_id', '=', scope.org.id)
      .where('status', 'in', ['scheduled', 'sent'])
      .where('id', '>', after);
    if (answererIds !== 'everyone') {
      if (answererIds.length === 0) break;
      query = query.where('answerer_id', 'in', answererIds);
    }
    const batch = await query.orderBy('id').limit(RECOMPUTE_BATCH).execute();
    if (batch.length === 0) break;
    after = (batch.at(-1) as FollowUp).id;
    const ids = [...new Set(batch.map((f) => f.answerer_id))];
    const [people, calendars, commitments] = await Promise.all([
      getPeople(db, scope.org.id, ids),
      loadCalendars(db, scope.org.id, ids, now),
      db
        .selectFrom('commitments')
        .select(['id', 'due_date', 'due_time', 'due_at'])
        .where('organization_id', '=', scope.org.id)
        .where(
          'id',
          'in',
          batch.map((f) => f.commitment_id),
        )
        .execute(),
    ]);
    const zones = new Map(people.map((p) => [p.id, p.time_zone]));
    const dues = new Map(commitments.map((c) => [c.id, c]));
    for (const f of batch) {
      const zone = zones.get(f.answerer_id);
      const calendar = calendars.get(f.answerer_id);
      const c = dues.get(f.commitment_id);
      if (!zone || !calendar || !c) continue;
      if (f.status === 'sent' && f.sent_at) {
        const to = answerDueAt(new Date(f.sent_at), zone, policy, calendar).toISOString();
        if (to !== f.answer_due_at) {
          moved.push({ followUp: f, from: f.answer_due_at ?? '', to });
          await updateFollowUp(db, f.id, { answer_due_at: to });
        }
        continue;
      }
      if (!c.due_date || !c.due_at) continue;
      const times = followUpTimes(
        { date: c.due_date, time: c.due_time },
        c.due_at,
        zone,
        policy,
        calendar,
        now,
      );
      if (times.fireAt !== f.fire_at || times.remindAt !== f.remind_at) {
        if (times.fireAt !== f.fire_at) moved.push({ followUp: f, from: f.fire_at, to: times.fireAt });
        await updateFollowUp(db, f.id, { fire_at: times.fireAt, remind_at: times.remindAt });
      }
    }
    if (batch.length < RECOMPUTE_BATCH) break;
  }
  return moved;
}
