import { flagsInPeriod } from '../coach/coach.usecases.js';
import { findCommitments } from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import type { Db } from '../db/database.js';
import type { Person } from '../db/schema.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople, managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { resolvePerson } from '../people/people.usecases.js';
import { parseCalendarDate } from '../shared/dates.js';
import { invalid } from '../shared/errors.js';
import { addDays, dueInstant } from '../shared/time.js';
import { computeStats, type Stats } from './stats.compute.js';

export const DEFAULT_PERIOD_DAYS = 28;

export interface StatsQuery {
  person?: string | undefined;
  team?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface StatsResult {
  scope: { kind: 'person' | 'team'; person: Person; members: Person[] };
  since: string;
  until: string;
  stats: Stats;
}

/**
 * Stats for a person, or for a team (a manager and everyone below), over a period of dates
 * in the asking person's zone, up to now. Without either, the acting person's team when they manage
 * someone, otherwise themselves; without dates, the last four weeks.
 */
export async function statsFor(scope: Scope, query: StatsQuery): Promise<StatsResult> {
  if (query.person && query.team) throw invalid('person_or_team', 'Ask for --person or --team, not both.');
  const links = await managerLinks(scope.db, scope.org.id);
  const subject =
    query.person || query.team
      ? await resolvePerson(scope, (query.person ?? query.team) as string)
      : requireActor(scope);
  const below = query.person ? [] : reportsOf(subject.id, links);
  const kind = query.person || below.length === 0 ? 'person' : 'team';
  const ids = kind === 'team' ? [subject.id, ...below] : [subject.id];
  const until = query.until ? parseCalendarDate(query.until, '--until') : today(scope);
  const since = query.since
    ? parseCalendarDate(query.since, '--since')
    : addDays(until, -(DEFAULT_PERIOD_DAYS - 1));
  if (since > until) throw invalid('since_after_until', `--since ${since} is after --until ${until}.`);
  const zone = scope.actor?.time_zone ?? scope.org.time_zone;
  const from = dueInstant({ date: since, time: '00:00' }, zone).toISOString();
  const now = scope.clock.now();
  // A commitment counts as due once its time has passed: one due tonight is not yet late at noon.
  const endOfPeriod = dueInstant({ date: until, time: null }, zone).toISOString();
  const to = endOfPeriod < now.toISOString() ? endOfPeriod : now.toISOString();

  const [due, sent, meetings, events, open, coached] = await Promise.all([
    dueInPeriod(scope.db, scope.org.id, ids, from, to),
    sentInPeriod(scope.db, scope.org.id, ids, from, to),
    meetingsInPeriod(scope.db, scope.org.id, ids, from, to),
    eventsInPeriod(scope.db, scope.org.id, ids, from, to),
    findCommitments(scope.db, scope.org.id, { ownerIds: ids, statuses: ['open'], limit: 100_000 }),
    flagsInPeriod(scope.db, scope.org.id, ids, from, to),
  ]);
  const openViews = await loadViews(scope, open);
  const stats = computeStats({
    due,
    sent,
    meetings,
    renegotiations: events.filter((e) => e.kind === 'renegotiated').length,
    buyBacks: events.filter((e) => e.kind === 'buy_back').length,
    buyBacksSaid: coached.buyBacks,
    limboSaid: coached.limbo,
    stalled: openViews.filter((v) => v.stalled.length > 0).length,
    limbo: openViews.filter((v) => v.limbo.length > 0).length,
    now: now.toISOString(),
  });
  const members = await getPeople(scope.db, scope.org.id, ids);
  return { scope: { kind, person: subject, members }, since, until, stats };
}

function dueInPeriod(db: Db, orgId: number, ownerIds: number[], from: string, to: string) {
  return db
    .selectFrom('commitments')
    .select(['status', 'due_at', 'closed_at'])
    .where('organization_id', '=', orgId)
    .where('owner_id', 'in', ownerIds)
    .where('due_at', '>=', from)
    .where('due_at', '<=', to)
    .where('status', '!=', 'dropped')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, due_at: r.due_at as string })));
}

function sentInPeriod(db: Db, orgId: number, answererIds: number[], from: string, to: string) {
  return db
    .selectFrom('follow_ups')
    .select(['status', 'answered_at'])
    .where('organization_id', '=', orgId)
    .where('answerer_id', 'in', answererIds)
    .where('sent_at', '>=', from)
    .where('sent_at', '<=', to)
    .execute();
}

function meetingsInPeriod(db: Db, orgId: number, authorIds: number[], from: string, to: string) {
  return db
    .selectFrom('meetings')
    .select(['wrapup_due_at', 'wrapup_sent_at'])
    .where('organization_id', '=', orgId)
    .where('author_id', 'in', authorIds)
    .where('ended_at', '>=', from)
    .where('ended_at', '<=', to)
    .execute();
}

/** Renegotiations of the scope's commitments, and buy-backs onto them, in the period. */
function eventsInPeriod(db: Db, orgId: number, ownerIds: number[], from: string, to: string) {
  return db
    .selectFrom('commitment_events')
    .innerJoin('commitments', 'commitments.id', 'commitment_events.commitment_id')
    .select('commitment_events.kind')
    .where('commitment_events.organization_id', '=', orgId)
    .where('commitment_events.kind', 'in', ['renegotiated', 'buy_back'])
    .where('commitment_events.at', '>=', from)
    .where('commitment_events.at', '<=', to)
    .where('commitments.owner_id', 'in', ownerIds)
    .execute();
}
