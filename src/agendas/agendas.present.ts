import { type Style, section } from '../cli/kit/output.js';
import { commitmentJson, dueText, followUpJson, personJson } from '../commitments/commitments.present.js';
import { outcomeText } from '../followups/followups.messages.js';
import { formatId } from '../shared/ids.js';
import { localDate, shortDate } from '../shared/time.js';
import type { AgendaItem } from './agendas.build.js';
import type { AgendaResult } from './agendas.usecases.js';

const itemJson = (item: AgendaItem) => ({ ...commitmentJson(item.view), flags: item.flags });

export function agendaJson(result: AgendaResult) {
  return {
    title: result.title,
    series: result.series ? { id: formatId('series', result.series.id), name: result.series.name } : null,
    plan: result.plan ? { id: formatId('plan', result.plan.id), name: result.plan.name } : null,
    previousMeeting: result.previous
      ? { id: formatId('meeting', result.previous.id), startsAt: result.previous.starts_at }
      : null,
    pending: result.agenda.pending.map(itemJson),
    answered: result.agenda.answered.map((a) => ({
      ...followUpJson(a.followUp),
      what: a.commitment.what,
      answerer: personJson(a.answerer),
      nextStep: a.next
        ? { id: formatId('commitment', a.next.id), what: a.next.what, due: a.next.due_date }
        : null,
    })),
    plans: result.agenda.plans.map(itemJson),
    plansWithoutSteps: result.agenda.plansWithoutSteps.map((p) => ({
      id: formatId('plan', p.id),
      name: p.name,
    })),
  };
}

const itemLine = (item: AgendaItem, today: string, style: Style): string => {
  const v = item.view;
  const head = `${formatId('commitment', v.commitment.id)}  ${v.commitment.what} (${v.owner?.name ?? 'no owner'}, due ${dueText(v, today)})`;
  return item.flags.length ? `${head}\n    ${style.warn(`⚠ ${item.flags.join('; ')}`)}` : head;
};

export function agendaText(result: AgendaResult, today: string, zone: string, style: Style): string {
  const { agenda } = result;
  const since = result.previous
    ? ` since ${shortDate(localDate(result.previous.starts_at, zone), today)}`
    : '';
  const answered = agenda.answered.map((a) => {
    const lines = [
      `${formatId('follow_up', a.followUp.id)}  ${a.commitment.what}: ${a.followUp.outcome ? outcomeText[a.followUp.outcome] : ''}${a.answerer ? ` (${a.answerer.name})` : ''}`,
    ];
    if (a.followUp.happened) lines.push(`    happened: ${a.followUp.happened}`);
    if (a.followUp.learned) lines.push(`    learned: ${a.followUp.learned}`);
    if (a.next)
      lines.push(`    next: ${a.next.what} (${formatId('commitment', a.next.id)}, due ${a.next.due_date})`);
    return lines.join('\n');
  });
  return [
    style.bold(`Agenda: ${result.title}`),
    '',
    section('1. Pending', agenda.pending.map((i) => itemLine(i, today, style)).join('\n'), style),
    '',
    section(`2. Answered${since}`, answered.join('\n'), style),
    '',
    section(
      result.plan ? `3. The plan: ${result.plan.name}` : '3. Open in their plans',
      [
        ...agenda.plans.map((i) => itemLine(i, today, style)),
        ...agenda.plansWithoutSteps.map((p) =>
          style.warn(
            `⚠ ${formatId('plan', p.id)} ${p.name} has no next step: agree one (ft commit "…" --plan ${formatId('plan', p.id)})`,
          ),
        ),
      ].join('\n'),
      style,
    ),
  ].join('\n');
}
