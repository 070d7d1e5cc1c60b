import type { Style } from '../cli/kit/output.js';
import type { CoachVerdict } from './coach.classify.js';

export const verdictJson = (v: CoachVerdict) => ({
  label: v.label,
  confidence: v.confidence,
  cues: v.cues,
  suggestion: v.suggestion,
});

export const coachJson = (v: CoachVerdict | null) => (v ? verdictJson(v) : null);

/** The coach's flag on a line a manager wrote, when it found a buy-back or limbo. */
export function coachNote(v: CoachVerdict | null, style: Style): string | null {
  if (!v || (v.label !== 'buy_back' && v.label !== 'limbo')) return null;
  const name = v.label === 'buy_back' ? 'buy-back' : 'limbo';
  return style.warn(`⚑ ${name} ("${v.cues.join('", "')}"). ${v.suggestion ?? ''}`.trim());
}
