import type { DataInfo } from '../cli/context.js';
import type { DataLocation } from '../db/location.js';
import type { Scope } from '../organizations/scope.js';
import { AppError } from '../shared/errors.js';
import { readSettings } from '../shared/settings.js';
import { chosenByServer, runsRemotely } from './remote.rules.js';

/**
 * Runs a command line sent by a signed-in `ft` as the session's member: parsed as `ft` parses
 * it, in the session's scope (so the policy decides what it sees and does), with nothing of this
 * process's environment. What it printed comes back with its exit code.
 */
export async function runForMember(
  scope: Scope,
  location: DataLocation,
  argv: string[],
  stdin: string | null,
  colour: boolean,
  /** Told of an unexpected failure, which the member is not shown. */
  unexpected: (error: unknown) => void,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { commandWord, runCli } = await import('../cli/program.js');
  const word = commandWord(argv);
  if (!runsRemotely(word)) {
    throw new AppError(
      'not_remote',
      `\`ft ${word}\` is not run through a server: run it where the data is.`,
      422,
    );
  }
  const flag = chosenByServer.find(
    (s) => s.flag && argv.some((a) => a === s.flag || a.startsWith(`${s.flag}=`)),
  );
  if (flag) {
    throw new AppError(
      flag.flag === '--as' ? 'as_refused' : 'remote_setting',
      `${flag.flag} is not taken here: the server decides who you are, which data and what time it is.`,
      422,
    );
  }
  let stdout = '';
  let stderr = '';
  const data: DataInfo = { location, created: false };
  const exitCode = await runCli(
    argv,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: colour ? {} : { NO_COLOR: '1' },
      isTTY: colour,
      readStdin: async () => stdin,
      unexpected,
    },
    async (settings, _options, work) => {
      // Nothing of the server's environment is read: a setting here came from the command line.
      const defaults = readSettings({}, {});
      if (settings.actingAs || settings.now || settings.dataDir !== defaults.dataDir) {
        throw new AppError(
          'remote_setting',
          'The server decides who you are, which data and what time it is.',
          422,
        );
      }
      await work(scope, data);
    },
  );
  return { exitCode, stdout, stderr };
}
