import type { CliIO } from '../cli/program.js';
import { AppError } from '../shared/errors.js';
import { runRemote } from './remote.client.js';
import type { Login } from './remote.login.js';
import { chosenByServer, readsInput, runsRemotely } from './remote.rules.js';

/**
 * A command line run through the server this one is signed in to: refused here when it works
 * on local data or names what the server decides (who one is, the data, the time); else sent
 * with what is piped in, and printed as the server's run of it printed, with its exit code.
 */
export async function viaServer(
  login: Login,
  io: CliIO,
  command: {
    argv: string[];
    word: string | undefined;
    options: Record<string, unknown>;
    createsData: boolean;
  },
): Promise<number> {
  const where =
    login.from === 'file' ? `signed in to ${login.url}` : `working through ${login.url} (FOLLOWTHROUGH_URL)`;
  const away = login.from === 'file' ? '`ft logout`' : 'unset FOLLOWTHROUGH_URL and FOLLOWTHROUGH_TOKEN';
  if (command.createsData || !runsRemotely(command.word)) {
    throw new AppError(
      'not_remote',
      `\`ft ${command.word}\` works on local data, and you are ${where}: ${away} to use it here.`,
      400,
    );
  }
  for (const { flag, env } of chosenByServer) {
    const given = flag && command.options[flag.slice(2)] !== undefined ? flag : io.env[env] ? env : null;
    if (given) {
      throw new AppError(
        given === '--as' || given === 'FOLLOWTHROUGH_AS' ? 'as_refused' : 'remote_setting',
        `You are ${where}: the server decides who you are, which data and what time it is, so ${given} is not taken. Leave it out, or ${away} to work on local data.`,
        400,
      );
    }
  }
  const stdin = command.word && readsInput.has(command.word) && io.readStdin ? await io.readStdin() : null;
  const run = await runRemote(login, { argv: command.argv, stdin, colour: io.isTTY && !io.env.NO_COLOR });
  if (run.stdout) io.stdout(run.stdout);
  if (run.stderr) io.stderr(run.stderr);
  return run.exitCode;
}
