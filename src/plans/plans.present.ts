import { commitmentJson, personJson } from '../commitments/commitments.present.js';
import type { Plan } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import type { planList, showPlan } from './plans.usecases.js';

export const planJson = (p: Plan) => ({
  id: formatId('plan', p.id),
  kind: p.kind,
  name: p.name,
  goal: p.goal,
  startsOn: p.starts_on,
  endsOn: p.ends_on,
  outcome: p.outcome,
  company: p.company,
});

/** A plan in a list: with its owner and how many of its next steps are open. */
export const planRowJson = ({ plan, owner, openItems }: Awaited<ReturnType<typeof planList>>[number]) => ({
  ...planJson(plan),
  owner: personJson(owner),
  openItems,
});

/** `ft plan show --json` and the API alike: the plan, its progress and its commitments. */
export const planDetailJson = (shown: Awaited<ReturnType<typeof showPlan>>) => ({
  ...planJson(shown.plan),
  owner: personJson(shown.owner),
  progress: shown.progress,
  commitments: shown.items.map(commitmentJson),
});
