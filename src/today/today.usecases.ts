import { type SqlBool, sql } from 'kysely';
import { countCommitments, findCommitments, getCommitments } from '../commitments/commitments.repository.js';
import { type CommitmentView, loadViews } from '../commitments/commitments.views.js';
import type { Commitment, FollowUp, Meeting, Person } from '../db/schema.js';
import { answersHeardBy, listFollowUps } from '../followups/followups.repository.js';
import { attendeesOf, wrapupsOwedBy } from '../meetings/meetings.repository.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { plusDays } from '../shared/days.js';
import { dueInstant } from '../shared/time.js';
import { type Flagged, flaggedByOwner, type TeamFlag } from './today.repository.js';

export const COMING_UP_DAYS = 7;
export const ANSWERS_SHOWN_DAYS = 7;

/** The most a section of the day lists; it says how many more there are and where to see them. */
export const DAY_SHOWN = 50;

export interface Day {
  person: Person;
  date: string;
  overdue: CommitmentView[];
  dueToday: CommitmentView[];
  comingUp: CommitmentView[];
  toAnswer: { followUp: FollowUp; commitment: Commitment }[];
  answers: { followUp: FollowUp; commitment: Commitment; answerer: Person | null }[];
  /** The meetings whose wrap-up the person owes, each with whom it was (the others there). */
  wrapupsOwed: (Meeting & { with: string[] })[];
  /** How many there are in all, where a section shows the first DAY_SHOWN. */
  totals: { overdue: number; upcoming: number; toAnswer: number; answers: number };
  /** For a manager: each direct report's open work that needs them. */
  team: { person: Person; flags: Record<TeamFlag, Flagged> }[];
}

/** The wrap-ups a person owes, each with the names of the others who were there. */
async function owedWith(scope: Scope, me: Person): Promise<Day['wrapupsOwed']> {
  const owed = await wrapupsOwedBy(scope.db, scope.org.id, me.id);
  const attendees = await attendeesOf(
    scope.db,
    scope.org.id,
    owed.map((m) => m.id),
  );
  const people = new Map(
    (await getPeople(scope.db, scope.org.id, [...new Set([...attendees.values()].flat())])).map((p) => [
      p.id,
      p,
    ]),
  );
  return owed.map((m) => ({
    ...m,
    with: (attendees.get(m.id) ?? [])
      .filter((id) => id !== me.id)
      .map((id) => people.get(id)?.name)
      .filter((name): name is string => name !== undefined),
  }));
}

/** The acting person's day: what is due or overdue, what waits for their answer, what was answered to them, what they owe. */
export async function myDay(scope: Scope): Promise<Day> {
  const me = requireActor(scope);
  const date = today(scope);
  const now = scope.clock.now().toISOString();
  const endOfToday = dueInstant({ date, time: null }, me.time_zone).toISOString();
  const horizon = dueInstant(
    { date: plusDays(date, COMING_UP_DAYS), time: null },
    me.time_zone,
  ).toISOString();
  const mine = { ownerIds: [me.id], statuses: ['open' as const] };
  const upcoming = { ...mine, dueBefore: horizon, conditions: [sql<SqlBool>`c.due_at >= ${now}`] };
  const [overdueRows, overdueTotal, upcomingRows, upcomingTotal] = await Promise.all([
    findCommitments(scope.db, scope.org.id, { ...mine, dueBefore: now, limit: DAY_SHOWN }),
    countCommitments(scope.db, scope.org.id, { ...mine, dueBefore: now }),
    findCommitments(scope.db, scope.org.id, { ...upcoming, limit: DAY_SHOWN }),
    countCommitments(scope.db, scope.org.id, upcoming),
  ]);
  const [overdue, soon] = await Promise.all([loadViews(scope, overdueRows), loadViews(scope, upcomingRows)]);
  const waiting = await listFollowUps(scope.db, scope.org.id, {
    statuses: ['sent', 'unanswered'],
    answererId: me.id,
  });
  const since = new Date(scope.clock.now().getTime() - ANSWERS_SHOWN_DAYS * 86_400_000).toISOString();
  const heard = await answersHeardBy(scope.db, scope.org.id, me.id, since, DAY_SHOWN);
  const shownWaiting = waiting.slice(0, DAY_SHOWN);
  const commitments = new Map(
    (
      await getCommitments(
        scope.db,
        scope.org.id,
        [...shownWaiting, ...heard.rows].map((f) => f.commitment_id),
      )
    ).map((c) => [c.id, c]),
  );
  const answerers = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        heard.rows.map((f) => f.answerer_id),
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
    overdue,
    dueToday: soon.filter((v) => (v.commitment.due_at ?? '') <= endOfToday),
    comingUp: soon.filter((v) => (v.commitment.due_at ?? '') > endOfToday),
    toAnswer: shownWaiting.flatMap(withCommitment),
    answers: heard.rows
      .flatMap(withCommitment)
      .map((a) => ({ ...a, answerer: answerers.get(a.followUp.answerer_id) ?? null })),
    wrapupsOwed: await owedWith(scope, me),
    totals: {
      overdue: overdueTotal,
      upcoming: upcomingTotal,
      toAnswer: waiting.length,
      answers: heard.total,
    },
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
