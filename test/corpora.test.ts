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
 * tuned on it) and a held-out file written apart from the rules: the held-out scores are
 * the honest estimate of how capture and the coach do on notes and replies they have not seen.
 */

const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
const report = (title: string, rows: [string, number][], misses: Miss[]) =>
  console.log(
    [
      `${title}:`,
      ...rows.map(([k, v]) => `  ${k.padEnd(22)} ${percent(v)}`),
      // Held-out misses stay unprinted, so that nobody tunes the rules on them.
      ...(title.includes('holdout') ? [] : misses)
        .slice(0, 10)
        .map((m) => `  miss (${m.field}): ${m.line} → ${JSON.stringify(m.got)}`),
    ].join('\n'),
  );

describe('capture corpus', () => {
  for (const file of ['capture.jsonl', 'capture.holdout.jsonl']) {
    it(`${file}: owner ≥ 98%, due date ≥ 97%, non-steps left alone ≥ 95%`, () => {
      const cases = loadCaptureCorpus(file);
      const score = scoreCapture(cases);
      report(
        `${file} (${score.lines} lines: ${score.steps} next steps, ${score.nonSteps} not)`,
        Object.entries(score.rates),
        score.misses,
      );
      assert.ok(score.steps > 0 && score.nonSteps > 0, 'the corpus has both kinds of line');
      assert.ok(score.rates.owner >= 0.98, `owner right ${percent(score.rates.owner)}`);
      assert.ok(score.rates.due >= 0.97, `due date right ${percent(score.rates.due)}`);
      assert.ok(
        score.rates.nonStepsLeftAlone >= 0.95,
        `left alone ${percent(score.rates.nonStepsLeftAlone)}`,
      );
      assert.ok(score.rates.stepsFound >= 0.95, `next steps found ${percent(score.rates.stepsFound)}`);
    });
  }

  it('the development corpus has at least 200 lines', () => {
    assert.ok(loadCaptureCorpus('capture.jsonl').length >= 200);
  });
});

describe('coach corpus', () => {
  for (const file of ['coach.tsv', 'coach.holdout.tsv']) {
    it(`${file}: accuracy ≥ 90%, every class ≥ 85% recall`, () => {
      const score = scoreCoach(loadCoachCorpus(file));
      report(
        `${file} (${score.lines} replies)`,
        [
          ['accuracy', score.accuracy],
          ...coachLabels.map((l): [string, number] => [`${l} recall`, score.recall[l]]),
        ],
        score.misses,
      );
      assert.ok(score.accuracy >= 0.9, `accuracy ${percent(score.accuracy)}`);
      for (const label of coachLabels) {
        assert.ok(score.recall[label] >= 0.85, `${label} recall ${percent(score.recall[label])}`);
      }
    });
  }

  it('the development corpus has at least 300 replies', () => {
    assert.ok(loadCoachCorpus('coach.tsv').length >= 300);
  });
});
