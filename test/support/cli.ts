import { runCli } from '../../src/cli/program.js';
import type { TestDatabase } from './databases.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON; throws when it is not one JSON document. */
  json<T = unknown>(): T;
}

/** Runs the command line in this process against a test database, at a given instant. */
export async function ft(
  database: TestDatabase,
  now: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  stdin: string | null = null,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {
      ...database.env,
      FOLLOWTHROUGH_NOW: now,
      FOLLOWTHROUGH_TIME_ZONE: 'America/New_York',
      // FOLLOWTHROUGH_DEBUG=1 on the test run prints the cause of an unexpected failure.
      ...(process.env.FOLLOWTHROUGH_DEBUG ? { FOLLOWTHROUGH_DEBUG: process.env.FOLLOWTHROUGH_DEBUG } : {}),
      ...extraEnv,
    },
    isTTY: false,
    readStdin: async () => stdin,
    // ft serve and ft worker, run here, stop as soon as they have started.
    stopSignal: () => AbortSignal.abort(),
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Like `ft`, but fails the test with the command's error output when it does not succeed. */
export async function ftOk(
  database: TestDatabase,
  now: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  stdin: string | null = null,
): Promise<CliResult> {
  const result = await ft(database, now, args, extraEnv, stdin);
  if (result.code !== 0) throw new Error(`ft ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}
