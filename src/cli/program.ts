import { Command, CommanderError } from 'commander';
import { registerCalendar } from '../calendar/calendar.commands.js';
import { registerCapture } from '../capture/capture.commands.js';
import { registerCoach } from '../coach/coach.commands.js';
import { registerCommitments } from '../commitments/commitments.commands.js';
import { registerDemo } from '../demo/demo.commands.js';
import { registerFeeds } from '../feeds/feeds.commands.js';
import { registerFollowUps } from '../followups/followups.commands.js';
import { registerInit } from '../init/init.commands.js';
import { registerMeetings } from '../meetings/meetings.commands.js';
import { registerOrganization } from '../organizations/organizations.commands.js';
import { type Scope, today } from '../organizations/scope.js';
import { registerOutbox } from '../outbox/outbox.commands.js';
import { registerPeople } from '../people/people.commands.js';
import { registerPlans } from '../plans/plans.commands.js';
import { registerRemote } from '../remote/remote.commands.js';
import { registerServer } from '../server/server.commands.js';
import { AppError, DataError } from '../shared/errors.js';
import { readSettings, type Settings, settingSpecs, settingsHelp } from '../shared/settings.js';
import { registerStats } from '../stats/stats.commands.js';
import { presentDay } from '../today/today.commands.js';
import { registerWrapups } from '../wrapups/wrapups.commands.js';
import type { DataInfo } from './context.js';
import type { Act, Handler } from './kit/command.js';
import { lazy } from './kit/lazy.js';
import { colours, plain } from './kit/output.js';

// The database, its driver and the use cases load when a command runs, not for --help.
const withScope = lazy(() => import('./context.js'), 'withScope');
const myDay = lazy(() => import('../today/today.usecases.js'), 'myDay');
const viaServer = lazy(() => import('../remote/remote.cli.js'), 'viaServer');
const loginOf = lazy(() => import('../remote/remote.login.js'), 'currentLogin');

/** Opens the scope a command acts in, runs it there, and closes what it opened. */
export type Opener = (
  settings: Settings,
  options: { create: boolean },
  work: (scope: Scope, data: DataInfo) => Promise<void>,
) => Promise<void>;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Everything piped to standard input, or null when nothing is (a terminal). */
  readStdin?: () => Promise<string | null>;
  /**
   * Where an unexpected failure goes when the output reaches someone else (a command run by the
   * server for a client): then the output says only that something went wrong.
   */
  unexpected?: (error: unknown) => void;
  /** Asks for a secret on the terminal without showing it; null when there is no terminal. */
  askSecret?: (prompt: string) => Promise<string | null>;
  /**
   * For the commands that run until stopped (ft serve, ft worker): a signal that aborts when
   * the process is asked to stop. Without it they stop as soon as they have started.
   */
  stopSignal?: () => AbortSignal;
}

/**
 * Runs one command line and returns its exit code: 0 done, 1 refused (bad input), 2 bad usage,
 * 3 unexpected, 4 the data cannot be used as it is (missing, read-only, damaged, disk full, newer).
 */
export async function runCli(argv: string[], io: CliIO, opener?: Opener): Promise<number> {
  let exitCode = 0;
  let json = argv.includes('--json');
  const style = io.isTTY && !io.env.NO_COLOR ? colours : plain;

  const act: Act =
    (handler: Handler, actOptions = {}) =>
    async (...commanderArgs: unknown[]) => {
      const command = commanderArgs.at(-1) as Command;
      const options = command.optsWithGlobals() as Record<string, unknown>;
      json = options.json === true;
      // Signed in to a server (ft login), the command runs there, as the signed-in member.
      const login = opener ? null : await loginOf(io.env);
      if (login) {
        exitCode = await viaServer(login, io, {
          argv,
          word: commandWord(argv),
          options,
          createsData: actOptions.createsData === true,
        });
        return;
      }
      const settings = readSettings(options as Record<string, string | undefined>, io.env);
      await (opener ?? withScope)(
        settings,
        { create: actOptions.createsData === true },
        async (scope, data) => {
          const zone = scope.actor?.time_zone ?? scope.org.time_zone;
          const output = await handler({
            scope,
            style,
            today: today(scope),
            zone,
            options,
            args: command.args,
            input: async () => (io.readStdin ? await io.readStdin() : null),
            data,
          });
          if (json && output.jsonLines) {
            io.stdout(output.jsonLines.map((line) => `${JSON.stringify(line)}\n`).join(''));
          } else {
            io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
          }
        },
      );
    };

  const program = buildProgram(io, act, argv);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = report(error, io, json);
  }
  return exitCode;
}

/**
 * Every command, option and argument, wired to `act`. Built once per run; the fuzz test walks
 * it to reach every command, so a new one is covered without a list to keep up to date.
 */
