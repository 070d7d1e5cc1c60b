import { findCommitments } from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import type { Plan, PlanKind, PlanOutcome } from '../db/schema.js';
import { nowIso, requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { parseCalendarDate } from '../shared/dates.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { getPlan, insertPlan } from './plans.repository.js';

export const planKinds: PlanKind[] = ['account', 'opportunity'];

export async function addPlan(
  scope: Scope,
  input: { kind: string; name: string; owner: string; goal?: string | undefined; ends?: string | undefined },
): Promise<Plan> {
  requireActor(scope);
  if (!planKinds.includes(input.kind as PlanKind)) {
    throw invalid(
      'invalid_plan_kind',
      `A plan is an account or an opportunity plan: ft plan add account|opportunity NAME (got "${input.kind}").`,
    );
  }
  if (!input.name.trim()) throw invalid('missing_name', 'Name the plan, like "Acme FY27 expansion".');
  const owner = await resolvePerson(scope, input.owner);
  const startsOn = today(scope);
  const endsOn = input.ends ? parseCalendarDate(input.ends, '--ends') : null;
  if (endsOn && endsOn < startsOn)
    throw invalid('ends_before_start', `--ends ${endsOn} is before today (${startsOn}).`);
  return insertPlan(scope.db, {
    organization_id: scope.org.id,
    kind: input.kind as PlanKind,
    name: input.name.trim(),
    owner_id: owner.id,
    goal: input.goal?.trim() || null,
    starts_on: startsOn,
    ends_on: endsOn,
    outcome: 'open',
    created_at: nowIso(scope),
  });
}

export async function getPlanOrFail(scope: Scope, ref: string): Promise<Plan> {
  const id = parseId('plan', ref);
  const plan = await getPlan(scope.db, scope.org.id, id);
  if (!plan) throw notFound('plan', formatId('plan', id), 'See the ids printed by `ft plan add`.');
  return plan;
}

/** A plan with its commitments and how far along it is. */
export async function showPlan(scope: Scope, ref: string) {
  const plan = await getPlanOrFail(scope, ref);
  const [owner] = await getPeople(scope.db, scope.org.id, [plan.owner_id]);
  const items = await loadViews(
    scope,
    await findCommitments(scope.db, scope.org.id, { planIds: [plan.id], limit: 1000 }),
  );
  const count = (status: string) => items.filter((v) => v.commitment.status === status).length;
  const counted = items.filter((v) => v.commitment.status !== 'dropped').length;
  const progress = {
    total: counted,
    done: count('done'),
    open: count('open'),
    overdue: items.filter((v) => v.overdue).length,
    missed: count('missed'),
    dropped: count('dropped'),
    percentDone: counted ? Math.round((100 * count('done')) / counted) : 0,
  };
  return { plan, owner: owner ?? null, items, progress };
}

export async function closePlan(scope: Scope, ref: string, outcome: string): Promise<Plan> {
  requireActor(scope);
  if (outcome !== 'won' && outcome !== 'lost')
    throw invalid('invalid_plan_outcome', `--outcome must be won or lost (got "${outcome}").`);
  const plan = await getPlanOrFail(scope, ref);
  if (plan.outcome !== 'open')
    throw conflict('plan_closed', `${formatId('plan', plan.id)} is already ${plan.outcome}.`);
  return scope.db
    .updateTable('plans')
    .set({ outcome: outcome as PlanOutcome, ends_on: plan.ends_on ?? today(scope) })
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
