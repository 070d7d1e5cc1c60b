import { coach } from '../coach/coach.classify.js';
import { parseDue } from '../dates/dates.options.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/database.js';
import type { Commitment, CommitmentSource, Person, Visibility } from '../db/schema.js';
import {
  cancelPendingFollowUps,
  rescheduleFollowUp,
  scheduleFollowUp,
} from '../followups/followups.scheduling.js';
import { attendeesOf } from '../meetings/meetings.repository.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople, resolvePerson } from '../people/people.usecases.js';
import { accessOf, commitmentFor, mayAssignTo, meetingFor, notAllowed, planFor } from '../policy/policy.js';
import { type AppError, invalid } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { limits, oneLine, optionalLine, quoted } from '../shared/text.js';
import { dueInstant, localDate } from '../shared/time.js';
import { recordEvent } from './commitments.events.js';
import { describeEvery, firstOccurrence, offRhythm, readEvery } from './commitments.recurring.js';
import { endSeries, renew } from './commitments.renew.js';
import {
  getCommitmentOrFail,
  insertCommitment,
  linkPeople,
  linkPrerequisites,
  updateCommitment,
} from './commitments.repository.js';
import { assertOpen, isBuyBack, limboReasons } from './commitments.rules.js';

export interface CommitInput {
  what: string;
  owner: string;
  /** Optional only with `every`: the first occurrence is then the rhythm's first day from today. */
  due?: string | undefined;
  /** A rhythm ("friday", "every 2 weeks"): each occurrence is a step of its own. */
  every?: string | undefined;
  with?: string[] | undefined;
  outcome?: string | undefined;
  meeting?: string | undefined;
  plan?: string | undefined;
  after?: string[] | undefined;
  needs?: string | undefined;
  ask?: string | undefined;
  /** An explicit choice; by default a step owned by or agreed with a customer contact is shared. */
  visibility?: Visibility | undefined;
  /** The user confirmed a date more than a year ahead. */
  yes?: boolean | undefined;
}

/** A commitment with its references resolved: what `createCommitment` writes. */
export interface ResolvedCommitment {
  what: string;
  /** Null when the notes named nobody, or someone nobody here is: the commitment is in limbo for it. */
  owner: Person | null;
  /** Null when none was said. */
  due: ReturnType<typeof parseDue> | null;
  with: Person[];
  outcome: string | null;
  meetingId: number | null;
  planId: number | null;
  prerequisiteIds: number[];
  needs: string | null;
  ask: string | null;
  followsId: number | null;
  source?: CommitmentSource;
  /** A name the notes gave that matches nobody here, kept in the timeline. */
  unresolvedOwner?: string | null;
  visibility?: Visibility | undefined;
  /** The line of notes it was read from. */
  noteLineId?: number | null;
  /** A recurring step's rule (readEvery), and the occurrence before this one. */
  every?: string | null;
  repeatsId?: number | null;
  /** Who delegated it, when not the actor (the next occurrence of a delegated step keeps its delegator). */
  delegatedById?: number | null;
  /** Who was there when it was agreed, when not its meeting's attendees: they may hear its answer. */
  attendeeIds?: number[];
}

/** A step owned by a customer contact, or agreed with one, may reach them: it is shared. */
export function defaultVisibility(
  owner: Pick<Person, 'kind'> | null,
  withPeople: Pick<Person, 'kind'>[],
): Visibility {
  return owner?.kind === 'contact' || withPeople.some((p) => p.kind === 'contact') ? 'shared' : 'internal';
}

export { getCommitmentOrFail };

const notAssignable = (owner: Person): AppError =>
  notAllowed(
    `You may give steps to yourself, the people below you and customer contacts, not to ${owner.name}.`,
  );