export function buildProgram(io: CliIO, act: Act, argv: string[] = []): Command {
  const program = new Command('ft')
    .description(
      'Followthrough: every next step agreed in a meeting gets one owner, an outcome and a date;\nfollow-ups go out on the date, and the next 1:1 starts with what is still pending.',
    )
    // Usage errors are reported with the others (report, below): one line, JSON with --json.
    .configureOutput({
      writeOut: io.stdout,
      writeErr: (text) => io.stderr(printable(text)),
      outputError: () => {},
    })
    .exitOverride()
    .option('--json', 'print one JSON document');
  for (const spec of settingSpecs)
    if (spec.flag) program.option(spec.flag, `${spec.description} [${spec.env}]`);
  program.addHelpText(
    'after',
    `\n${settingsHelp()}\n\nWith no command, ft shows the acting person's day.\n\nExample:\n  $ ft demo && ft --as mara@northwind.example`,
  );

  // Building every command costs time on every run: a known command builds only its own group
  // (with no command line, all of them).
  const word = commandWord(argv);
  const group = registrars.find(([, names]) => word !== undefined && names.includes(word));
  for (const [register] of group ? [group] : registrars) register(program, act, io);
  const showDay = act(async ({ scope, style }) => presentDay(await myDay(scope), style));
  program.allowExcessArguments(true).action(async (...args: unknown[]) => {
    const [word] = (args.at(-1) as Command).args;
    if (word !== undefined) {
      program.error(`error: unknown command '${word}'; see ft --help for the commands`, {
        exitCode: 2,
        code: 'commander.unknownCommand',
      });
    }
    await showDay(...args);
  });
  addJsonOption(program.commands);
  return program;
}

type Registrar = (program: Command, act: Act, io: CliIO) => void;

/** Each feature's commands, by the top-level names they register (a test checks the names). */
export const registrars: [Registrar, string[]][] = [
  [registerInit, ['init']],
  [registerPeople, ['person']],
  [registerMeetings, ['meeting', 'agenda', 'series']],
  [registerWrapups, ['wrapup']],
  [registerCapture, ['note', 'capture']],
  [
    registerCommitments,
    ['commit', 'list', 'show', 'agree', 'done', 'missed', 'move', 'reassign', 'drop', 'edit', 'reopen'],
  ],
  [registerFollowUps, ['tick', 'followups', 'answer']],
  [registerPlans, ['plan']],
  [registerCalendar, ['away', 'holidays']],
  [registerStats, ['stats']],
  [registerCoach, ['coach']],
  [registerOutbox, ['outbox']],
  [registerFeeds, ['calendar']],
  [registerOrganization, ['settings']],
  [registerDemo, ['demo', 'start']],
  [(program, _act, io) => registerServer(program, io), ['serve', 'worker']],
  [(program, _act, io) => registerRemote(program, io), ['login', 'logout']],
];

/** The command a command line names: its first word that is not an option or an option's value. */
export function commandWord(argv: string[]): string | undefined {
  const withValue = new Set(settingSpecs.flatMap((s) => (s.flag ? [s.flag.split(' ')[0] as string] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (withValue.has(arg)) i += 1;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Every command that does something takes --json, and says so in its help. */
function addJsonOption(commands: readonly Command[]): void {
  for (const command of commands) {
    if (command.commands.length) addJsonOption(command.commands);
    else command.option('--json', 'print one JSON document');
  }
}

function report(error: unknown, io: CliIO, json: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; commander has already printed them.
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return 0;
    io.stderr(usage(error, json));
    return 2;
  }
  if (error instanceof AppError) {
    io.stderr(
      json
        ? `${JSON.stringify({ error: { code: error.code, message: error.message, ...error.details } })}\n`
        : `ft: ${error.message} [${error.code}]\n`,
    );
    if (io.env.FOLLOWTHROUGH_DEBUG && error.cause instanceof Error) io.stderr(`${error.cause.stack}\n`);
    return error instanceof DataError ? 4 : 1;
  }
  if (io.unexpected) {
    io.unexpected(error);
    io.stderr(
      json
        ? `${JSON.stringify({ error: { code: 'internal_error', message: 'Something unexpected went wrong; nothing was saved.' } })}\n`
        : 'ft: something unexpected went wrong on the server; nothing was saved. [internal_error]\n',
    );
    return 3;
  }
  // What went wrong may quote input (a path, a value): one short line of it, no control characters.
  const said = printable((error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' '));
  const message = said.length > 200 ? `${said.slice(0, 199)}…` : said;
  io.stderr(
    json
      ? `${JSON.stringify({ error: { code: 'internal_error', message: 'Something unexpected went wrong; nothing was saved.' } })}\n`
      : `ft: something unexpected went wrong; nothing was saved. (${message})\n`,
  );
  if (io.env.FOLLOWTHROUGH_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return 3;
}

/**
 * A usage error from commander, which quotes what was typed: its message on one line, every
 * control character shown as "?" (a line break typed into an option does not start a line of
 * its own), then commander's suggestion and a hint; with --json, one JSON document with a
 * code like `unknown_option`.
 */
function usage(error: CommanderError, json: boolean): string {
  const [said = '', suggestion] = error.message.replace(/^error: /, '').split(/\n(?=\(Did you mean )/);
  const message = printable(said.replace(/[\t\n]/g, '?'));
  if (json) {
    const code = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const full = suggestion ? `${message} ${printable(suggestion)}` : message;
    return `${JSON.stringify({ error: { code: code === 'error' ? 'bad_usage' : code, message: full } })}\n`;
  }
  return `error: ${message}\n${suggestion ? `${printable(suggestion)}\n` : ''}(add --help for usage)\n`;
}

/** Text that echoes input, made safe for a terminal: control characters out, each line short. */
function printable(text: string): string {
  return (
    text
      .split('\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?'))
      .map((line) => (line.length > 300 ? `${line.slice(0, 297)}…` : line))
      .join('\n')
  );
}
