import type { Style } from '../cli/output.js';
import type { CoachVerdict } from '../coach/coach.classify.js';
import { coachJson, coachNote } from '../coach/coach.present.js';
import { personJson } from '../commitments/commitments.present.js';
import type { Person } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { describeDay } from '../shared/time.js';
import type { CapturedStep } from './capture.parse.js';
import type { CapturedLine, SavedLine } from './capture.usecases.js';

/** One line's next step, as `ft capture --json` prints it. */
export function stepJson(step: CapturedStep<Person> | null) {
  if (!step) return null;
  return {
    owner: personJson(step.owner),
    unresolvedOwner: step.unresolvedOwner,
    what: step.what,
    with: step.with.map(personJson),
    outcome: step.outcome,
    due: step.due?.date ?? null,
    limbo: step.limbo,
  };
}

export const previewJson = (lines: CapturedLine[]) =>
  lines.map((l) => ({ line: l.line, commitment: stepJson(l.step) }));

export const savedJson = (lines: SavedLine[]) =>
  lines.map((l) => ({
    line: l.line,
    commitment: l.step
      ? { id: l.commitment ? formatId('commitment', l.commitment.id) : null, ...stepJson(l.step) }
      : null,
    coach: coachJson(l.coach),
  }));

/** "Dana Ruiz · due Fri 20 Nov · limbo: outcome": what a line became, in a few words. */
export function stepSummary(step: CapturedStep<Person>, today: string, style: Style): string {
  const owner = step.owner
    ? step.owner.name
    : step.unresolvedOwner
      ? style.warn(`${step.unresolvedOwner}? (nobody here by that name)`)
      : style.warn('no owner');
  const due = step.due
    ? `due ${describeDay(step.due.date, today, step.due.time)}`
    : style.warn(step.vagueDue ? `"${step.vagueDue}" is no date` : 'no date');
  const parts = [owner, step.what, due];
  if (step.with.length) parts.push(`with ${step.with.map((p) => p.name).join(', ')}`);
  if (step.outcome) parts.push(`so that ${step.outcome}`);
  return parts.join(' · ');
}

/** Each line of notes followed by what it became: a next step, a coach's flag, or nothing. */
export function linesText(
  lines: {
    line: string;
    step: CapturedStep<Person> | null;
    coach: CoachVerdict | null;
    id?: string | null;
  }[],
  today: string,
  style: Style,
): string {
  const out: string[] = [];
  for (const l of lines) {
    out.push(l.line ? `  ${l.line}` : '');
    if (l.step) {
      const limbo = l.step.limbo.length ? style.warn(`  ⚠ limbo: no ${l.step.limbo.join(', no ')}`) : '';
      out.push(`    → ${l.id ? `${l.id} ` : ''}${stepSummary(l.step, today, style)}${limbo}`);
    }
    const flag = coachNote(l.coach, style);
    if (flag) out.push(`    ${flag}`);
  }
  return out.join('\n');
}
