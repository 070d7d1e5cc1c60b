import { PeopleIndex } from '../capture/capture.people.js';
import { noteLinesOf } from '../capture/capture.usecases.js';
import type { CoachVerdict } from '../coach/coach.classify.js';
import { findCommitments } from '../commitments/commitments.repository.js';
import { type CommitmentView, loadViews } from '../commitments/commitments.views.js';
import type { Person } from '../db/schema.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople, listPeople } from '../people/people.repository.js';
import { accessOf, maySeeNoteLine, visibleSql } from '../policy/policy.js';
import { attendeesOf } from './meetings.repository.js';
import { getMeetingOrFail } from './meetings.usecases.js';

/** A step read from notes, with the name the notes gave when it matched nobody or several people. */
export interface NotedStep {
  view: CommitmentView;
  unresolvedOwner: string | null;
  /** Who an ambiguous name could be, to pick from with `ft reassign`. */
  candidates: Person[];
}

/**
 * A meeting as its people review it before the wrap-up: who was there, its notes line by
 * line with what each became (the commitments as they stand now, corrections included),
 * the coach's flags, and the commitments agreed outside the notes. Only what the scope may
 * see: the commitments the policy lets it, and of private lines, its own.
 */
export async function meetingView(scope: Scope, ref: string) {
  const meeting = await getMeetingOrFail(scope, ref);
  const visible = visibleSql(await accessOf(scope));
  const [allLines, commitments, attendeeIds] = await Promise.all([
    noteLinesOf(scope, meeting.id),
    findCommitments(scope.db, scope.org.id, {
      meetingIds: [meeting.id],
      conditions: visible ? [visible] : [],
      limit: 10_000,
    }),
    attendeesOf(scope.db, scope.org.id, [meeting.id]),
  ]);
  const lines = allLines.filter((l) => maySeeNoteLine(scope.actor, l));
  const views = await loadViews(scope, commitments);
  const attendees = await getPeople(scope.db, scope.org.id, attendeeIds.get(meeting.id) ?? []);
  const unresolved = await unresolvedNames(scope, views);
  // Lines written before a line could hold several steps point at their one commitment.
  const lineOf = (v: CommitmentView) =>
    v.commitment.note_line_id ?? lines.find((l) => l.commitment_id === v.commitment.id)?.id ?? null;
  const byLine = new Map<number, NotedStep[]>();
  for (const view of views) {
    const line = lineOf(view);
    if (line === null) continue;
    const names = unresolved.get(view.commitment.id);
    byLine.set(line, [
      ...(byLine.get(line) ?? []),
      { view, unresolvedOwner: names?.name ?? null, candidates: names?.candidates ?? [] },
    ]);
  }
  return {
    meeting,
    attendees,
    lines: lines.map((l) => ({
      line: l.text,
      private: l.private === 1,
      steps: byLine.get(l.id) ?? [],
      // The verdict given when the line was written, the one that was counted.
      coach: l.coach ? (JSON.parse(l.coach) as CoachVerdict) : null,
    })),
    others: views.filter((v) => lineOf(v) === null),
  };
}

/** For steps still without an owner: the name the notes gave, and who it could be. */
async function unresolvedNames(scope: Scope, views: CommitmentView[]) {
  const ownerless = views.filter((v) => v.commitment.owner_id === null).map((v) => v.commitment.id);
  const names = new Map<number, { name: string; candidates: Person[] }>();
  if (ownerless.length === 0) return names;
  const created = await scope.db
    .selectFrom('commitment_events')
    .select(['commitment_id', 'data'])
    .where('organization_id', '=', scope.org.id)
    .where('kind', '=', 'created')
    .where('commitment_id', 'in', ownerless)
    .execute();
  const people = new PeopleIndex((await listPeople(scope.db, scope.org.id)).filter((p) => !p.deactivated_at));
  for (const row of created) {
    const name = (JSON.parse(row.data) as { unresolvedOwner?: string }).unresolvedOwner;
    if (!name) continue;
    const found = people.lookup(name);
    const company = people.companyContact(name);
    const candidates =
      found.kind === 'ambiguous' ? found.candidates : company.kind === 'ambiguous' ? company.candidates : [];
    names.set(row.commitment_id, { name, candidates });
  }
  return names;
}
