import type { Command } from 'commander';
import { type Act, type CommandContext, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { AppError } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { linesText, previewJson, savedJson } from './capture.present.js';

const addNotes = lazy(() => import('./capture.usecases.js'), 'addNotes');
const previewNotes = lazy(() => import('./capture.usecases.js'), 'previewNotes');

async function notesText(ctx: CommandContext, command: string): Promise<string> {
  const text = (ctx.options.text as string | undefined) ?? (await ctx.input());
  if (text === null || text === undefined) {
    throw new AppError(
      'no_notes',
      `Give the notes on standard input (\`${command} < notes.txt\`) or with --text "Dana to send pricing by Friday".`,
    );
  }
  return text;
}

/** The meeting as typed, for a hint to copy: an id-like word, else a placeholder (never a page of text). */
const typed = (ref: string): string => (/^[A-Za-z0-9_-]{1,40}$/.test(ref) ? ref : 'MEETING');

async function save(ctx: CommandContext, meetingRef: string, command: string) {
  const isPrivate = ctx.options.private === true;
  const { meeting, lines } = await addNotes(ctx.scope, meetingRef, await notesText(ctx, command), {
    plan: ctx.options.plan as string | undefined,
    private: isPrivate,
  });
  const made = lines.reduce((n, l) => n + l.commitments.length, 0);
  const id = formatId('meeting', meeting.id);
  const shown = lines.map((l) => ({ ...l, ids: l.commitments.map((c) => formatId('commitment', c.id)) }));
  if (isPrivate) {
    return {
      json: { meeting: id, private: true, lines: savedJson(lines) },
      text: `Added ${lines.length} private line${lines.length === 1 ? '' : 's'} of notes to ${id}: seen by you alone, notes only (no commitment, not in the wrap-up).`,
    };
  }
  return {
    json: { meeting: id, lines: savedJson(lines) },
    text: [
      `Added ${lines.length} line${lines.length === 1 ? '' : 's'} of notes to ${id}; ${made} became commitment${made === 1 ? '' : 's'}.`,
      linesText(shown, ctx.today, ctx.style),
      '',
      ctx.style.dim(
        `Correct before the wrap-up: ft reassign c… --owner …, ft move c… --due … --reason …, ft drop c… --reason …; review with ft meeting show ${id}`,
      ),
    ].join('\n'),
  };
}

export function registerCapture(program: Command, act: Act): void {
  example(
    program
      .command('note')
      .description(
        "add notes to a meeting: every line that states a next step becomes one of the meeting's commitments",
      )
      .argument('<meeting>', 'the meeting id (m…)')
      .option('--text <notes>', 'the notes (default: standard input)')
      .option('--plan <id>', "the plan the notes' next steps serve (default: the plan the meeting reviews)")
      .option(
        '--private',
        'private notes: seen by you alone; a note only, never a commitment, never in the wrap-up or any message',
      ),
    'ft note m1 --text "Dana to send revised pricing to Jo by Friday so that their CFO can sign off"',
    'ft note m1 < notes.txt',
    'ft note m1 --private --text "Dana seemed tired; ask about her workload"',
  ).action(act(async (ctx) => save(ctx, ctx.args[0] as string, `ft note ${typed(ctx.args[0] as string)}`)));

  example(
    program
      .command('capture')
      .description(
        'read notes (standard input) for a meeting and show what each line becomes; --dry-run saves nothing',
      )
      .requiredOption('--meeting <id>', 'the meeting the notes are from: its day, zone and author')
      .option('--dry-run', 'only show what each line would become')
      .option('--text <notes>', 'the notes (default: standard input)'),
    'ft capture --meeting m1 --dry-run --json < notes.txt',
  ).action(
    act(async (ctx) => {
      const meetingRef = ctx.options.meeting as string;
      if (ctx.options.dryRun !== true) {
        return save(ctx, meetingRef, `ft capture --meeting ${typed(meetingRef)}`);
      }
      const { meeting, lines } = await previewNotes(
        ctx.scope,
        meetingRef,
        await notesText(ctx, `ft capture --meeting ${typed(meetingRef)} --dry-run`),
      );
      const steps = lines.reduce((n, l) => n + l.steps.length, 0);
      return {
        json: previewJson(lines),
        text: [
          `${steps} next step${steps === 1 ? '' : 's'} in ${lines.length} line${lines.length === 1 ? '' : 's'} would become commitments of ${formatId('meeting', meeting.id)} (nothing saved):`,
          linesText(lines, ctx.today, ctx.style),
        ].join('\n'),
      };
    }),
  );
}
