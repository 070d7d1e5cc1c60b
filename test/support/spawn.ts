import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from './databases.js';

export const compiledCli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface SpawnOptions {
  /** Run as this user (the test runs as root): see `runAsOwnerOf`. */
  user?: { uid: number; gid: number } | undefined;
}

/** Runs the compiled `ft` as a separate process, as a user or a cron job would. */
export function spawnFt(
  database: TestDatabase,
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
  options: SpawnOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiledCli, ...args], {
      env: { ...process.env, ...database.env, FOLLOWTHROUGH_TIME_ZONE: 'America/New_York', ...env },
      ...options.user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
