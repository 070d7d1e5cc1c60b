import type { CoachVerdict } from '../coach/coach.classify.js';
import { flagWords, isFlag, isManager } from '../coach/coach.usecases.js';
import { recordEvent } from '../commitments/commitments.events.js';
import { renew } from '../commitments/commitments.renew.js';
import { peopleWith, updateCommitment } from '../commitments/commitments.repository.js';
import { assertOpen } from '../commitments/commitments.rules.js';
import { createCommitment, renegotiate } from '../commitments/commitments.usecases.js';
import { parseDue, parsePastDate } from '../dates/dates.options.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/database.js';
import { forUpdate } from '../db/dialect.js';
import type { AnswerOutcome, Commitment, FollowUp, FollowUpStatus, Person } from '../db/schema.js';
import { localTime, nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { accessOf, commitmentFor, followUpsListedFor } from '../policy/policy.js';
import { AppError, conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { limits, oneLine, optionalLine, quoted } from '../shared/text.js';
import { localDate } from '../shared/time.js';
import { answerMessage, answerOutcomes, followUpMessage } from './followups.messages.js';
import { followUpsOf, listFollowUps, pendingStatuses, updateFollowUp } from './followups.repository.js';

export interface AnswerInput {
  outcome: AnswerOutcome;
  happened?: string | undefined;
  learned?: string | undefined;
  next?: string | undefined;
  nextDue?: string | undefined;
  newDue?: string | undefined;
  /** For `done`: when it was done, if after its due date ("done later, on…"). */
  doneOn?: string | undefined;
  yes?: boolean | undefined;
}

/**
 * Closes the loop on one follow-up: records what happened and what was learned, closes the
 * commitment when done, turns the next step into a linked commitment, and tells the hearer.
 * The owner may answer early, before the follow-up has fired.
 */
export async function answerFollowUp(scope: Scope, ref: string, input: AnswerInput) {
  const actor = requireActor(scope);
  if (!answerOutcomes.includes(input.outcome)) {
    throw invalid(
      'invalid_outcome',
      `--outcome must be one of ${answerOutcomes.join(', ')} (got ${quoted(input.outcome)}).`,
    );
  }
  if (input.next && !input.nextDue) {
    throw invalid(
      'missing_next_due',
      'A next step needs a date: add --next-due DATE, like --next-due 2026-12-04.',
    );
  }
  if (input.nextDue && !input.next?.trim())
    throw invalid('missing_next', '--next-due needs --next "what happens next".');
  if (input.newDue && input.outcome === 'done') {
    throw invalid('new_due_on_done', 'A done commitment needs no new date; drop --new-due.');
  }
  if (input.doneOn && input.outcome !== 'done') {
    throw invalid('done_on_not_done', '--done-on says when it was done: use it with --outcome done.');
  }
  const id = parseId('follow_up', ref);
  return inTransaction(scope.db, async (trx) => {
    // Locked until the answer is written: two answers at once (a link and a reply) queue, and the second is refused.
    const followUp = await forUpdate(
      trx,
      trx
        .selectFrom('follow_ups')
        .selectAll()
        .where('organization_id', '=', scope.org.id)
        .where('id', '=', id),
    ).executeTakeFirst();
    const missing = notFound('follow_up', formatId('follow_up', id), 'See `ft followups` for the ids.');
    if (!followUp) throw missing;
    // A follow-up of a step one may not see is not there at all: the same answer as for no such follow-up.
    const commitment = await commitmentFor(
      { ...scope, db: trx },
      String(followUp.commitment_id),
      'read',
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'commitment_not_found') throw missing;
      throw error;
    });
    const [answerer] = await getPeople(trx, scope.org.id, [followUp.answerer_id]);
    assertAnswerable(followUp, actor, answerer);
    assertAfterSent(followUp, scope);
    assertOpen(commitment, 'answered');
    return recordAnswer(trx, scope, actor, followUp, commitment, input);
  });
}

function assertAnswerable(f: FollowUp, actor: Person, answerer: Person | undefined): void {
  const id = formatId('follow_up', f.id);
  if (f.status === 'answered')
    throw conflict('already_answered', `${id} was answered already; see \`ft show c${f.commitment_id}\`.`);
  if (f.status === 'cancelled') {
    throw conflict(
      'follow_up_cancelled',
      `${id} was cancelled (the commitment changed); see \`ft show c${f.commitment_id}\`.`,
    );
  }
  if (f.answerer_id !== actor.id) {
    const who = answerer
      ? `${answerer.name}'s to answer: use --as ${answerer.email}`
      : 'for someone else to answer';
    throw conflict('not_answerer', `${id} is ${who}.`);
  }
}

