import { CUES, type Cue, DATE, DIRECTIVE, NEGATED_SELF } from './coach.cues.js';

/**
 * The delegation coach: reads a manager's reply to a report and says whether it buys the
 * task back, leaves it in limbo, keeps the report accountable, or does none of these.
 *
 * A cue lexicon with weights, not a trained model: every decision can be traced to the
 * words that made it (`cues`), and a wrong call is mended by editing a list that a sales
 * manager can read. Each label's score is the sum of its cues' weights; the highest wins.
 */

export const coachLabels = ['buy_back', 'limbo', 'accountable', 'neutral'] as const;
export type CoachLabel = (typeof coachLabels)[number];

export interface CoachVerdict {
  label: CoachLabel;
  /** The winning score's share of all the evidence, 0–1. */
  confidence: number;
  /** The words that decided it. */
  cues: string[];
  /** An accountable way to say it, for buy-back and limbo. */
  suggestion: string | null;
}

/** With nothing else said, a reply is neutral: this is its score when no cue fires. */
const NEUTRAL_PRIOR = 1;

export function coach(text: string): CoachVerdict {
  const said = normalise(text);
  const scores: Record<CoachLabel, number> = { buy_back: 0, limbo: 0, accountable: 0, neutral: 0 };
  const hits: Record<CoachLabel, string[]> = { buy_back: [], limbo: [], accountable: [], neutral: [] };
  const hit = (cue: Pick<Cue, 'label' | 'weight'>, words: string) => {
    scores[cue.label] += cue.weight;
    if (!hits[cue.label].includes(words)) hits[cue.label].push(words);
  };
  for (const cue of CUES) {
    for (const m of said.matchAll(cue.pattern)) {
      if (cue.label === 'buy_back' && NEGATED_SELF.test(m[0])) continue;
      hit(cue, m[0].trim());
    }
  }
  // A date given to the report ("send me the plan by Thursday") makes a hand-back concrete.
  const date = DATE.exec(said);
  const directive = DIRECTIVE.exec(said);
  if (date && directive && scores.buy_back === 0 && scores.limbo < 2) {
    hit({ label: 'accountable', weight: 2 }, `${directive[0].trim()} … ${date[0].trim()}`);
  }
  if (scores.buy_back + scores.limbo + scores.accountable === 0) scores.neutral += NEUTRAL_PRIOR;

  const ranked = [...coachLabels].sort((a, b) => scores[b] - scores[a]);
  const label = ranked[0] as CoachLabel;
  const total = coachLabels.reduce((n, l) => n + scores[l], 0);
  return {
    label,
    confidence: Math.round((scores[label] / (total + 1)) * 100) / 100,
    cues: hits[label],
    suggestion: suggest(label, said, Boolean(date)),
  };
}

/** Straight quotes, lower case, and the chat spellings the cues expect. */
function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\bu\b/g, 'you')
    .replace(/\bur\b/g, 'your')
    .replace(/\bwhats\b/g, "what's")
    .replace(/\byouve\b/g, "you've")
    .replace(/\byoure\b/g, "you're")
    .replace(/\bim\b/g, "i'm")
    .replace(
      /\bi ll\b|\bill\b(?= (?:take|handle|deal|look|do|call|send|get|check|sort|ping|fix|reach|talk|draft|write))/g,
      "i'll",
    )
    .replace(/\s+/g, ' ')
    .trim()} `;
}

function suggest(label: CoachLabel, said: string, hasDate: boolean): string | null {
  if (label === 'buy_back') {
    return "What's your plan for it? I'm counting on you to see it through.";
  }
  if (label !== 'limbo') return null;
  const missing: string[] = [];
  if (!/\byou\b|\byour\b/.test(said) || /\b(?:some(?:one|body)|we|let's)\b/.test(said))
    missing.push('who owns it');
  missing.push('the next step');
  if (!hasDate) missing.push('by when');
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
  return `Name ${list}: "You own this. What's your next step, and when will it be done?"`;
}
