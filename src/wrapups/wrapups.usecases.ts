import { findCommitments } from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import { inTransaction } from '../db/database.js';
import { attendeesOf, getSeries, updateMeeting } from '../meetings/meetings.repository.js';
import { getMeetingOrFail } from '../meetings/meetings.usecases.js';
import { localTime, nowIso, requireActor, type Scope, today } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople } from '../people/people.usecases.js';
import { conflict } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { renderWrapup } from './wrapups.render.js';

/** Renders a meeting's wrap-up; with `send`, puts it in the outbox once for each attendee and cc. */
export async function wrapup(scope: Scope, ref: string, options: { send: boolean; cc: string[] }) {
  requireActor(scope);
  const meeting = await getMeetingOrFail(scope, ref);
  const ccPeople = await resolvePeople(scope, options.cc);
  const attendeeIds = (await attendeesOf(scope.db, scope.org.id, [meeting.id])).get(meeting.id) ?? [];
  const people = new Map(
    (await getPeople(scope.db, scope.org.id, [...attendeeIds, meeting.author_id])).map((p) => [p.id, p]),
  );
  const attendees = attendeeIds.map((id) => people.get(id)).filter((p) => p !== undefined);
  const cc = ccPeople.filter((p) => !attendeeIds.includes(p.id));
  const items = await loadViews(
    scope,
    (await findCommitments(scope.db, scope.org.id, { meetingIds: [meeting.id], limit: 1000 })).filter(
      (c) => c.follows_id === null && c.status !== 'dropped',
    ),
  );
  const series = meeting.series_id
    ? ((await getSeries(scope.db, scope.org.id, meeting.series_id)) ?? null)
    : null;
  const author = people.get(meeting.author_id);
  if (!author) throw new Error(`meeting ${meeting.id} has no author`);
  const rendered = renderWrapup({
    meeting,
    series,
    author,
    attendees,
    cc,
    items,
    today: today(scope),
    followUpOffsetDays: scope.org.follow_up_offset_days,
  });
  if (!options.send) return { meeting, ...rendered, sentTo: [] as string[], late: false };

  if (!meeting.ended_at) {
    throw conflict(
      'meeting_not_ended',
      `End the meeting first, so the wrap-up is complete: ft meeting end ${formatId('meeting', meeting.id)}`,
    );
  }
  if (meeting.wrapup_sent_at) {
    throw conflict(
      'wrapup_already_sent',
      `The wrap-up of ${formatId('meeting', meeting.id)} went out ${localTime(scope, meeting.wrapup_sent_at)}; see \`ft outbox\`.`,
    );
  }
  const at = nowIso(scope);
  const late = meeting.wrapup_due_at !== null && at > meeting.wrapup_due_at;
  const recipients = [...attendees, ...cc];
  await inTransaction(scope.db, async (trx) => {
    await enqueue(
      trx,
      scope.org.id,
      at,
      recipients.map((p) => ({
        kind: 'wrapup',
        idempotency_key: `wrapup:${meeting.id}:${p.id}`,
        recipient_id: p.id,
        recipient_email: p.email,
        subject: rendered.subject,
        body: rendered.markdown,
        late: late ? 1 : 0,
        meeting_id: meeting.id,
      })),
    );
    await updateMeeting(trx, meeting.id, { wrapup_sent_at: at });
  });
  return { meeting, ...rendered, sentTo: recipients.map((p) => p.email), late };
}
