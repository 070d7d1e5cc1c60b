import type { Person } from '../db/schema.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople, listPeople, managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, maySeeStats, notAllowed } from '../policy/policy.js';
import { openNow, total, type Week, type WeekCounts, weeklyCounts, weeksEnding } from './stats.weekly.js';

/** The team page's sparkline and the insights span this many weeks. */
export const WEEKS_SHOWN = 12;
/** The team page's numbers are the last four weeks', as `ft stats` counts by default. */
export const PERIOD_WEEKS = 4;

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 1000;

/** Whose numbers a page shows: a person, a team (a manager and everyone below), or everyone. */
export interface Subject {
  kind: 'person' | 'team' | 'organization';
  person: Person | null;
  /** The members counted, the subject first. */
  members: Person[];
}

/**
 * The subject a page asks for (`person`, `team`, by name or e-mail), or by default the reader's
 * team, or themselves; an admin with nobody below them sees the organization.
 */
async function subjectOf(scope: Scope, ask: { person?: string | undefined; team?: string | undefined }) {
  const actor = requireActor(scope);
  const access = await accessOf(scope);
  const links = await managerLinks(scope.db, scope.org.id);
  const ref = ask.person || ask.team;
  const person = ref ? await resolvePerson(scope, ref, { preferMembers: true }) : actor;
  if (!maySeeStats(access, person)) {
    throw notAllowed(`You see your own numbers and those of the people below you, not ${person.name}’s.`);
  }
  const below = ask.person ? [] : reportsOf(person.id, links);
  if (!ref && below.length === 0 && access.everything) {
    const members = (await listPeople(scope.db, scope.org.id)).filter(
      (p) => p.kind === 'member' && !p.deactivated_at,
    );
    return { kind: 'organization', person: null, members } satisfies Subject;
  }
  const others = (await getPeople(scope.db, scope.org.id, below)).filter((p) => !p.deactivated_at);
  return {
    kind: below.length ? 'team' : 'person',
    person,
    members: [person, ...others.sort((a, b) => a.name.localeCompare(b.name))],
  } satisfies Subject;
}

/**
 * The subject asked for, the twelve weeks ending today in the reader's zone, their counts
 * (per person, or all together) and what is stalled and in limbo now, per owner.
 */
async function counted(
  scope: Scope,
  ask: { person?: string | undefined; team?: string | undefined },
  byPerson: boolean,
) {
  const subject = await subjectOf(scope, ask);
  const zone = scope.actor?.time_zone ?? scope.org.time_zone;
  const now = scope.clock.now();
  const weeks = weeksEnding(today(scope), zone, now, WEEKS_SHOWN);
  const who = subject.kind === 'organization' ? 'organization' : subject.members.map((p) => p.id);
  const [counts, open] = await Promise.all([
    weeklyCounts(scope.db, scope.org.id, who, weeks, byPerson),
    openNow(scope.db, scope.org.id, who, now),
  ]);
  return { subject, weeks, counts, open };
}

/** One person's row of the team page. */
export interface TeamRow {
  person: Person;
  due: number;
  doneOnTime: number;
  rate: number | null;
  followUpsSent: number;
  followUpsAnswered: number;
  answerRate: number | null;
  stalled: number;
  limbo: number;
  buyBacks: number;
  /** The follow-through rate of each of the last twelve weeks (null: nothing was due). */
  weeklyRates: (number | null)[];
}

/**
 * The team page: for each person of the reader's team (or the one asked for), the last four
 * weeks' due, done on time, rate, follow-ups answered and buy-backs, what is stalled and in
 * limbo now, and the rate of each of the last twelve weeks.
 */
export async function teamTable(scope: Scope, ask: { team?: string | undefined } = {}) {
  const { subject, weeks, counts, open } = await counted(scope, ask, true);
  const rows: TeamRow[] = subject.members.map((person) => {
    const byWeek = counts.get(person.id) ?? [];
    const period = total(byWeek.slice(-PERIOD_WEEKS));
    const current = open.get(person.id) ?? { stalled: 0, limbo: 0 };
    return {
      person,
      due: period.due,
      doneOnTime: period.doneOnTime,
      rate: ratio(period.doneOnTime, period.due),
      followUpsSent: period.followUpsSent,
      followUpsAnswered: period.followUpsAnswered,
      answerRate: ratio(period.followUpsAnswered, period.followUpsSent),
      stalled: current.stalled,
      limbo: current.limbo,
      buyBacks: period.buyBacksReassigned + period.buyBacksSaid,
      weeklyRates: weeks.map((_, i) => {
        const w = byWeek[i];
        return w ? ratio(w.doneOnTime, w.due) : null;
      }),
    };
  });
  return {
    subject,
    since: weeks[weeks.length - PERIOD_WEEKS]?.start ?? today(scope),
    weeks: weeks.map((w) => w.start),
    rows,
  };
}

/** One week of the insights. */
export interface InsightWeek {
  week: Week;
  counts: WeekCounts;
  rate: number | null;
  answerRate: number | null;
  wrapupRate: number | null;
}

/**
 * The insights: week by week over the last twelve, for a person, a team or everyone, the
 * follow-through rate, follow-ups answered, wrap-ups sent within 24 hours, and the buy-backs
 * and limbo the coach heard; with what is stalled now.
 */
export async function insights(
  scope: Scope,
  ask: { person?: string | undefined; team?: string | undefined } = {},
) {
  const { subject, weeks, counts, open } = await counted(scope, ask, false);
  const byWeek = counts.get(null) ?? [];
  const rows: InsightWeek[] = weeks.map((week, i) => {
    const c = byWeek[i] ?? total([]);
    return {
      week,
      counts: c,
      rate: ratio(c.doneOnTime, c.due),
      answerRate: ratio(c.followUpsAnswered, c.followUpsSent),
      wrapupRate: ratio(c.wrapupsOnTime, c.meetingsEnded),
    };
  });
  const stalled = [...open.values()].reduce((sum, o) => sum + o.stalled, 0);
  return { subject, weeks: rows, stalled };
}
