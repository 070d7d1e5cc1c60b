import { sql } from 'kysely';
import { findCommitments } from '../commitments/commitments.repository.js';
import { type CommitmentView, loadViews } from '../commitments/commitments.views.js';
import type { Meeting, Person } from '../db/schema.js';
import { attendeesOf, listMeetings } from '../meetings/meetings.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { peopleDirectory } from '../people/people.usecases.js';
import { accessOf, meetingsSeenSql, visibleSql } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';

/** A search is a few words: longer text is refused, never scanned. */
export const MAX_SEARCH = 100;
/** At most this many of each kind are shown. */
export const SEARCH_SHOWN = 20;

export interface SearchResult {
  text: string;
  commitments: CommitmentView[];
  people: Person[];
  meetings: { meeting: Meeting; attendees: Person[] }[];
}

/** `%text%` for LIKE, with the pattern's own characters escaped (by `\`). */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What the reader may see that mentions the words: steps by what they say or their outcome,
 * people by name or e-mail, meetings by their notes or by someone in them; open steps first.
 */
export async function search(scope: Scope, asked: string): Promise<SearchResult> {
  const text = asked.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_SEARCH) {
    throw invalid('search_too_long', `Search for at most ${MAX_SEARCH} characters: a few words.`);
  }
  if (!text) return { text, commitments: [], people: [], meetings: [] };
  const like = containing(text);
  const access = await accessOf(scope);
  const visible = visibleSql(access);
  const seen = meetingsSeenSql(access);
  const matches = sql<boolean>`(lower(c.what) like ${like} escape '\\' or lower(coalesce(c.outcome, '')) like ${like} escape '\\')`;
  const [open, closed, everyone] = await Promise.all([
    findCommitments(scope.db, scope.org.id, {
      statuses: ['open'],
      conditions: [matches, ...(visible ? [visible] : [])],
      limit: SEARCH_SHOWN,
    }),
    findCommitments(scope.db, scope.org.id, {
      statuses: ['done', 'missed', 'dropped'],
      conditions: [matches, ...(visible ? [visible] : [])],
      limit: SEARCH_SHOWN,
    }),
    peopleDirectory(scope),
  ]);
  const words = text.toLowerCase();
  const people = everyone
    .filter((p) => p.name.toLowerCase().includes(words) || p.email.toLowerCase().includes(words))
    .slice(0, SEARCH_SHOWN);
  const named = people.map((p) => p.id);
  const meetings = await listMeetings(scope.db, scope.org.id, {
    conditions: [
      ...(seen ? [seen] : []),
      named.length
        ? sql<boolean>`(lower(coalesce(m.notes, '')) like ${like} escape '\\' or exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.person_id in (${sql.join(named)})))`
        : sql<boolean>`lower(coalesce(m.notes, '')) like ${like} escape '\\'`,
    ],
    limit: SEARCH_SHOWN,
  });
  const attendance = await attendeesOf(
    scope.db,
    scope.org.id,
    meetings.map((m) => m.id),
  );
  const byId = new Map(
    (await getPeople(scope.db, scope.org.id, [...attendance.values()].flat())).map((p) => [p.id, p]),
  );
  return {
    text,
    commitments: await loadViews(scope, [...open, ...closed].slice(0, SEARCH_SHOWN)),
    people,
    meetings: meetings.map(({ commitments: _n, ...m }) => ({
      meeting: m as Meeting,
      attendees: (attendance.get(m.id) ?? []).flatMap((id) => byId.get(id) ?? []),
    })),
  };
}
