import { inTransaction } from '../db/database.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { localTime, nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { resolvePeople } from '../people/people.usecases.js';
import { parseLocalInstant } from '../shared/dates.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import {
  addAttendees,
  findSeriesByName,
  findSeriesByPair,
  getMeeting,
  insertMeeting,
  insertSeries,
  updateMeeting,
} from './meetings.repository.js';

export const meetingKinds = [
  'one_on_one',
  'account_review',
  'pipeline_review',
  'deal_review',
  'coaching',
  'project',
  'customer',
  'other',
] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const WRAPUP_WITHIN_MS = 24 * 3_600_000;

/** The series of 1:1s between two people is found by the pair, whoever starts the meeting. */
export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export interface StartMeetingInput {
  kind: string;
  with: string[];
  at?: string | undefined;
  series?: string | undefined;
}

export async function startMeeting(
  scope: Scope,
  input: StartMeetingInput,
): Promise<{ meeting: Meeting; series: Series | null; attendees: Person[] }> {
  const actor = requireActor(scope);
  if (!meetingKinds.includes(input.kind as MeetingKind)) {
    throw invalid('invalid_kind', `--kind must be one of ${meetingKinds.join(', ')} (got "${input.kind}").`);
  }
  const others = (await resolvePeople(scope, input.with)).filter((p) => p.id !== actor.id);
  if (others.length === 0)
    throw invalid('missing_attendees', 'Say who else is there: --with dana@example.com[,jo@example.com].');
  if (input.kind === 'one_on_one' && others.length !== 1) {
    throw invalid(
      'one_on_one_needs_one',
      `A 1:1 is with exactly one person; you named ${others.length}. Use another --kind for a group.`,
    );
  }
  const startsAt = input.at ? parseLocalInstant(input.at, actor.time_zone, '--at') : scope.clock.now();
  return inTransaction(scope.db, async (trx) => {
    const series = await findOrCreateSeries({ ...scope, db: trx }, actor, others, input);
    const meeting = await insertMeeting(trx, {
      organization_id: scope.org.id,
      kind: input.kind,
      series_id: series?.id ?? null,
      author_id: actor.id,
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
  if (!input.series?.trim()) return null;
  const name = input.series.trim();
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
