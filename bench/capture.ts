/**
 * How fast notes are read: capture (a line of notes to a next step) and the coach (a reply
 * to a label), on one core, over the lines of both labelled corpora played round and round.
 * Usage: node --import tsx bench/capture.ts [lines]. Prints a Markdown table;
 * bench/capture.md keeps the last run.
 */
import { cpus } from 'node:os';
import { captureLine } from '../src/capture/capture.parse.js';
import { coach } from '../src/coach/coach.classify.js';
import { corpusPeople, loadCaptureCorpus, loadCoachCorpus } from '../test/support/corpora.js';

const total = Number(process.argv[2] ?? 200_000);
const notes = [...loadCaptureCorpus('capture.jsonl'), ...loadCaptureCorpus('capture.holdout.jsonl')];
const replies = [...loadCoachCorpus('coach.tsv'), ...loadCoachCorpus('coach.holdout.tsv')].map((c) => c.text);
const author = corpusPeople.lookup('mara@northwind.example');
if (author.kind !== 'person') throw new Error('the corpus author is missing');
const context = { people: corpusPeople, author: author.person, meetingDate: '2026-11-18' };

function measure(name: string, run: (i: number) => unknown): string {
  for (let i = 0; i < 5_000; i++) run(i); // warm up
  const started = process.hrtime.bigint();
  let kept = 0;
  for (let i = 0; i < total; i++) if (run(i)) kept++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(total / seconds);
  return `| ${name} | ${total.toLocaleString('en-US')} | ${(seconds * 1000).toFixed(0)} ms | ${perSecond.toLocaleString('en-US')} | ${((seconds / total) * 1e6).toFixed(1)} µs | ${kept.toLocaleString('en-US')} |`;
}

const rows = [
  measure(
    'capture a line of notes',
    (i) => captureLine((notes[i % notes.length] as { line: string }).line, context).length > 0,
  ),
  measure('coach a reply', (i) => coach(replies[i % replies.length] as string).label !== 'neutral'),
];

console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one core.\n`);
console.log('| what | lines | time | lines/s | per line | kept |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log(
  `\n"kept": lines that became a next step, or replies flagged as buy-back, limbo or accountable. Target: 20,000 lines/s.`,
);
