import type { Command } from 'commander';
import { notesLines } from '../capture/capture.lines.js';
import { type Act, example } from '../cli/kit/command.js';
import { AppError } from '../shared/errors.js';
import { limits, multiLine, oneLine } from '../shared/text.js';
import type { CoachVerdict } from './coach.classify.js';
import { coachJson } from './coach.present.js';

const classifier = () => import('./coach.classify.js');

const verdictText = (text: string, v: CoachVerdict): string =>
  [
    `${v.label.replace('_', '-')} (${Math.round(v.confidence * 100)}%): ${text}`,
    v.cues.length
      ? `  because of: "${v.cues.join('", "')}"`
      : '  no cue: nothing buys it back, leaves it in limbo or hands it on',
    v.suggestion ? `  try instead: ${v.suggestion}` : null,
  ]
    .filter((l) => l !== null)
    .join('\n');

export function registerCoach(program: Command, act: Act): void {
  example(
    program
      .command('coach')
      .description(
        "read a manager's reply to a report: buy_back, limbo, accountable or neutral, with the words that decided it and an accountable way to say it",
      )
      .argument('[text]', 'the reply (default: one reply per line on standard input)'),
    `ft coach "Leave it with me, I'll call their CFO" --json`,
    'ft coach --json < replies.txt',
  ).action(
    act(async ({ args, input }) => {
      if (args[0] !== undefined) {
        if (!args[0].trim())
          throw new AppError(
            'empty_text',
            'Give the reply to read, like `ft coach "Let me think about it"`.',
          );
        const text = oneLine(args[0], 'A reply', limits.note);
        const { coach } = await classifier();
        const verdict = coach(text);
        return { json: coachJson(verdict), text: verdictText(args[0], verdict) };
      }
      const piped = await input();
      if (piped === null) {
        throw new AppError(
          'no_text',
          'Give a reply to read (`ft coach "Let me think about it"`) or pipe one reply per line (`ft coach < replies.txt`).',
        );
      }
      const lines = notesLines(multiLine(piped, 'Replies', limits.notes)).map((line) =>
        oneLine(line, 'A reply', limits.note),
      );
      const { coach } = await classifier();
      const verdicts = lines.map((line) => coach(line));
      return {
        json: verdicts.map(coachJson),
        jsonLines: verdicts.map(coachJson),
        text: lines.map((line, i) => verdictText(line, verdicts[i] as CoachVerdict)).join('\n'),
      };
    }),
  );
}
