import { parseLocalInstant, parsePeriodBound } from '../dates/dates.options.js';
import { inTransaction } from '../db/database.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { localTime, nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople, resolvePerson } from '../people/people.usecases.js';
import { getPlanOrFail } from '../plans/plans.usecases.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { limits, optionalLine, quoted } from '../shared/text.js';
import { dueInstant } from '../shared/time.js';
import {
  addAttendees,
  attendeesOf,
  findSeriesByName,
  findSeriesByPair,
  getMeeting,
  insertMeeting,
  insertSeries,
  listMeetings,
  updateMeeting,
} from './meetings.repository.js';

export { type MeetingKind, meetingKinds, pairKey, WRAPUP_WITHIN_MS } from './meetings.rules.js';

import { type MeetingKind, meetingKinds, pairKey, WRAPUP_WITHIN_MS } from './meetings.rules.js';

export interface StartMeetingInput {
  kind: string;
  with: string[];
  at?: string | undefined;
  series?: string | undefined;
  /** The account or opportunity plan a review is about. */
  plan?: string | undefined;
}

export async function startMeeting(
  scope: Scope,
  input: StartMeetingInput,
): Promise<{ meeting: Meeting; series: Series | null; attendees: Person[] }> {
  const actor = requireActor(scope);
  if (!meetingKinds.includes(input.kind as MeetingKind)) {
    throw invalid(
      'invalid_kind',
      `--kind must be one of ${meetingKinds.join(', ')} (got ${quoted(input.kind)}).`,
    );
  }
  const others = (await resolvePeople(scope, input.with, { active: true })).filter((p) => p.id !== actor.id);
  if (others.length === 0)
    throw invalid('missing_attendees', 'Say who else is there: --with dana@example.com[,jo@example.com].');
  if (input.kind === 'one_on_one' && others.length !== 1) {
    throw invalid(
      'one_on_one_needs_one',
      `A 1:1 is with exactly one person; you named ${others.length}. Use another --kind for a group.`,
    );
  }
  const startsAt = input.at
    ? parseLocalInstant(input.at, { now: scope.clock.now(), zone: actor.time_zone, option: '--at' })
    : scope.clock.now();
  const plan = input.plan ? await getPlanOrFail(scope, input.plan) : null;
  return inTransaction(scope.db, async (trx) => {
    const series = await findOrCreateSeries({ ...scope, db: trx }, actor, others, input);
    const meeting = await insertMeeting(trx, {
      organization_id: scope.org.id,
      kind: input.kind,
      series_id: series?.id ?? null,
      author_id: actor.id,
      plan_id: plan?.id ?? null,
      starts_at: startsAt.toISOString(),
      created_at: nowIso(scope),
    });
    await addAttendees(trx, scope.org.id, meeting.id, [actor.id, ...others.map((p) => p.id)]);
    return { meeting, series, attendees: [actor, ...others] };
  });
}

async function findOrCreateSeries(scope: Scope, actor: Person, others: Person[], input: StartMeetingInput) {
  const [other] = others;
  if (input.kind === 'one_on_one' && other && !input.series) {
    const key = pairKey(actor.id, other.id);
    const existing = await findSeriesByPair(scope.db, scope.org.id, key);
    if (existing) return existing;
    return insertSeries(scope.db, {
      organization_id: scope.org.id,
      name: `1:1 ${actor.name} & ${other.name}`,
      kind: input.kind,
      pair_key: key,
      created_at: nowIso(scope),
    });
  }
  const name = optionalLine(input.series, 'A series name', limits.name);
  if (!name) return null;
  return (
    (await findSeriesByName(scope.db, scope.org.id, name)) ??
    insertSeries(scope.db, {
      organization_id: scope.org.id,
      name,
      kind: input.kind,
      pair_key: null,
      created_at: nowIso(scope),
    })
  );
}

export async function getMeetingOrFail(scope: Scope, ref: string): Promise<Meeting> {
  const id = parseId('meeting', ref);
  const meeting = await getMeeting(scope.db, scope.org.id, id);
  if (!meeting) throw notFound('meeting', formatId('meeting', id), 'Start one with `ft meeting start`.');
  return meeting;
}

/** Ending a meeting starts the 24 hours in which its wrap-up is due. */
export async function endMeeting(scope: Scope, ref: string): Promise<Meeting> {
  requireActor(scope);
  const meeting = await getMeetingOrFail(scope, ref);
  if (meeting.ended_at) {
    throw conflict(
      'meeting_ended',
      `${formatId('meeting', meeting.id)} ended already, ${localTime(scope, meeting.ended_at)}.`,
    );
  }
  const now = scope.clock.now();
  if (now.toISOString() < meeting.starts_at) {
    throw invalid(
      'meeting_not_started',
      `${formatId('meeting', meeting.id)} starts ${localTime(scope, meeting.starts_at)}; it cannot end before it starts.`,
    );
  }
  return updateMeeting(scope.db, meeting.id, {
    ended_at: now.toISOString(),
    ends_at: now.toISOString(),
    wrapup_due_at: new Date(now.getTime() + WRAPUP_WITHIN_MS).toISOString(),
  });
}

/** Meetings, newest first, optionally those one person was in, of one kind, or since a day. */
export async function meetingList(
  scope: Scope,
  input: { with?: string | undefined; kind?: string | undefined; since?: string | undefined; limit: string },
) {
  const limit = Number(input.limit);
  if (!/^\d+$/.test(input.limit.trim()) || limit < 1 || limit > 10_000) {
    throw invalid('invalid_number', '--limit must be a whole number from 1 to 10000.');
  }
  if (input.kind && !meetingKinds.includes(input.kind as MeetingKind)) {
    throw invalid('invalid_kind', `--kind must be one of ${meetingKinds.join(', ')}.`);
  }
  const person = input.with ? await resolvePerson(scope, input.with) : undefined;
  const zone = scope.actor?.time_zone ?? scope.org.time_zone;
  const since = input.since
    ? dueInstant(
        {
          date: parsePeriodBound(input.since, 'from', { now: scope.clock.now(), zone, option: '--since' }),
          time: '00:00',
        },
        zone,
      ).toISOString()
    : undefined;
  const meetings = await listMeetings(scope.db, scope.org.id, {
    personId: person?.id,
    kind: input.kind,
    since,
    limit,
  });
  const attendeeIds = await attendeesOf(
    scope.db,
    scope.org.id,
    meetings.map((m) => m.id),
  );
  const people = new Map(
    (await getPeople(scope.db, scope.org.id, [...attendeeIds.values()].flat())).map((p) => [p.id, p]),
  );
  return meetings.map(({ commitments, ...meeting }) => ({
    meeting: meeting as Meeting,
    commitments: Number(commitments),
    attendees: (attendeeIds.get(meeting.id) ?? [])
      .map((id) => people.get(id))
      .filter((p): p is Person => !!p),
  }));
}
