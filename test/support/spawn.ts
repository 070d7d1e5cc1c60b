import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from './databases.js';

export const compiledCli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface Exited {
  code: number;
  /** The signal that ended the process, when one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Run as this user (the test runs as root): see `runAsOwnerOf`. */
  user?: { uid: number; gid: number } | undefined;
  /** A process still running after this long is killed, so that it fails its test instead of outliving it. */
  timeoutMs?: number;
}

/**
 * Starts the compiled `ft` as a separate process, as a user or a cron job would, and hands
 * back the process (to kill it) with a promise of how it ended.
 */
export function startFt(
  database: TestDatabase,
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
  options: SpawnOptions = {},
): { child: ChildProcess; exited: Promise<Exited> } {
  const child = spawn(process.execPath, [compiledCli, ...args], {
    env: { ...process.env, ...database.env, FOLLOWTHROUGH_TIME_ZONE: 'America/New_York', ...env },
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    ...options.user,
  });
  const exited = new Promise<Exited>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  child.stdin?.end(stdin);
  return { child, exited };
}

/** Runs the compiled `ft` as a separate process and waits for it to end. */
export function spawnFt(
  database: TestDatabase,
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
  options: SpawnOptions = {},
): Promise<Exited> {
  return startFt(database, args, env, stdin, options).exited;
}
