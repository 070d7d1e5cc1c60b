import {
  commitmentIdsOfMeetings,
  findCommitments,
  getCommitments,
} from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import type { Db } from '../db/database.js';
import type { FollowUp, Meeting, Series } from '../db/schema.js';
import {
  attendeesOf,
  findSeriesByPair,
  getSeries,
  meetingsOfSeries,
} from '../meetings/meetings.repository.js';
import { pairKey } from '../meetings/meetings.usecases.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { openPlansOf } from '../plans/plans.repository.js';
import { invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { type Agenda, buildAgenda } from './agendas.build.js';

const AGENDA_LIMIT = 500;
/** A series' first meeting shows the answers of the two weeks before it. */
export const FIRST_MEETING_LOOKBACK_DAYS = 14;

const lookbackFrom = (instant: string): string =>
  new Date(Date.parse(instant) - FIRST_MEETING_LOOKBACK_DAYS * 86_400_000).toISOString();

export interface AgendaResult {
  series: Series;
  previous: Meeting | null;
  agenda: Agenda;
}

/** The series named by id, or the acting person's 1:1 series with someone. */
export async function findSeries(scope: Scope, ref: { series?: string; with?: string }): Promise<Series> {
  if (ref.series) {
    const id = parseId('series', ref.series);
    const series = await getSeries(scope.db, scope.org.id, id);
    if (!series)
      throw notFound(
        'series',
        formatId('series', id),
        'Meetings list their series; see `ft meeting start --help`.',
      );
    return series;
  }
  if (!ref.with)
    throw invalid('missing_series', 'Say which agenda: --series ID, or --with EMAIL for your 1:1 with them.');
  const actor = requireActor(scope);
  const other = await resolvePerson(scope, ref.with);
  const series = await findSeriesByPair(scope.db, scope.org.id, pairKey(actor.id, other.id));
  if (!series) {
    throw notFound(
      'series',
      `with ${other.name}`,
      `Start your first 1:1: ft meeting start --kind one_on_one --with ${other.email}`,
    );
  }
  return series;
}

/**
 * The agenda for the next meeting of a series, or for `current` when it has just started:
 * built from the meetings before it.
 */
export async function agendaFor(
  scope: Scope,
  series: Series,
  current: Meeting | null = null,
): Promise<AgendaResult> {
  const meetings = (await meetingsOfSeries(scope.db, scope.org.id, series.id)).filter(
    (m) => m.id !== current?.id && (!current || m.starts_at <= current.starts_at),
  );
  const earlierIds = meetings.map((m) => m.id);
  const previous = meetings.at(-1) ?? null;
  const attendeeIds = [
    ...new Set(
      [
        ...(
          await attendeesOf(scope.db, scope.org.id, [...earlierIds, ...(current ? [current.id] : [])])
        ).values(),
      ].flat(),
    ),
  ];
  const counterparts = attendeeIds.filter((id) => id !== (current?.author_id ?? scope.actor?.id));

  const pending = await findCommitments(scope.db, scope.org.id, {
    meetingIds: earlierIds,
    statuses: ['open'],
    limit: AGENDA_LIMIT,
  });
  const since = previous?.starts_at ?? lookbackFrom(current?.starts_at ?? scope.clock.now().toISOString());
  const answered = await answeredSince(scope.db, scope.org.id, since, earlierIds, attendeeIds);
  const answeredCommitments = new Map(
    (
      await getCommitments(
        scope.db,
        scope.org.id,
        answered.flatMap((f) => [f.commitment_id, f.next_commitment_id ?? f.commitment_id]),
      )
    ).map((c) => [c.id, c]),
  );
  const answerers = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        answered.map((f) => f.answerer_id),
      )
    ).map((p) => [p.id, p]),
  );
  const plans = await openPlansOf(scope.db, scope.org.id, counterparts);
  const planItems = await findCommitments(scope.db, scope.org.id, {
    planIds: plans.map((p) => p.id),
    statuses: ['open'],
    limit: AGENDA_LIMIT,
  });

  const agenda = buildAgenda({
    pending: await loadViews(scope, pending),
    answered: answered.flatMap((f) => {
      const commitment = answeredCommitments.get(f.commitment_id);
      if (!commitment) return [];
      const next = f.next_commitment_id ? (answeredCommitments.get(f.next_commitment_id) ?? null) : null;
      return [{ followUp: f, commitment, answerer: answerers.get(f.answerer_id) ?? null, next }];
    }),
    planItems: await loadViews(scope, planItems),
    today: today(scope),
  });
  return { series, previous, agenda };
}

/**
 * Follow-ups answered since a time, on the series' commitments or between two of its
 * attendees: two index-backed queries, merged.
 */
async function answeredSince(
  db: Db,
  orgId: number,
  since: string,
  meetingIds: number[],
  attendeeIds: number[],
): Promise<FollowUp[]> {
  const [fromSeries, betweenAttendees] = await Promise.all([
    commitmentIdsOfMeetings(db, orgId, meetingIds).then((ids) =>
      ids.length === 0
        ? []
        : db
            .selectFrom('follow_ups')
            .selectAll()
            .where('organization_id', '=', orgId)
            .where('commitment_id', 'in', ids)
            .where('status', '=', 'answered')
            .where('answered_at', '>=', since)
            .limit(AGENDA_LIMIT)
            .execute(),
    ),
    attendeeIds.length === 0
      ? []
      : db
          .selectFrom('follow_ups')
          .selectAll()
          .where('organization_id', '=', orgId)
          .where('hearer_id', 'in', attendeeIds)
          .where('answered_at', '>=', since)
          .where('answerer_id', 'in', attendeeIds)
          .limit(AGENDA_LIMIT)
          .execute(),
  ]);
  const unique = new Map([...fromSeries, ...betweenAttendees].map((f) => [f.id, f]));
  return [...unique.values()]
    .sort((a, b) => (a.answered_at ?? '').localeCompare(b.answered_at ?? '') || a.id - b.id)
    .slice(0, AGENDA_LIMIT);
}
