import { findCommitments } from '../commitments/commitments.repository.js';
import { dropCommitment } from '../commitments/commitments.usecases.js';
import { loadViews } from '../commitments/commitments.views.js';
import { parseForwardDate } from '../dates/dates.options.js';
import { inTransaction } from '../db/database.js';
import type { Plan, PlanKind, PlanOutcome } from '../db/schema.js';
import { nowIso, requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, mayActFor, notAllowed, planFor, planOwnersSeen, visibleSql } from '../policy/policy.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { limits, oneLine, optionalLine, quoted } from '../shared/text.js';
import { getPlan, insertPlan, listPlans } from './plans.repository.js';
import { planKinds } from './plans.rules.js';

export async function addPlan(
  scope: Scope,
  input: {
    kind: string;
    name: string;
    owner: string;
    goal?: string | undefined;
    ends?: string | undefined;
    company?: string | undefined;
    yes?: boolean | undefined;
  },
): Promise<Plan> {
  requireActor(scope);
  if (!planKinds.includes(input.kind as PlanKind)) {
    throw invalid(
      'invalid_plan_kind',
      `A plan is an account or an opportunity plan: ft plan add account|opportunity NAME (got ${quoted(input.kind)}).`,
    );
  }
  const name = oneLine(input.name, 'A plan name', limits.name);
  if (!name) throw invalid('missing_name', 'Name the plan, like "Acme FY27 expansion".');
  const owner = await resolvePerson(scope, input.owner, { active: true, preferMembers: true });
  if (!mayActFor(await accessOf(scope), owner.id)) {
    throw notAllowed(`You may add plans for yourself and the people below you, not for ${owner.name}.`);
  }
  const startsOn = today(scope);
  const endsOn = input.ends
    ? parseForwardDate(input.ends, {
        now: scope.clock.now(),
        zone: scope.actor?.time_zone ?? scope.org.time_zone,
        option: '--ends',
        yes: input.yes,
      })
    : null;
  if (endsOn && endsOn < startsOn)
    throw invalid('ends_before_start', `--ends ${endsOn} is before today (${startsOn}).`);
  return insertPlan(scope.db, {
    organization_id: scope.org.id,
    kind: input.kind as PlanKind,
    name,
    owner_id: owner.id,
    goal: optionalLine(input.goal, 'A goal', limits.outcome),
    company: optionalLine(input.company, 'A company', limits.company),
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

/** A plan with its commitments (those the scope may see) and how far along it is. */
export async function showPlan(scope: Scope, ref: string) {
  const plan = await planFor(scope, ref);
  const [owner] = await getPeople(scope.db, scope.org.id, [plan.owner_id]);
  const visible = visibleSql(await accessOf(scope));
  const items = await loadViews(
    scope,
    await findCommitments(scope.db, scope.org.id, {
      planIds: [plan.id],
      conditions: visible ? [visible] : [],
      limit: 1000,
    }),
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

/** What closing a plan does with its open steps: keeps them open, or drops them, saying why. */
export const openItemChoices = ['keep', 'drop'] as const;
export type OpenItemChoice = (typeof openItemChoices)[number];

/**
 * Closes a plan as won or lost. Its open steps stay open unless `openItems` is `drop`: then
 * each is dropped ("the plan was won"), all in one transaction with the plan, or none.
 */
export async function closePlan(
  scope: Scope,
  ref: string,
  outcome: string,
  options: { openItems?: string | undefined } = {},
): Promise<Plan & { dropped: number }> {
  requireActor(scope);
  if (outcome !== 'won' && outcome !== 'lost')
    throw invalid('invalid_plan_outcome', `--outcome must be won or lost (got ${quoted(outcome)}).`);
  const choice = options.openItems ?? 'keep';
  if (!openItemChoices.includes(choice as OpenItemChoice))
    throw invalid('invalid_open_items', `--open-items must be keep or drop (got ${quoted(choice)}).`);
  const plan = await planFor(scope, ref);
  if (!mayActFor(await accessOf(scope), plan.owner_id)) {
    throw notAllowed(
      `Only the plan’s owner, those above them and an admin close ${formatId('plan', plan.id)}.`,
    );
  }
  if (plan.outcome !== 'open')
    throw conflict('plan_closed', `${formatId('plan', plan.id)} is already ${plan.outcome}.`);
  return inTransaction(scope.db, async (trx) => {
    const inTrx = { ...scope, db: trx };
    let dropped = 0;
    if (choice === 'drop') {
      const open = await findCommitments(trx, scope.org.id, {
        planIds: [plan.id],
        statuses: ['open'],
        limit: 10_000,
      });
      for (const c of open) {
        await dropCommitment(inTrx, formatId('commitment', c.id), `The plan was ${outcome}.`);
        dropped += 1;
      }
    }
    const closed = await trx
      .updateTable('plans')
      .set({ outcome: outcome as PlanOutcome, ends_on: plan.ends_on ?? today(scope) })
      .where('id', '=', plan.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...closed, dropped };
  });
}

/**
 * Plans (open ones, or all) the scope may see, optionally one person's, with how many of the
 * next steps it may see are open.
 */
export async function planList(scope: Scope, input: { owner?: string | undefined; all: boolean }) {
  const owner = input.owner ? await resolvePerson(scope, input.owner, { preferMembers: true }) : undefined;
  const access = await accessOf(scope);
  const seen = planOwnersSeen(access);
  const asked = owner ? [owner.id] : undefined;
  const ownerIds = seen ? (asked ?? seen).filter((id) => seen.includes(id)) : asked;
  if (ownerIds?.length === 0) return [];
  const rows = await listPlans(scope.db, scope.org.id, {
    ownerIds,
    all: input.all,
    visible: visibleSql(access),
  });
  const owners = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        rows.map((r) => r.owner_id),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map(({ open_items, ...plan }) => ({
    plan: plan as Plan,
    owner: owners.get(plan.owner_id) ?? null,
    openItems: Number(open_items),
  }));
}
