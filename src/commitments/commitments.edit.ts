import { inTransaction } from '../db/database.js';
import type { Commitment, Visibility } from '../db/schema.js';
import { followUpsOf, pendingStatuses, updateFollowUp } from '../followups/followups.repository.js';
import { rescheduleFollowUp } from '../followups/followups.scheduling.js';
import { requireActor, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePeople } from '../people/people.usecases.js';
import { commitmentFor, planFor } from '../policy/policy.js';
import { conflict, invalid } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { limits, oneLine, optionalLine } from '../shared/text.js';
import { recordEvent } from './commitments.events.js';
import { linkPeople, peopleWith, updateCommitment } from './commitments.repository.js';
import { isCorrection, renegotiate, scheduleContext } from './commitments.usecases.js';

export interface EditInput {
  what?: string | undefined;
  outcome?: string | undefined;
  /** Replaces who it is done with; an empty list clears it. */
  with?: string[] | undefined;
  needs?: string | undefined;
  /** The personal note delivered with the follow-up that has not gone out yet. */
  ask?: string | undefined;
  /** A first date, or a fix within ten minutes of agreeing it; later, use `ft move`. */
  due?: string | undefined;
  visibility?: Visibility | undefined;
  /** A plan id, or null to untie it from its plan. */
  plan?: string | null | undefined;
  yes?: boolean | undefined;
}

/**
 * Corrects what a commitment says, without counting anything: a typo in what, a clearer
 * outcome, who it is done with, what it needs, the note for its follow-up, whether the
 * customer sees it, the plan it serves. Every change is kept in its timeline.
 */
export async function editCommitment(scope: Scope, ref: string, input: EditInput) {
  requireActor(scope);
  const changes: Record<string, unknown> = {};
  const values: Partial<Commitment> = {};
  if (input.what !== undefined) {
    const what = oneLine(input.what, 'What will be done', limits.what);
    if (!what) throw invalid('missing_what', '--what cannot be empty: say what will be done.');
    values.what = what;
  }
  if (input.outcome !== undefined) values.outcome = optionalLine(input.outcome, 'An outcome', limits.outcome);
  if (input.needs !== undefined) values.needs = optionalLine(input.needs, 'What it needs', limits.outcome);
  if (input.visibility !== undefined) values.visibility = input.visibility;
  const ask =
    input.ask === undefined ? undefined : optionalLine(input.ask, 'A note for the follow-up', limits.note);
  const withPeople = input.with ? await resolvePeople(scope, input.with, { active: true }) : undefined;
  const plan =
    input.plan === undefined || input.plan === null ? input.plan : await planFor(scope, input.plan);
  if (plan !== undefined) values.plan_id = plan?.id ?? null;
  const asked =
    Object.keys(values).length + [withPeople, ask, input.due].filter((v) => v !== undefined).length;
  if (asked === 0) {
    throw invalid(
      'nothing_to_change',
      'Say what to change: --what, --outcome, --with, --needs, --ask, --due, --plan, --shared or --internal.',
    );
  }

  return inTransaction(scope.db, async (trx) => {
    let c = await commitmentFor({ ...scope, db: trx }, ref, 'change');
    const id = formatId('commitment', c.id);
    for (const [key, value] of Object.entries(values)) {
      const before = c[key as keyof Commitment];
      if (before !== value)
        changes[key === 'plan_id' ? 'plan' : key] =
          key === 'plan_id' && value ? formatId('plan', value as number) : value;
    }
    if (Object.keys(values).length) c = await updateCommitment(trx, c.id, values);
    if (withPeople) {
      const others = withPeople.filter((p) => p.id !== c.owner_id);
      const before = (await peopleWith(trx, scope.org.id, [c.id])).get(c.id) ?? [];
      const after = others.map((p) => p.id);
      if (before.join(',') !== after.join(',')) {
        await trx.deleteFrom('commitment_people').where('commitment_id', '=', c.id).execute();
        await linkPeople(trx, scope.org.id, c.id, after);
        changes.with = others.map((p) => p.email).join(', ') || 'nobody';
      }
    }
    if (ask !== undefined) {
      const waiting = (await followUpsOf(trx, scope.org.id, [c.id])).find((f) => f.status === 'scheduled');
      if (!waiting) {
        throw conflict(
          'no_follow_up_waiting',
          `${id} has no follow-up still to go out, so a note cannot go with it.`,
        );
      }
      await updateFollowUp(trx, waiting.id, { ask });
      changes.ask = ask ?? 'none';
    }
    let followUp = null;
    if (input.due !== undefined) {
      if (c.status !== 'open')
        throw conflict('commitment_closed', `${id} is ${c.status}; reopen it to change its date.`);
      if (!isCorrection(c, scope.clock.now())) {
        throw conflict(
          'due_is_renegotiation',
          `${id} was agreed for ${c.due_date} more than ten minutes ago: a new date is a renegotiation. Use ft move ${id} --due DATE --reason "…".`,
        );
      }
      const moved = await renegotiate(trx, scope, c, input.due, 'corrected', { yes: input.yes });
      c = moved.commitment;
      followUp = moved.followUp;
    }
    if (Object.keys(changes).length === 0 && input.due === undefined) {
      throw invalid('nothing_changed', `${id} already says that; nothing changed.`);
    }
    if (Object.keys(changes).length) await recordEvent(trx, scope, c.id, 'edited', changes);
    return {
      commitment: c,
      followUp,
      changed: [...Object.keys(changes), ...(input.due !== undefined ? ['due'] : [])],
    };
  });
}

/**
 * Opens a done, missed or dropped commitment again, with a reason. Its follow-up is scheduled
 * again when its date is still ahead; with a date already past, it needs `ft move`.
 */
export async function reopenCommitment(scope: Scope, ref: string, reason: string) {
  requireActor(scope);
  const why = oneLine(reason, 'A reason', limits.reason);
  if (!why)
    throw invalid('missing_reason', 'Say why it is open again: --reason "The customer lost the file".');
  return inTransaction(scope.db, async (trx) => {
    const c = await commitmentFor({ ...scope, db: trx }, ref, 'change');
    if (c.status === 'open') {
      throw conflict('commitment_open', `${formatId('commitment', c.id)} is open already.`);
    }
    const updated = await updateCommitment(trx, c.id, { status: 'open', closed_at: null, done_on: null });
    await recordEvent(trx, scope, c.id, 'reopened', { from: c.status, reason: why });
    // Nothing may still be pending, but make sure of it before scheduling anew.
    for (const f of (await followUpsOf(trx, scope.org.id, [c.id])).filter((f) =>
      pendingStatuses.includes(f.status),
    )) {
      await updateFollowUp(trx, f.id, { status: 'cancelled', remind_at: null });
    }
    const [owner] = updated.owner_id ? await getPeople(trx, scope.org.id, [updated.owner_id]) : [];
    const ahead = updated.due_at !== null && updated.due_at > scope.clock.now().toISOString();
    const followUp =
      owner && ahead
        ? await rescheduleFollowUp(trx, scope, await scheduleContext(trx, scope, updated, owner))
        : null;
    return { commitment: updated, followUp, datePassed: updated.due_at !== null && !ahead };
  });
}
