import { parseLocalInstant, parsePeriodBound } from '../dates/dates.options.js';
import { inTransaction } from '../db/database.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { localTime, nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople, resolvePerson } from '../people/people.usecases.js';
import { getPlanOrFail } from '../plans/plans.usecases.js';
import {
  accessOf,
  mayStartMeetingWith,
  meetingFor,
  meetingsSeenSql,
  notAllowed,
  planFor,
  seriesSeenSql,
} from '../policy/policy.js';
import { conflict, invalid } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { limits, optionalLine, quoted } from '../shared/text.js';
import { dueInstant } from '../shared/time.js';
import {
  addAttendees,
  attendeesOf,
  countMeetings,
  findSeriesByName,
  findSeriesByPair,
  insertMeeting,
  insertSeries,
  listMeetings,
  listSeries,
  type MeetingCursor,
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
  if (!mayStartMeetingWith(await accessOf(scope), others)) {
    throw notAllowed(
      'You may start meetings with the people below you and customer contacts; a 1:1 is run by the manager.',
    );
  }
  const startsAt = input.at
    ? parseLocalInstant(input.at, { now: scope.clock.now(), zone: actor.time_zone, option: '--at' })
    : scope.clock.now();
  const plan = input.plan ? await planSeen(scope, input.plan) : null;
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

/** A plan a meeting or its notes name: for a signed-in member, one they may see. */
export const planSeen = (scope: Scope, ref: string) =>
  scope.bySession ? planFor(scope, ref) : getPlanOrFail(scope, ref);

/** The meeting a reference names, when the scope may see it (src/policy/policy.ts). */
export function getMeetingOrFail(scope: Scope, ref: string): Promise<Meeting> {
  return meetingFor(scope, ref, 'read');
}

/** Ending a meeting starts the 24 hours in which its wrap-up is due. */
export async function endMeeting(scope: Scope, ref: string): Promise<Meeting> {
  requireActor(scope);
  const meeting = await meetingFor(scope, ref, 'run');
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

const encodeCursor = (c: MeetingCursor): string =>
  Buffer.from(JSON.stringify([c.startsAt, c.id])).toString('base64url');

function decodeCursor(text: string): MeetingCursor {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    // What a cursor holds goes into SQL: an instant's characters, and an id an integer column takes.
    if (
      typeof startsAt === 'string' &&
      /^[0-9T:.Z+-]{1,30}$/.test(startsAt) &&
      Number.isInteger(id) &&
      (id as number) >= 0 &&
      (id as number) <= 2 ** 31 - 1
    ) {
      return { startsAt, id: id as number };
    }
  } catch {}
  throw invalid('invalid_cursor', '`after` takes the cursor a previous page of meetings gave as "next".');
}

/**
 * Meetings the scope may see, newest first, optionally those one person was in, of one kind, or
 * since a day; a page at a time, with how many there are and the cursor of the next page.
 */
export async function meetingList(
  scope: Scope,
  input: {
    with?: string | undefined;
    kind?: string | undefined;
    since?: string | undefined;
    limit: string;
    after?: string | undefined;
  },
) {
  const limit = Number(input.limit);
  if (!/^\d+$/.test(input.limit.trim()) || limit < 1 || limit > 10_000) {
    throw invalid('invalid_number', '--limit must be a whole number from 1 to 10000.');
  }
  if (input.kind && !meetingKinds.includes(input.kind as MeetingKind)) {
    throw invalid('invalid_kind', `--kind must be one of ${meetingKinds.join(', ')}.`);
  }
  const after = input.after ? decodeCursor(input.after) : null;
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
  const seen = meetingsSeenSql(await accessOf(scope));
  const filter = { personId: person?.id, kind: input.kind, since, conditions: seen ? [seen] : [] };
  const [meetings, total] = await Promise.all([
    listMeetings(scope.db, scope.org.id, { ...filter, limit: limit + 1, after }),
    countMeetings(scope.db, scope.org.id, filter),
  ]);
  const page = meetings.slice(0, limit);
  const last = page.at(-1);
  const next =
    meetings.length > limit && last ? encodeCursor({ startsAt: last.starts_at, id: last.id }) : null;
  const attendeeIds = await attendeesOf(
    scope.db,
    scope.org.id,
    page.map((m) => m.id),
  );
  const people = new Map(
    (await getPeople(scope.db, scope.org.id, [...attendeeIds.values()].flat())).map((p) => [p.id, p]),
  );
  const rows = page.map(({ commitments, ...meeting }) => ({
    meeting: meeting as Meeting,
    commitments: Number(commitments),
    attendees: (attendeeIds.get(meeting.id) ?? [])
      .map((id) => people.get(id))
      .filter((p): p is Person => !!p),
  }));
  return { rows, total, next };
}

/** The series whose agendas the scope may read, each with its meetings' count and last start. */
export async function seriesList(scope: Scope) {
  return listSeries(scope.db, scope.org.id, seriesSeenSql(await accessOf(scope)));
}
