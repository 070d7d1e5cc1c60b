import type { Style } from '../cli/kit/output.js';
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

/** One element per line: its first step as `commitment`, and when it holds more, the rest as `also`. */
export const previewJson = (lines: CapturedLine[]) =>
  lines.map((l) => ({
    line: l.line,
    commitment: stepJson(l.steps[0] ?? null),
    ...(l.steps.length > 1 ? { also: l.steps.slice(1).map(stepJson) } : {}),
  }));

export const savedJson = (lines: SavedLine[]) =>
  lines.map((l) => {
    const saved = l.steps.map((step, i) => {
      const made = l.commitments[i];
      return { id: made ? formatId('commitment', made.id) : null, ...stepJson(step) };
    });
    return {
      line: l.line,
      commitment: saved[0] ?? null,
      ...(saved.length > 1 ? { also: saved.slice(1) } : {}),
      coach: coachJson(l.coach),
    };
  });

/** "Dana Ruiz · due Fri 20 Nov · limbo: outcome": what a line became, in a few words. */
export function stepSummary(step: CapturedStep<Person>, today: string, style: Style): string {
  const owner = step.owner
    ? step.owner.name
    : step.unresolvedOwner
      ? style.warn(unresolvedText(step.unresolvedOwner, step.candidates))
      : style.warn('no owner');
  const due = step.due
    ? `due ${describeDay(step.due.date, today, step.due.time)}`
    : style.warn(step.vagueDue ? `"${step.vagueDue}" is no date` : 'no date');
  const parts = [owner, step.what, due];
  if (step.with.length) parts.push(`with ${step.with.map((p) => p.name).join(', ')}`);
  if (step.outcome) parts.push(`so that ${step.outcome}`);
  return parts.join(' · ');
}

/** "Alex? (ambiguous: Alex Kim or Alex Turner)", "Jordan? (nobody here by that name)". */
export function unresolvedText(name: string, candidates: Pick<Person, 'name'>[]): string {
  return candidates.length
    ? `${name}? (ambiguous: ${candidates.map((p) => p.name).join(' or ')})`
    : `${name}? (nobody here by that name)`;
}

/** Each line of notes followed by what it became: next steps, a coach's flag, or nothing. */
export function linesText(
  lines: {
    line: string;
    steps: CapturedStep<Person>[];
    coach: CoachVerdict | null;
    ids?: (string | null)[];
  }[],
  today: string,
  style: Style,
): string {
  const out: string[] = [];
  for (const l of lines) {
    out.push(l.line ? `  ${l.line}` : '');
    l.steps.forEach((step, i) => {
      const limbo = step.limbo.length ? style.warn(`  ⚠ limbo: no ${step.limbo.join(', no ')}`) : '';
      const id = l.ids?.[i];
      out.push(`    → ${id ? `${id} ` : ''}${stepSummary(step, today, style)}${limbo}`);
    });
    const flag = coachNote(l.coach, style);
    if (flag) out.push(`    ${flag}`);
  }
  return out.join('\n');
}
