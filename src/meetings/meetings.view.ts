import { noteLinesOf } from '../capture/capture.usecases.js';
import type { CoachVerdict } from '../coach/coach.classify.js';
import { findCommitments } from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { attendeesOf } from './meetings.repository.js';
import { getMeetingOrFail } from './meetings.usecases.js';

/**
 * A meeting as its people review it before the wrap-up: who was there, its notes line by
 * line with what each became (the commitment as it stands now, corrections included),
 * the coach's flags, and the commitments agreed outside the notes.
 */
export async function meetingView(scope: Scope, ref: string) {
  const meeting = await getMeetingOrFail(scope, ref);
  const [lines, commitments, attendeeIds] = await Promise.all([
    noteLinesOf(scope, meeting.id),
    findCommitments(scope.db, scope.org.id, { meetingIds: [meeting.id], limit: 10_000 }),
    attendeesOf(scope.db, scope.org.id, [meeting.id]),
  ]);
  const views = new Map((await loadViews(scope, commitments)).map((v) => [v.commitment.id, v]));
  const attendees = await getPeople(scope.db, scope.org.id, attendeeIds.get(meeting.id) ?? []);
  const fromNotes = new Set(lines.map((l) => l.commitment_id));
  return {
    meeting,
    attendees,
    lines: lines.map((l) => ({
      line: l.text,
      commitment: l.commitment_id ? (views.get(l.commitment_id) ?? null) : null,
      unresolvedOwner: l.unresolved_owner,
      // The verdict given when the line was written, the one that was counted.
      coach: l.coach ? (JSON.parse(l.coach) as CoachVerdict) : null,
    })),
    others: [...views.values()].filter((v) => !fromNotes.has(v.commitment.id)),
  };
}
