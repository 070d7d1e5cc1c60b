import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coachLabels } from '../src/coach/coach.classify.js';
import {
  loadCaptureCorpus,
  loadCoachCorpus,
  type Miss,
  scoreCapture,
  scoreCoach,
} from './support/corpora.js';

/**
 * The labelled corpora against their targets. Each has a development file (the rules were
 * written against it) and a held-out file written apart from the rules, from the labelling
 * guide alone (test/corpora/README.md): the held-out scores are the honest estimate of how
 * capture and the coach do on notes and replies they have not seen. Held-out misses are never
 * printed, so that nobody tunes the rules on them.
 */

const percent = (n: number | null) => (n === null ? 'n/a (nothing to score)' : `${(n * 100).toFixed(1)}%`);
const report = (title: string, rows: [string, number | null][], misses: Miss[], heldOut: boolean) =>
  console.log(
    [
      `${title}:`,
      ...rows.map(([k, v]) => `  ${k.padEnd(22)} ${percent(v)}`),
      ...(heldOut ? [] : misses)
        .slice(0, 15)
        .map(
          (m) =>
            `  miss (${m.field}): ${m.line} → ${JSON.stringify(m.got)} (expected ${JSON.stringify(m.expected)})`,
        ),
    ].join('\n'),
  );

/** The targets (the issue's), and what the held-out sets scored when first measured. */
const captureTargets = { owner: 0.98, due: 0.97, nonStepsLeftAlone: 0.95, stepsFound: 0.95 };
const coachTargets = { accuracy: 0.9, recall: 0.85 };

/** At least this, or the rule is broken: an empty category (null) never passes. */
const atLeast = (value: number | null, floor: number, what: string) =>
  assert.ok(value !== null && value >= floor, `${what}: ${percent(value)}, below ${percent(floor)}`);

describe('capture corpus', () => {
  it('capture.jsonl (development): owner ≥ 98%, due ≥ 97%, non-steps ≥ 95%, with and outcome ≥ 95%', () => {
    const score = scoreCapture(loadCaptureCorpus('capture.jsonl'));
    report(
      `capture.jsonl (${score.lines} lines: ${score.steps} next steps, ${score.nonSteps} not)`,
      Object.entries(score.rates),
      score.misses,
      false,
    );
    for (const [key, floor] of Object.entries(captureTargets)) {
      atLeast(score.rates[key as keyof typeof captureTargets], floor, key);
    }
    atLeast(score.rates.with, 0.95, 'with');
    atLeast(score.rates.outcome, 0.95, 'outcome');
  });

  it('capture.holdout.jsonl (held out): scored and reported, never tuned on', () => {
    const score = scoreCapture(loadCaptureCorpus('capture.holdout.jsonl'));
    report(
      `capture.holdout.jsonl (${score.lines} lines: ${score.steps} next steps, ${score.nonSteps} not)`,
      Object.entries(score.rates),
      score.misses,
      true,
    );
    for (const [key, floor] of Object.entries(heldOutCaptureFloors)) {
      atLeast(score.rates[key as keyof typeof heldOutCaptureFloors], floor, `held-out ${key}`);
    }
  });

  it('the development corpus has at least 200 lines and the held-out one at least 150', () => {
    assert.ok(loadCaptureCorpus('capture.jsonl').length >= 200);
    assert.ok(loadCaptureCorpus('capture.holdout.jsonl').length >= 150);
  });
});

describe('coach corpus', () => {
  it('coach.tsv (development): accuracy ≥ 90%, every class ≥ 85% recall', () => {
    const score = scoreCoach(loadCoachCorpus('coach.tsv'));
    report(
      `coach.tsv (${score.lines} replies)`,
      [
        ['accuracy', score.accuracy],
        ...coachLabels.map((l): [string, number | null] => [`${l} recall`, score.recall[l]]),
      ],
      score.misses,
      false,
    );
    atLeast(score.accuracy, coachTargets.accuracy, 'accuracy');
    for (const label of coachLabels) atLeast(score.recall[label], coachTargets.recall, `${label} recall`);
  });

  it('coach.holdout.tsv (held out): scored and reported, never tuned on', () => {
    const score = scoreCoach(loadCoachCorpus('coach.holdout.tsv'));
    report(
      `coach.holdout.tsv (${score.lines} replies)`,
      [
        ['accuracy', score.accuracy],
        ...coachLabels.map((l): [string, number | null] => [`${l} recall`, score.recall[l]]),
      ],
      score.misses,
      true,
    );
    atLeast(score.accuracy, heldOutCoachFloors.accuracy, 'held-out accuracy');
    for (const label of coachLabels)
      atLeast(score.recall[label], heldOutCoachFloors.recall, `held-out ${label} recall`);
  });

  it('the development corpus has at least 300 replies and the held-out one at least 200', () => {
    assert.ok(loadCoachCorpus('coach.tsv').length >= 300);
    assert.ok(loadCoachCorpus('coach.holdout.tsv').length >= 200);
  });
});

/**
 * The held-out sets may not meet the targets; the README says by how much. These floors are
 * the scores of their one measurement, rounded down, so that a change that makes capture or
 * the coach worse on unseen lines fails here.
 */
const heldOutCaptureFloors = { owner: 1, due: 1, nonStepsLeftAlone: 0.98, stepsFound: 1 };
/** Below the targets (accuracy 90%, every class 85%): the README says by how much. */
const heldOutCoachFloors = { accuracy: 0.885, recall: 0.77 };
