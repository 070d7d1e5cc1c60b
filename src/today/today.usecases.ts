import { findCommitments, getCommitments } from '../commitments/commitments.repository.js';
import { type CommitmentView, loadViews } from '../commitments/commitments.views.js';
import type { Commitment, FollowUp, Meeting, Person } from '../db/schema.js';
import { answersHeardBy, listFollowUps } from '../followups/followups.repository.js';
import { wrapupsOwedBy } from '../meetings/meetings.repository.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { plusDays } from '../shared/days.js';
import { dueInstant } from '../shared/time.js';
import { type Flagged, flaggedByOwner, type TeamFlag } from './today.repository.js';

export const COMING_UP_DAYS = 7;
export const ANSWERS_SHOWN_DAYS = 7;

export interface Day {
  person: Person;
  date: string;
  overdue: CommitmentView[];
  dueToday: CommitmentView[];
  comingUp: CommitmentView[];
  toAnswer: { followUp: FollowUp; commitment: Commitment }[];
  answers: { followUp: FollowUp; commitment: Commitment; answerer: Person | null }[];
  wrapupsOwed: Meeting[];
  /** For a manager: each direct report's open work that needs them. */
  team: { person: Person; flags: Record<TeamFlag, Flagged> }[];
}

/** The acting person's day: what is due or overdue, what waits for their answer, what was answered to them, what they owe. */
export async function myDay(scope: Scope): Promise<Day> {
  const me = requireActor(scope);
  const date = today(scope);
  const endOfToday = dueInstant({ date, time: null }, me.time_zone).toISOString();
  const horizon = dueInstant(
    { date: plusDays(date, COMING_UP_DAYS), time: null },
    me.time_zone,
  ).toISOString();
  const open = await loadViews(
    scope,
    await findCommitments(scope.db, scope.org.id, {
      ownerIds: [me.id],
      statuses: ['open'],
      dueBefore: horizon,
      limit: 500,
    }),
  );
  const waiting = await listFollowUps(scope.db, scope.org.id, {
    statuses: ['sent', 'unanswered'],
    answererId: me.id,
  });
  const since = new Date(scope.clock.now().getTime() - ANSWERS_SHOWN_DAYS * 86_400_000).toISOString();
  const heard = await answersHeardBy(scope.db, scope.org.id, me.id, since);
  const commitments = new Map(
    (
      await getCommitments(
        scope.db,
        scope.org.id,
        [...waiting, ...heard].map((f) => f.commitment_id),
      )
    ).map((c) => [c.id, c]),
  );
  const answerers = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        heard.map((f) => f.answerer_id),
      )
    ).map((p) => [p.id, p]),
  );
  const withCommitment = <T extends FollowUp>(f: T) => {
    const commitment = commitments.get(f.commitment_id);
    return commitment ? [{ followUp: f, commitment }] : [];
  };
  return {
    person: me,
    date,
    overdue: open.filter((v) => v.overdue),
    dueToday: open.filter((v) => !v.overdue && (v.commitment.due_at ?? '') <= endOfToday),
    comingUp: open.filter((v) => (v.commitment.due_at ?? '') > endOfToday),
    toAnswer: waiting.flatMap(withCommitment),
    answers: heard
      .flatMap(withCommitment)
      .map((a) => ({ ...a, answerer: answerers.get(a.followUp.answerer_id) ?? null })),
    wrapupsOwed: await wrapupsOwedBy(scope.db, scope.org.id, me.id),
    team: await teamOf(scope, me),
  };
}

/** A manager's direct reports, each with what is overdue, stalled, unanswered or in limbo. */
async function teamOf(scope: Scope, me: Person): Promise<Day['team']> {
  const reports = await scope.db
    .selectFrom('people')
    .selectAll()
    .where('organization_id', '=', scope.org.id)
    .where('manager_id', '=', me.id)
    .where('deactivated_at', 'is', null)
    .orderBy('name')
    .execute();
  const flags = await flaggedByOwner(
    scope.db,
    scope.org.id,
    reports.map((p) => p.id),
    scope.clock.now(),
  );
  return reports.map((person) => ({ person, flags: flags.get(person.id) as Record<TeamFlag, Flagged> }));
}