export async function makeCommitment(scope: Scope, input: CommitInput) {
  const actor = requireActor(scope);
  const what = oneLine(input.what, 'What will be done', limits.what);
  if (!what)
    throw invalid('missing_what', 'Say what will be done, like `ft commit "Send revised pricing" …`.');
  // A name a member shares with a customer contact means the member, as for ft reassign.
  const owner = await resolvePerson(scope, input.owner, { active: true, preferMembers: true });
  if (!mayAssignTo(await accessOf(scope), owner)) throw notAssignable(owner);
  const dueText =
    input.due ??
    (input.every !== undefined
      ? firstOccurrence(input.every, localDate(scope.clock.now(), owner.time_zone))
      : undefined);
  if (dueText === undefined)
    throw invalid(
      'missing_due',
      'Say by when: --due 2026-11-27, --due friday, or --every friday for a rhythm.',
    );
  const due = parseDue(dueText, {
    now: scope.clock.now(),
    zone: owner.time_zone,
    option: '--due',
    yes: input.yes,
  });
  if (input.every !== undefined && due.kind !== 'date')
    throw invalid('vague_every', `A recurring step needs a date to start from, not ${quoted(dueText)}.`);
  const every =
    input.every !== undefined && due.kind === 'date' ? readEvery(input.every, due.due.date) : null;
  const withPeople = await resolvePeople(scope, input.with ?? [], { active: true });
  // The meeting, plan and steps it follows are ones the actor may see (the meeting, run).
  const meetingId = input.meeting ? (await meetingFor(scope, input.meeting, 'run')).id : null;
  const planId = input.plan ? (await planFor(scope, input.plan)).id : null;
  const prerequisiteIds: number[] = [];
  for (const ref of input.after ?? []) prerequisiteIds.push((await commitmentFor(scope, ref, 'read')).id);
  // A first date given that is not one of the rhythm's days: the series goes on from its next.
  const rhythmResumes = every !== null && due.kind === 'date' ? offRhythm(every, due.due.date) : null;
  const made = await inTransaction(scope.db, (trx) =>
    createCommitment(trx, scope, actor, {
      what,
      owner,
      due,
      with: withPeople.filter((p) => p.id !== owner.id),
      outcome: optionalLine(input.outcome, 'An outcome', limits.outcome),
      meetingId,
      planId,
      prerequisiteIds,
      needs: optionalLine(input.needs, 'What it needs', limits.outcome),
      ask: optionalLine(input.ask, 'A note for the follow-up', limits.note),
      followsId: null,
      visibility: input.visibility,
      every,
    }),
  );
  return { ...made, rhythmResumes, yearEarlier: due.kind === 'date' ? (due.yearEarlier ?? null) : null };
}

/** Writes a resolved commitment, its links, its first event and its follow-up. */
export async function createCommitment(db: Db, scope: Scope, actor: Person, input: ResolvedCommitment) {
  const at = nowIso(scope);
  const owner = input.owner;
  const due = input.due?.kind === 'date' ? input.due.due : null;
  const source: CommitmentSource =
    input.source ??
    (input.meetingId ? 'meeting' : input.planId ? 'plan' : owner?.id === actor.id ? 'self' : 'direct');
  const zone = owner?.time_zone ?? scope.org.time_zone;
  const commitment = await insertCommitment(db, {
    organization_id: scope.org.id,
    what: input.what,
    owner_id: owner?.id ?? null,
    outcome: input.outcome,
    due_date: due?.date ?? null,
    due_time: due?.time ?? null,
    due_at: due ? dueInstant(due, zone).toISOString() : null,
    vague_due: input.due?.kind === 'vague' ? input.due.text : null,
    status: 'open',
    source,
    meeting_id: input.meetingId,
    plan_id: input.planId,
    delegated_by_id:
      input.delegatedById !== undefined
        ? input.delegatedById
        : owner?.kind === 'member' && owner.id !== actor.id
          ? actor.id
          : null,
    created_by_id: actor.id,
    needs: input.needs,
    follows_id: input.followsId,
    renegotiations: 0,
    created_at: at,
    last_activity_at: at,
    visibility: input.visibility ?? defaultVisibility(owner, input.with),
    note_line_id: input.noteLineId ?? null,
    every: input.every ?? null,
    repeats_id: input.repeatsId ?? null,
  });
  await linkPeople(
    db,
    scope.org.id,
    commitment.id,
    input.with.map((p) => p.id),
  );
  await linkPrerequisites(db, scope.org.id, commitment.id, input.prerequisiteIds);
  await recordEvent(db, scope, commitment.id, 'created', {
    owner: owner?.email ?? null,
    unresolvedOwner: input.unresolvedOwner ?? undefined,
    due: input.due?.kind === 'date' ? input.due.due.date : (input.due?.text ?? null),
    follows: input.followsId ? formatId('commitment', input.followsId) : undefined,
    every: input.every ? describeEvery(input.every) : undefined,
    repeats: input.repeatsId ? formatId('commitment', input.repeatsId) : undefined,
  });
  const attendees =
    input.attendeeIds ??
    (input.meetingId
      ? ((await attendeesOf(db, scope.org.id, [input.meetingId])).get(input.meetingId) ?? [])
      : []);
  // Nobody to ask until someone owns it: the meeting view and the agenda show it in limbo.
  const followUp = owner
    ? await scheduleFollowUp(db, scope, { commitment, owner, attendeeIds: attendees, ask: input.ask })
    : null;
  return { commitment, followUp, limbo: limboReasons(commitment) };
}

