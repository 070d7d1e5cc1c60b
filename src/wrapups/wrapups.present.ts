import { personJson } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import type { WrapupResult } from './wrapups.usecases.js';

/** A wrap-up as each recipient gets it, as `ft wrapup --json`: the members' version first. */
export function wrapupJson(result: WrapupResult) {
  const [members] = result.versions;
  return {
    meeting: formatId('meeting', result.meeting.id),
    subject: members?.subject ?? null,
    markdown: members?.body ?? null,
    versions: result.versions.map((v) => ({
      audience: v.audience,
      to: v.recipients.map(personJson),
      subject: v.subject,
      body: v.body,
    })),
    skipped: result.skipped.map(personJson),
    sentTo: result.sentTo,
    late: result.late,
  };
}
