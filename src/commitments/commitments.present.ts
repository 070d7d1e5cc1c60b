import type { Style } from '../cli/kit/output.js';
import { table } from '../cli/kit/output.js';
import type { Commitment, CommitmentEvent, FollowUp, Person } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { describeDay, describeInstant } from '../shared/time.js';
import { stallReasonText } from './commitments.rules.js';
import type { CommitmentView } from './commitments.views.js';

export const personJson = (p: Person | null) => (p ? { name: p.name, email: p.email } : null);

export function followUpJson(f: FollowUp | null) {
  if (!f) return null;
  return {
    id: formatId('follow_up', f.id),
    commitment: formatId('commitment', f.commitment_id),
    status: f.status,
    fireAt: f.fire_at,
    sentAt: f.sent_at,
    late: f.late === 1,
    answerDueAt: f.answer_due_at,
    answeredAt: f.answered_at,
    outcome: f.outcome,
    happened: f.happened,
    learned: f.learned,
    next: f.next_commitment_id ? formatId('commitment', f.next_commitment_id) : null,
    ask: f.ask,
  };
}

export function commitmentJson(v: CommitmentView) {
  const c = v.commitment;
  return {
    id: formatId('commitment', c.id),
    what: c.what,
    owner: personJson(v.owner),
    with: v.with.map(personJson),
    outcome: c.outcome,
    due: c.due_date,
    dueTime: c.due_time,
    dueAt: c.due_at,
    vagueDue: c.vague_due,
    status: c.status,
    source: c.source,
    meeting: c.meeting_id ? formatId('meeting', c.meeting_id) : null,
    plan: c.plan_id ? formatId('plan', c.plan_id) : null,
    delegatedBy: personJson(v.delegatedBy),
    needs: c.needs,
    after: v.prerequisiteIds.map((id) => formatId('commitment', id)),
    follows: c.follows_id ? formatId('commitment', c.follows_id) : null,
    every: c.every ? { rule: c.every, text: v.every } : null,
    repeats: c.repeats_id ? formatId('commitment', c.repeats_id) : null,
    renegotiations: c.renegotiations,
    overdue: v.overdue,
    stalled: v.stalled,
    limbo: v.limbo,
    visibility: c.visibility,
    createdAt: c.created_at,
    closedAt: c.closed_at,
    doneOn: c.done_on,
    followUp: followUpJson(v.followUp),
  };
}

export function dueText(v: CommitmentView, today: string): string {
  const c = v.commitment;
  if (!c.due_date) return c.vague_due ? `"${c.vague_due}"` : 'no date';
  return describeDay(c.due_date, today, c.due_time);
}

/** "follow-up f1 fires Mon 30 Nov 09:00 (America/New_York)": in the owner's zone, and saying so. */
export function followUpLine(f: FollowUp, zone: string, today: string): string {
  return `follow-up ${formatId('follow_up', f.id)} fires ${describeInstant(f.fire_at, zone, today)} (${zone})`;
}

/** A date already past when it is agreed is usually a typo; say what will happen. */
export function pastDueWarning(v: CommitmentView, style: Style): string | null {
  return v.overdue
    ? style.warn('⚠ That date has already passed: the follow-up goes out at the next tick.')
    : null;
}

/** Short warnings next to a commitment: overdue, stalled, limbo. */
export function flags(v: CommitmentView, style: Style): string {
  const out: string[] = [];
  if (v.overdue) out.push('overdue');
  for (const s of v.stalled) out.push(`stalled (${stallReasonText[s]})`);
  if (v.limbo.length) out.push(`limbo (no ${v.limbo.join(', no ')})`);
  return out.length ? style.warn(`⚠ ${out.join('; ')}`) : '';
}

export function commitmentTable(views: CommitmentView[], today: string, style: Style): string {
  return table(
    ['ID', 'WHAT', 'OWNER', 'DUE', 'STATUS', ''],
    views.map((v) => [
      formatId('commitment', v.commitment.id),
      v.commitment.what,
      v.owner?.name ?? '(nobody)',
      v.commitment.status === 'open' ? dueText(v, today) : (v.commitment.due_date ?? ''),
      v.commitment.status,
      v.commitment.status === 'open' ? flags(v, style) : '',
    ]),
    style,
  );
}

