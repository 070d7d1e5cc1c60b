import { stallReasonText } from '../commitments/commitments.rules.js';
import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Commitment, FollowUp, Person, Plan } from '../db/schema.js';
import { daysFrom } from '../shared/days.js';

export interface AgendaItem {
  view: CommitmentView;
  /** Why it is on top: "follow-up unanswered", "overdue 3 days", "due date moved twice or more"… */
  flags: string[];
}

export interface AnsweredItem {
  followUp: FollowUp;
  commitment: Commitment;
  answerer: Person | null;
  next: Commitment | null;
}

export interface Agenda {
  pending: AgendaItem[];
  answered: AnsweredItem[];
  plans: AgendaItem[];
  /** Open plans with no open step: "p3 has no next step". */
  plansWithoutSteps: Plan[];
}

/**
 * 0 heads the agenda: an unanswered follow-up, or a step its owner proposed to change or asked
 * help for; then overdue or stalled; then the rest.
 */
function rank(view: CommitmentView): number {
  if (view.stalled.includes('unanswered') || view.followUp?.status === 'unanswered') return 0;
  if (view.commitment.agreed_at === null && (view.commitment.proposal || view.commitment.help_asked))
    return 0;
  if (view.overdue || view.stalled.length > 0) return 1;
  return 2;
}

function flagsOf(view: CommitmentView, today: string, localDue: string | null): string[] {
  const flags: string[] = [];
  const c = view.commitment;
  if (c.agreed_at === null && c.proposal)
    flags.push(`${view.owner?.name ?? 'its owner'} proposes ${c.proposal}`);
  if (c.agreed_at === null && c.help_asked)
    flags.push(`${view.owner?.name ?? 'its owner'} needs ${c.help_asked}`);
  if (view.followUp?.status === 'unanswered' && !view.stalled.includes('unanswered'))
    flags.push('follow-up unanswered');
  if (view.overdue && localDue) {
    const days = daysFrom(localDue, today);
    flags.push(days <= 0 ? 'overdue' : `overdue ${days} day${days === 1 ? '' : 's'}`);
  }
  for (const reason of view.stalled) flags.push(`stalled: ${stallReasonText[reason]}`);
  if (view.limbo.length) flags.push(`limbo: no ${view.limbo.join(', no ')}`);
  return flags;
}

const byDue = (a: CommitmentView, b: CommitmentView): number => {
  const da = a.commitment.due_at ?? '9999';
  const db = b.commitment.due_at ?? '9999';
  return da === db ? a.commitment.id - b.commitment.id : da < db ? -1 : 1;
};

/**
 * What a meeting of a series starts with, in this order: pending items from earlier meetings
 * (unanswered, then overdue and stalled, then the rest, each by due date), the follow-ups
 * answered since the last meeting, and open items from the person's plans.
 */
export function buildAgenda(input: {
  pending: CommitmentView[];
  answered: AnsweredItem[];
  planItems: CommitmentView[];
  plansWithoutSteps?: Plan[];
  today: string;
}): Agenda {
  const item = (view: CommitmentView): AgendaItem => ({
    view,
    flags: flagsOf(view, input.today, view.commitment.due_date),
  });
  const listed = new Set(input.pending.map((v) => v.commitment.id));
  return {
    pending: [...input.pending].sort((a, b) => rank(a) - rank(b) || byDue(a, b)).map(item),
    answered: [...input.answered].sort(
      (a, b) =>
        (a.followUp.answered_at ?? '').localeCompare(b.followUp.answered_at ?? '') ||
        a.followUp.id - b.followUp.id,
    ),
    plans: input.planItems
      .filter((v) => !listed.has(v.commitment.id))
      .sort(byDue)
      .map(item),
    plansWithoutSteps: input.plansWithoutSteps ?? [],
  };
}