export async function markMissed(scope: Scope, ref: string, note: string | undefined) {
  return close(scope, ref, 'missed', note);
}

export async function dropCommitment(scope: Scope, ref: string, reason: string) {
  if (!oneLine(reason, 'A reason', limits.reason))
    throw invalid('missing_reason', 'Say why it is dropped: --reason "Customer went with a competitor".');
  return close(scope, ref, 'dropped', reason);
}

async function close(scope: Scope, ref: string, status: 'missed' | 'dropped', note: string | undefined) {
  requireActor(scope);
  return inTransaction(scope.db, async (trx) => {
    const c = await commitmentFor({ ...scope, db: trx }, ref, 'change');
    assertOpen(c, status);
    await cancelPendingFollowUps(trx, scope, c.id);
    const updated = await updateCommitment(trx, c.id, { status, closed_at: nowIso(scope) });
    await recordEvent(trx, scope, c.id, status, {
      note: optionalLine(note, status === 'dropped' ? 'A reason' : 'A note', limits.reason) ?? undefined,
    });
    // A missed occurrence of a recurring step makes the next; a dropped one ends the series.
    if (status === 'dropped') await endSeries(trx, scope, updated);
    else await renew(trx, scope, updated);
    return updated;
  });
}

/** How long after it was agreed a new date is a correction of a typo, not a renegotiation. */
export const CORRECTION_WINDOW_MS = 10 * 60_000;

/** Renegotiates the date of one or more open commitments, all or none. */
export async function moveMany(
  scope: Scope,
  refs: string[],
  dueText: string,
  reason: string,
  options: { yes?: boolean | undefined } = {},
) {
  requireActor(scope);
  const why = oneLine(reason, 'A reason', limits.reason);
  if (!why) throw invalid('missing_reason', 'Renegotiating needs a reason: --reason "Legal review moved".');
  return forEach(scope, refs, 'moved', (trx, c) => renegotiate(trx, scope, c, dueText, why, options));
}

export async function moveDue(
  scope: Scope,
  ref: string,
  dueText: string,
  reason: string,
  options: { yes?: boolean | undefined } = {},
) {
  return (await moveMany(scope, [ref], dueText, reason, options))[0] as Awaited<
    ReturnType<typeof renegotiate>
  >;
}

/**
 * Runs a change on several commitments in one transaction, all or none; each must be open.
 * Returns the results in the order the ids were given.
 */
async function forEach<T>(
  scope: Scope,
  refs: string[],
  action: string,
  change: (trx: Db, c: Commitment) => Promise<T>,
): Promise<T[]> {
  if (refs.length === 0) throw invalid('missing_id', 'Name at least one commitment, like c12.');
  const ids = refs.map((ref) => parseId('commitment', ref));
  if (new Set(ids).size !== ids.length) throw invalid('duplicate_id', 'Each commitment may be named once.');
  return inTransaction(scope.db, async (trx) => {
    const results: T[] = [];
    for (const ref of refs) {
      const c = await commitmentFor({ ...scope, db: trx }, ref, 'change');
      assertOpen(c, action);
      results.push(await change(trx, c));
    }
    return results;
  });
}

/**
 * Gives an open commitment a new due date. It counts as a renegotiation, with its reason,
 * unless the commitment had no date yet or was agreed less than ten minutes ago: then it is
 * a correction.
 */