const eventText = (e: CommitmentEvent, people: Map<number, Person>): string => {
  const data = JSON.parse(e.data) as Record<string, string | boolean | null | undefined>;
  const bits = Object.entries(data)
    .filter(([, value]) => value !== undefined && value !== null && value !== '' && value !== false)
    .map(([key, value]) => `${key}: ${value}`);
  const actor = e.actor_id ? (people.get(e.actor_id)?.name ?? '') : 'Followthrough';
  return `${e.kind.replace(/_/g, ' ')}${actor ? ` by ${actor}` : ''}${bits.length ? ` (${bits.join(', ')})` : ''}`;
};

/** Where a recurring step's series stands, as its timeline tells it. */
export function seriesState(c: Pick<Commitment, 'renewed_at'>, events: CommitmentEvent[]): string {
  if (events.some((e) => e.kind === 'series_ended')) return 'the series ended here';
  if (c.renewed_at) return 'its next is made';
  return 'the next is made when this one closes or its date passes';
}

/** `ft show`: the commitment, its follow-up and its timeline. */
export function commitmentDetail(
  v: CommitmentView,
  events: CommitmentEvent[],
  people: Map<number, Person>,
  today: string,
  zone: string,
  style: Style,
): string {
  const c = v.commitment;
  const rows: [string, string][] = [
    ['Owner', v.owner ? `${v.owner.name} <${v.owner.email}>` : '(nobody: limbo)'],
    ['Due', dueText(v, today)],
    ['Outcome', c.outcome ?? '(not defined)'],
    ['Status', c.status + (c.status === 'open' && flags(v, style) ? `  ${flags(v, style)}` : '')],
  ];
  if (v.with.length) rows.push(['With', v.with.map((p) => p.name).join(', ')]);
  if (v.delegatedBy) rows.push(['Delegated by', v.delegatedBy.name]);
  rows.push([
    'Source',
    c.source +
      (c.meeting_id ? ` ${formatId('meeting', c.meeting_id)}` : '') +
      (c.plan_id ? ` ${formatId('plan', c.plan_id)}` : ''),
  ]);
  if (c.needs) rows.push(['Needs', c.needs]);
  if (v.prerequisiteIds.length)
    rows.push(['After', v.prerequisiteIds.map((id) => formatId('commitment', id)).join(', ')]);
  if (c.follows_id) rows.push(['Follows', formatId('commitment', c.follows_id)]);
  if (v.every) rows.push(['Recurs', `${v.every}; ${seriesState(c, events)}`]);
  if (c.repeats_id) rows.push(['Repeats', formatId('commitment', c.repeats_id)]);
  if (c.renegotiations)
    rows.push(['Renegotiated', `${c.renegotiations} time${c.renegotiations === 1 ? '' : 's'}`]);
  const f = v.followUp;
  if (f) {
    const when = f.status === 'scheduled' ? `fires ${describeInstant(f.fire_at, zone, today)}` : f.status;
    rows.push(['Follow-up', `${formatId('follow_up', f.id)} ${when}${f.outcome ? `: ${f.outcome}` : ''}`]);
  }
  const head = `${style.bold(`${formatId('commitment', c.id)}  ${c.what}`)}\n${table(['', ''], rows, style).split('\n').slice(1).join('\n')}`;
  const timeline = events.map((e) => `  ${describeInstant(e.at, zone, today)}  ${eventText(e, people)}`);
  return `${head}\n\n${style.bold('Timeline')}\n${timeline.join('\n')}`;
}

/** A commitment with its follow-ups, next steps and timeline: `ft show --json` and the API alike. */
export function commitmentDetailJson(shown: {
  view: CommitmentView;
  followUps: FollowUp[];
  next: { id: number }[];
  events: CommitmentEvent[];
  people: Map<number, Person>;
}) {
  return {
    ...commitmentJson(shown.view),
    followUps: shown.followUps.map(followUpJson),
    nextSteps: shown.next.map((c) => formatId('commitment', c.id)),
    timeline: shown.events.map((e) => ({
      kind: e.kind,
      at: e.at,
      actor: e.actor_id ? (shown.people.get(e.actor_id)?.email ?? null) : null,
      ...JSON.parse(e.data),
    })),
  };
}