/** An answer is given after its question: a clock set before the send is a mistake. */
function assertAfterSent(f: FollowUp, scope: Scope): void {
  if (f.sent_at && scope.clock.now().toISOString() < f.sent_at) {
    throw conflict(
      'answer_before_sent',
      `${formatId('follow_up', f.id)} went out ${localTime(scope, f.sent_at)}; it cannot be answered before that. Check the clock (--now).`,
    );
  }
}

/**
 * When a done step was done, in the owner's zone. Answering a follow-up "done" means done
 * by its date (the follow-up asks exactly that), unless a later day is given; marking it done
 * means today, unless a day is given. Never in the future, never before it was agreed.
 */
async function doneDate(
  db: Db,
  scope: Scope,
  c: Commitment,
  given: string | undefined,
  byDefault: 'due_date' | 'today',
): Promise<string> {
  const [owner] = c.owner_id ? await getPeople(db, scope.org.id, [c.owner_id]) : [];
  const zone = owner?.time_zone ?? scope.org.time_zone;
  const today = localDate(scope.clock.now(), zone);
  const option = byDefault === 'due_date' ? '--done-on' : '--on';
  const agreed = localDate(c.created_at, zone);
  // "Done by its date" on a step agreed after that date means done by the day it was agreed.
  const byItsDate = c.due_date && c.due_date < agreed ? agreed : c.due_date;
  const day = given
    ? parsePastDate(given, { now: scope.clock.now(), zone, option })
    : byDefault === 'due_date' && byItsDate && byItsDate < today
      ? byItsDate
      : today;
  if (day < agreed) {
    throw invalid(
      'done_before_agreed',
      `${option} ${day} is before ${formatId('commitment', c.id)} was agreed (${agreed}).`,
    );
  }
  return day;
}

async function recordAnswer(
  db: Db,
  scope: Scope,
  actor: Person,
  followUp: FollowUp,
  commitment: Commitment,
  input: AnswerInput,
  defaultDone: 'due_date' | 'today' = 'due_date',
) {
  const at = nowIso(scope);
  const happened = optionalLine(input.happened, 'What happened', limits.note);
  const learned = optionalLine(input.learned, 'What was learned', limits.note);
  const doneOn =
    input.outcome === 'done' ? await doneDate(db, scope, commitment, input.doneOn, defaultDone) : null;
  let next: Commitment | null = null;
  if (input.next?.trim() && input.nextDue) {
    const [owner] = await getPeople(db, scope.org.id, [commitment.owner_id ?? actor.id]);
    const withIds = (await peopleWith(db, scope.org.id, [commitment.id])).get(commitment.id) ?? [];
    const due = parseDue(input.nextDue, {
      now: scope.clock.now(),
      zone: (owner as Person).time_zone,
      option: '--next-due',
      yes: input.yes,
    });
    if (due.kind === 'vague') {
      throw invalid(
        'vague_due',
        `--next-due ${quoted(input.nextDue)} is not a date; a next step needs one, like 2026-12-04 or friday.`,
      );
    }
    const created = await createCommitment(db, scope, actor, {
      what: oneLine(input.next, 'The next step', limits.what),
      owner: owner as Person,
      due,
      with: await getPeople(db, scope.org.id, withIds),
      outcome: commitment.outcome,
      meetingId: commitment.meeting_id,
      planId: commitment.plan_id,
      prerequisiteIds: [],
      needs: null,
      ask: null,
      followsId: commitment.id,
      source: commitment.source,
    });
    // The next step keeps the original delegator, so its answer reaches the same person.
    next = await updateCommitment(db, created.commitment.id, { delegated_by_id: commitment.delegated_by_id });
  }
  const answered = await updateFollowUp(db, followUp.id, {
    status: 'answered',
    answered_at: at,
    outcome: input.outcome,
    happened,
    learned,
    next_commitment_id: next?.id ?? null,
  });
  await recordEvent(db, scope, commitment.id, 'answered', {
    follow_up: formatId('follow_up', followUp.id),
    outcome: input.outcome,
    happened: happened ?? undefined,
    learned: learned ?? undefined,
    next: next ? formatId('commitment', next.id) : undefined,
    done_on: doneOn ?? undefined,
    early: followUp.status === 'scheduled' || undefined,
  });
  let updated = commitment;
  if (doneOn) {
    updated = await updateCommitment(db, commitment.id, { status: 'done', closed_at: at, done_on: doneOn });
    await renew(db, scope, updated);
  } else if (input.newDue) {
    updated = (
      await renegotiate(
        db,
        scope,
        commitment,
        input.newDue,
        `answered ${input.outcome}${happened ? `: ${happened}` : ''}`,
        { yes: input.yes, option: '--new-due' },
      )
    ).commitment;
  }
  await tellHearer(db, scope, actor, answered, updated, next);
  const coached = await coachAnswer(db, scope, actor, answered, [happened, learned, input.next?.trim()]);
  return { followUp: answered, commitment: updated, next, coached };
}

