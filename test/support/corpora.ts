import { readFileSync } from 'node:fs';
import { type CapturedStep, captureLine } from '../../src/capture/capture.parse.js';
import { PeopleIndex } from '../../src/capture/capture.people.js';
import { type CoachLabel, coach, coachLabels } from '../../src/coach/coach.classify.js';

/**
 * The labelled corpora and how they are scored. Each corpus has a development file (the
 * rules were tuned on it) and a held-out file written apart from the rules.
 */

const corpusPath = (name: string) => new URL(`../corpora/${name}`, import.meta.url);

export interface ExpectedStep {
  owner: string | null;
  unresolvedOwner: string | null;
  due: string | null;
  with: string[];
  outcome: string | null;
}

export interface CaptureCase {
  line: string;
  meeting?: string;
  author?: string;
  kind?: string;
  /** Null for a line that is not a next step; a list when the line holds several. */
  expect: null | ExpectedStep | ExpectedStep[];
}

export const loadCaptureCorpus = (name: string): CaptureCase[] =>
  readFileSync(corpusPath(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CaptureCase);

interface Roster {
  members: { name: string; email: string }[];
  contacts: { name: string; email: string; company: string }[];
  planCompanies: string[];
}

const roster = JSON.parse(readFileSync(corpusPath('people.json'), 'utf8')) as Roster;

/** The people the capture corpora are written about (`test/corpora/people.json`). */
export const corpusPeople = new PeopleIndex(
  [
    ...roster.members.map((p) => ({ ...p, kind: 'member' as const })),
    ...roster.contacts.map((p) => ({ ...p, kind: 'contact' as const })),
  ].map((p, i) => ({ id: i + 1, ...p })),
  roster.planCompanies,
);

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .toLowerCase()
    .replace(/[\s.!,;]+$/, '')
    .trim();

export interface Miss {
  line: string;
  field: string;
  expected: unknown;
  got: unknown;
}

/** A rate, or null when there was nothing to score: an empty category never scores 100%. */
export const rate = (n: number, of: number): number | null => (of ? n / of : null);

export function scoreCapture(cases: CaptureCase[]) {
  const score = { steps: 0, nonSteps: 0, found: 0, leftAlone: 0, owner: 0, due: 0, with: 0, outcome: 0 };
  const misses: Miss[] = [];
  for (const c of cases) {
    const author = corpusPeople.lookup(c.author ?? 'mara@northwind.example');
    if (author.kind !== 'person') throw new Error(`unknown author in corpus: ${c.author}`);
    const got: CapturedStep<{ id: number; name: string; email: string }>[] = captureLine(c.line, {
      people: corpusPeople,
      author: author.person,
      meetingDate: c.meeting ?? '2026-11-18',
    });
    const miss = (field: string, expected: unknown, actual: unknown) =>
      misses.push({ line: c.line, field, expected, got: actual });
    if (!c.expect) {
      score.nonSteps++;
      if (got.length)
        miss(
          'step',
          null,
          got.map((g) => g.what),
        );
      else score.leftAlone++;
      continue;
    }
    const expected = Array.isArray(c.expect) ? c.expect : [c.expect];
    expected.forEach((e, i) => {
      score.steps++;
      const step = got[i];
      if (!step) {
        miss('step', 'a next step', null);
        return;
      }
      score.found++;
      const owner = `${step.owner?.email ?? null}/${step.unresolvedOwner}`;
      if (owner === `${e.owner}/${e.unresolvedOwner}`) score.owner++;
      else miss('owner', `${e.owner}/${e.unresolvedOwner}`, owner);
      if ((step.due?.date ?? null) === e.due) score.due++;
      else miss('due', e.due, step.due?.date ?? null);
      const withGot = step.with.map((p) => p.email).join(',');
      if (withGot === e.with.join(',')) score.with++;
      else miss('with', e.with.join(','), withGot);
      if (norm(step.outcome) === norm(e.outcome)) score.outcome++;
      else miss('outcome', e.outcome, step.outcome);
    });
    if (got.length > expected.length)
      miss(
        'step',
        `${expected.length} steps`,
        got.map((g) => g.what),
      );
  }
  return {
    lines: cases.length,
    ...score,
    rates: {
      stepsFound: rate(score.found, score.steps),
      nonStepsLeftAlone: rate(score.leftAlone, score.nonSteps),
      owner: rate(score.owner, score.steps),
      due: rate(score.due, score.steps),
      with: rate(score.with, score.steps),
      outcome: rate(score.outcome, score.steps),
    },
    misses,
  };
}

export interface CoachCase {
  label: CoachLabel;
  text: string;
}

export const loadCoachCorpus = (name: string): CoachCase[] =>
  readFileSync(corpusPath(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [label, text] = l.split('\t') as [CoachLabel, string];
      if (!coachLabels.includes(label)) throw new Error(`unknown label in corpus: ${l}`);
      return { label, text };
    });

export function scoreCoach(cases: CoachCase[]) {
  const perClass = Object.fromEntries(coachLabels.map((l) => [l, { total: 0, right: 0 }])) as Record<
    CoachLabel,
    { total: number; right: number }
  >;
  const misses: Miss[] = [];
  for (const c of cases) {
    const got = coach(c.text);
    perClass[c.label].total++;
    if (got.label === c.label) perClass[c.label].right++;
    else
      misses.push({
        line: c.text,
        field: 'label',
        expected: c.label,
        got: `${got.label} ${got.cues.join('|')}`,
      });
  }
  const right = Object.values(perClass).reduce((n, k) => n + k.right, 0);
  return {
    lines: cases.length,
    accuracy: rate(right, cases.length),
    recall: Object.fromEntries(
      coachLabels.map((l) => [l, rate(perClass[l].right, perClass[l].total)]),
    ) as Record<CoachLabel, number | null>,
    misses,
  };
}
