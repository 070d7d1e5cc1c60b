import type { Person } from '../db/schema.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople, managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, maySeeStats, notAllowed } from '../policy/policy.js';
import { plusDays } from '../shared/days.js';
import { invalid } from '../shared/errors.js';
import { dueInstant } from '../shared/time.js';
import { computeStats, type Stats } from './stats.compute.js';
import {
  agreementCounts,
  coachCounts,
  daysLate,
  dueCounts,
  eventCounts,
  followUpCounts,
  openCounts,
  type Who,
  wrapupCounts,
} from './stats.repository.js';

export const DEFAULT_PERIOD_DAYS = 28;

export interface StatsQuery {
  person?: string | undefined;
  team?: string | undefined;
  org?: boolean | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface StatsResult {
  scope:
    | { kind: 'person' | 'team'; person: Person; members: Person[]; size: number }
    | { kind: 'organization'; person: null; members: Person[]; size: number };
  since: string;
  until: string;
  stats: Stats;
}

/** At most this many members are listed with a team's stats; the numbers count everyone. */
const MEMBERS_LISTED = 100;

/**
 * Stats for a person, a team (a manager and everyone below), or the whole organization, over
 * a period of dates in the asking person's zone, up to now. Without any, the acting person's
 * team when they manage someone, otherwise themselves; without dates, the last four weeks.
 */
export async function statsFor(scope: Scope, query: StatsQuery): Promise<StatsResult> {
  if ([query.person, query.team, query.org].filter(Boolean).length > 1) {
    throw invalid('person_or_team', 'Ask for one of --person, --team or --org.');
  }
  let who: Who = 'organization';
  let subject: Person | null = null;
  let kind: 'person' | 'team' | 'organization' = 'organization';
  const access = await accessOf(scope);
  if (query.org && !maySeeStats(access, 'organization')) {
    throw notAllowed('Only an admin sees the whole organization’s stats; ask for your own or your team’s.');
  }
  if (!query.org) {
    subject =
      query.person || query.team
        ? await resolvePerson(scope, (query.person ?? query.team) as string, { preferMembers: true })
        : requireActor(scope);
    if (!maySeeStats(access, subject)) {
      throw notAllowed(`You see your own stats and those of the people below you, not ${subject.name}’s.`);
    }
    const below = query.person ? [] : reportsOf(subject.id, await managerLinks(scope.db, scope.org.id));
    kind = query.person || below.length === 0 ? 'person' : 'team';
    who = kind === 'team' ? [subject.id, ...below] : [subject.id];
  }
  const zone = scope.actor?.time_zone ?? scope.org.time_zone;
  const dates = { now: scope.clock.now(), zone };
  // The date reader loads only when a period is given in words or dates.
  const { parsePeriodBound } =
    query.since || query.until ? await import('../dates/dates.options.js') : { parsePeriodBound: null };
  const until =
    query.until && parsePeriodBound
      ? parsePeriodBound(query.until, 'until', { ...dates, option: '--until' })
      : today(scope);
  const since =
    query.since && parsePeriodBound
      ? parsePeriodBound(query.since, 'from', { ...dates, option: '--since' })
      : plusDays(until, -(DEFAULT_PERIOD_DAYS - 1));
  if (since > until) throw invalid('since_after_until', `--since ${since} is after --until ${until}.`);
  const now = scope.clock.now();
  // A commitment counts as due once its time has passed: one due tonight is not yet late at noon.
  const endOfPeriod = dueInstant({ date: until, time: null }, zone).toISOString();
  const period = {
    from: dueInstant({ date: since, time: '00:00' }, zone).toISOString(),
    to: endOfPeriod < now.toISOString() ? endOfPeriod : now.toISOString(),
  };
  const { db } = scope;
  const org = scope.org.id;
  const [due, late, followUps, wrapups, events, coached, open, agreement] = await Promise.all([
    dueCounts(db, org, who, period, now.toISOString()),
    daysLate(db, org, who, period),
    followUpCounts(db, org, who, period),
    wrapupCounts(db, org, who, period),
    eventCounts(db, org, who, period),
    coachCounts(db, org, who, period),
    openCounts(db, org, who, now),
    agreementCounts(db, org, who, period),
  ]);
  const stats = computeStats({
    ...due,
    daysLate: late,
    followUpsSent: followUps.sent,
    followUpsAnswered: followUps.answered,
    meetingsEnded: wrapups.ended,
    wrapupsOnTime: wrapups.onTime,
    wrapupsLate: wrapups.late,
    renegotiations: events.renegotiations,
    buyBacksReassigned: events.buyBacks,
    buyBacksSaid: coached.buyBacks,
    limboSaid: coached.limbo,
    stalled: open.stalled,
    limbo: open.limbo,
    ...agreement,
  });
  const size = who === 'organization' ? await countPeople(scope) : who.length;
  const members = who === 'organization' ? [] : await getPeople(db, org, who.slice(0, MEMBERS_LISTED));
  return {
    scope:
      subject && kind !== 'organization'
        ? { kind, person: subject, members, size }
        : { kind: 'organization', person: null, members, size },
    since,
    until,
    stats,
  };
}

async function countPeople(scope: Scope): Promise<number> {
  const row = await scope.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', scope.org.id)
    .where('kind', '=', 'member')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