/** What a manager writes in an answer is read by the coach; its buy-backs and limbo are kept for stats. */
async function coachAnswer(
  db: Db,
  scope: Scope,
  writer: Person,
  f: FollowUp,
  texts: (string | null | undefined)[],
): Promise<{ text: string; verdict: CoachVerdict }[]> {
  if (!(await isManager(db, scope, writer))) return [];
  const flagged = [];
  for (const text of texts) {
    if (!text) continue;
    const verdict = await flagWords(db, scope, writer, text, 'answer', {
      commitmentId: f.commitment_id,
      followUpId: f.id,
    });
    if (isFlag(verdict)) flagged.push({ text, verdict });
  }
  return flagged;
}

async function tellHearer(
  db: Db,
  scope: Scope,
  answerer: Person,
  f: FollowUp,
  c: Commitment,
  next: Commitment | null,
) {
  // Whoever recorded the answer knows it already.
  if (f.hearer_id === null || f.hearer_id === answerer.id || f.outcome === null) return;
  const [hearer] = await getPeople(db, scope.org.id, [f.hearer_id]);
  if (!hearer) return;
  const text = answerMessage({
    commitment: c,
    answerer,
    hearer,
    outcome: f.outcome,
    happened: f.happened,
    learned: f.learned,
    next,
    doneOn: c.done_on,
    now: scope.clock.now(),
  });
  await enqueue(db, scope.org.id, nowIso(scope), [followUpMessage('answer', f, hearer, text)]);
}

/**
 * Marks a commitment done, whoever records it, on the day it was done (today unless `on`
 * says otherwise). A pending follow-up is answered by it (so the hearer is told, unless they
 * recorded it), and nothing more will be asked. On a step already done, `on` corrects the day.
 */
export async function markDone(scope: Scope, ref: string, note: string | undefined, on?: string) {
  const actor = requireActor(scope);
  return inTransaction(scope.db, async (trx) => {
    const c = await commitmentFor({ ...scope, db: trx }, ref, 'change');
    if (c.status === 'done' && on) return correctDoneOn(trx, scope, c, on);
    assertOpen(c, 'marked done');
    const pending = (await followUpsOf(trx, scope.org.id, [c.id])).filter((f) =>
      pendingStatuses.includes(f.status),
    );
    const current = pending.at(-1);
    for (const f of pending.slice(0, -1)) await updateFollowUp(trx, f.id, { status: 'cancelled' });
    if (current) {
      assertAfterSent(current, scope);
      return recordAnswer(
        trx,
        scope,
        actor,
        current,
        c,
        { outcome: 'done', happened: note, doneOn: on },
        'today',
      );
    }
    const doneOn = await doneDate(trx, scope, c, on, 'today');
    const updated = await updateCommitment(trx, c.id, {
      status: 'done',
      closed_at: nowIso(scope),
      done_on: doneOn,
    });
    await recordEvent(trx, scope, c.id, 'done', {
      note: optionalLine(note, 'A note', limits.note) ?? undefined,
      on: doneOn,
    });
    await renew(trx, scope, updated);
    return { followUp: null, commitment: updated, next: null };
  });
}

/** A done step's day corrected: the stats count it by the corrected day. */
async function correctDoneOn(db: Db, scope: Scope, c: Commitment, on: string) {
  const doneOn = await doneDate(db, scope, c, on, 'today');
  if (doneOn === c.done_on) {
    throw invalid(
      'same_done_on',
      `${formatId('commitment', c.id)} is already recorded as done on ${doneOn}.`,
    );
  }
  const updated = await updateCommitment(db, c.id, { done_on: doneOn });
  await recordEvent(db, scope, c.id, 'done_on_corrected', { from: c.done_on, to: doneOn });
  return { followUp: null, commitment: updated, next: null };
}

export interface FollowUpFilter {
  due?: boolean;
  mine?: boolean;
}

export async function listPendingFollowUps(scope: Scope, filter: FollowUpFilter) {
  const statuses: FollowUpStatus[] = ['scheduled', 'sent', 'unanswered'];
  const rows = await listFollowUps(scope.db, scope.org.id, {
    statuses: filter.due ? ['sent', 'unanswered'] : statuses,
    answererId: filter.mine ? requireActor(scope).id : followUpsListedFor(await accessOf(scope), scope.actor),
  });
  return rows;
}