export async function renegotiate(
  db: Db,
  scope: Scope,
  c: Commitment,
  dueText: string,
  reason: string,
  options: { yes?: boolean | undefined; option?: string } = {},
) {
  const [owner] = c.owner_id ? await getPeople(db, scope.org.id, [c.owner_id]) : [];
  const zone = owner?.time_zone ?? scope.org.time_zone;
  const option = options.option ?? '--due';
  const parsed = parseDue(dueText, { now: scope.clock.now(), zone, option, yes: options.yes });
  if (parsed.kind === 'vague') {
    throw invalid(
      'vague_due',
      `${quoted(dueText)} is not a date; a renegotiated commitment needs a new date, like 2026-12-04.`,
    );
  }
  const due = parsed.due;
  if (due.date === c.due_date && due.time === c.due_time) {
    throw invalid(
      'same_due',
      `${formatId('commitment', c.id)} is already due ${c.due_date}; give a different date.`,
    );
  }
  const kind = isCorrection(c, scope.clock.now()) ? (c.due_date ? 'corrected' : 'dated') : 'renegotiated';
  const updated = await updateCommitment(db, c.id, {
    due_date: due.date,
    due_time: due.time,
    due_at: dueInstant(due, zone).toISOString(),
    vague_due: null,
    renegotiations: c.renegotiations + (kind === 'renegotiated' ? 1 : 0),
    // Its delegator moving it answers the owner's proposal: the new date is the agreed one.
    ...(c.agreed_at === null && c.proposal && scope.actor?.id === c.delegated_by_id
      ? { agreed_at: scope.clock.now().toISOString() }
      : {}),
  });
  await recordEvent(db, scope, c.id, kind, { from: c.due_date, to: due.date, reason });
  const followUp = owner
    ? await rescheduleFollowUp(db, scope, await scheduleContext(db, scope, updated, owner))
    : null;
  return { commitment: updated, followUp, corrected: kind !== 'renegotiated' };
}

/** A first date, or one fixed within minutes of agreeing the step, corrects rather than renegotiates. */
export function isCorrection(c: Pick<Commitment, 'due_date' | 'created_at'>, now: Date): boolean {
  return c.due_date === null || now.getTime() - Date.parse(c.created_at) <= CORRECTION_WINDOW_MS;
}

/** Gives one or more open commitments to another owner, all or none. */
export async function reassignMany(
  scope: Scope,
  refs: string[],
  ownerRef: string,
  reason: string | undefined,
) {
  requireActor(scope);
  const newOwner = await resolvePerson(scope, ownerRef, { active: true, preferMembers: true });
  if (!mayAssignTo(await accessOf(scope), newOwner)) throw notAssignable(newOwner);
  const why = optionalLine(reason, 'A reason', limits.reason) ?? undefined;
  return forEach(scope, refs, 'reassigned', (trx, c) => handOver(trx, scope, c, newOwner, why));
}

export async function reassign(scope: Scope, ref: string, ownerRef: string, reason: string | undefined) {
  return (await reassignMany(scope, [ref], ownerRef, reason))[0] as Awaited<ReturnType<typeof handOver>>;
}

/** One commitment to a new owner: its date is kept in the new owner's zone, its follow-up moves. */
export async function handOver(
  db: Db,
  scope: Scope,
  c: Commitment,
  newOwner: Person,
  reason: string | undefined,
  options: { buyBack?: boolean } = {},
) {
  if (c.owner_id === newOwner.id) {
    throw invalid('same_owner', `${newOwner.name} already owns ${formatId('commitment', c.id)}.`);
  }
  const [oldOwner] = c.owner_id ? await getPeople(db, scope.org.id, [c.owner_id]) : [];
  const buyBack =
    options.buyBack !== false &&
    isBuyBack(oldOwner ?? null, newOwner, c.delegated_by_id, reason?.trim() ? coach(reason).label : null);
  const due = c.due_date ? { date: c.due_date, time: c.due_time } : null;
  const updated = await updateCommitment(db, c.id, {
    owner_id: newOwner.id,
    due_at: due ? dueInstant(due, newOwner.time_zone).toISOString() : null,
    // A new owner gives their own word: the old one's agreement, proposal or ask no longer holds.
    agreed_at: null,
    proposal: null,
    help_asked: null,
    agreement_answered_at: null,
    // A customer's own step is in their wrap-up.
    ...(newOwner.kind === 'contact' ? { visibility: 'shared' as const } : {}),
  });
  await recordEvent(db, scope, c.id, 'reassigned', {
    from: oldOwner?.email ?? null,
    to: newOwner.email,
    reason: reason?.trim() || undefined,
  });
  if (buyBack) await recordEvent(db, scope, c.id, 'buy_back', { from: oldOwner?.email, to: newOwner.email });
  const followUp = await rescheduleFollowUp(db, scope, await scheduleContext(db, scope, updated, newOwner));
  return { commitment: updated, followUp, buyBack };
}

export async function scheduleContext(db: Db, scope: Scope, commitment: Commitment, owner: Person) {
  const attendeeIds = commitment.meeting_id
    ? ((await attendeesOf(db, scope.org.id, [commitment.meeting_id])).get(commitment.meeting_id) ?? [])
    : [];
  return { commitment, owner, attendeeIds, ask: null };
}
