import { awaitsAgreement } from '../answers/agreement.usecases.js';
import { answerKey, DEFAULT_PUBLIC_URL, linksExpire, signedToken } from '../answers/answer.links.js';
import { findCommitments } from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import { inTransaction } from '../db/database.js';
import type { Meeting, Person } from '../db/schema.js';
import { attendeesOf, getSeries, updateMeeting } from '../meetings/meetings.repository.js';
import { localTime, nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople } from '../people/people.usecases.js';
import { meetingFor } from '../policy/policy.js';
import { conflict } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { renderAgreementAsk, renderCustomerWrapup, renderWrapup, type WrapupText } from './wrapups.render.js';

/** One form of the wrap-up and who gets exactly that. */
export interface WrapupVersion extends WrapupText {
  audience: 'members' | 'customer';
  recipients: Person[];
}

export interface WrapupResult {
  meeting: Meeting;
  versions: WrapupVersion[];
  /** Customer contacts who get nothing: no step agreed in the meeting is shared with them. */
  skipped: Person[];
  sentTo: string[];
  late: boolean;
}

/**
 * A meeting's wrap-up as each recipient will get it: members the whole, customer contacts
 * the shared steps only. With `send`, each version goes to the outbox once per recipient.
 * Whoever sees the meeting reads it; whoever runs it sends it. It holds commitments only:
 * never a line of notes, so never a private one.
 */
export async function wrapup(
  scope: Scope,
  ref: string,
  options: { send: boolean; cc: string[] },
): Promise<WrapupResult> {
  requireActor(scope);
  const meeting = await meetingFor(scope, ref, options.send ? 'run' : 'read');
  const ccPeople = await resolvePeople(scope, options.cc, { active: true });
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
  const recipients = [...attendees, ...cc].filter((p) => !p.deactivated_at);
  const members = recipients.filter((p) => p.kind === 'member');
  const contacts = recipients.filter((p) => p.kind === 'contact');
  const versions: WrapupVersion[] = [];
  const skipped: Person[] = [];
  for (const reader of contacts) {
    const text = renderCustomerWrapup({ meeting, author, reader, items });
    if (text) versions.push({ ...text, audience: 'customer', recipients: [reader] });
    else skipped.push(reader);
  }
  const forMembers = renderWrapup({
    meeting,
    series,
    author,
    attendees,
    cc,
    items,
    followUpOffsetDays: scope.org.follow_up_offset_days,
    customersReceive: versions.length > 0,
  });
  versions.unshift({ ...forMembers, audience: 'members', recipients: members });
  if (!options.send) return { meeting, versions, skipped, sentTo: [], late: false };

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
  const key = await answerKey(scope.db, scope.clock);
  const expires = linksExpire(scope.clock.now());
  const base = `${scope.publicUrl ?? DEFAULT_PUBLIC_URL}/agree/`;
  // Each member's own steps come first, each asking for their word, with links that need no sign-in.
  const bodyFor = (p: Person, body: string) => {
    const asked = items
      .filter((v) => v.owner?.id === p.id && p.kind === 'member' && awaitsAgreement(v.commitment))
      .map((v) => ({ view: v, link: base + signedToken(key, 'agree', v.commitment.id, expires, p.id) }));
    return asked.length ? `${renderAgreementAsk(asked)}\n\n${body}` : body;
  };
  await inTransaction(scope.db, async (trx) => {
    await enqueue(
      trx,
      scope.org.id,
      at,
      versions.flatMap((version) =>
        version.recipients.map((p) => ({
          kind: 'wrapup',
          idempotency_key: `wrapup:${meeting.id}:${p.id}`,
          recipient_id: p.id,
          recipient_email: p.email,
          subject: version.subject,
          body: version.audience === 'members' ? bodyFor(p, version.body) : version.body,
          late: late ? 1 : 0,
          meeting_id: meeting.id,
        })),
      ),
    );
    await updateMeeting(trx, meeting.id, { wrapup_sent_at: at });
  });
  const sentTo = versions.flatMap((v) => v.recipients.map((p) => p.email));
  return { meeting, versions, skipped, sentTo, late };
}
