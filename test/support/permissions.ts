import { chmodSync, chownSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const NOBODY = 65_534;

/**
 * Who must run `ft` for file modes to bind it. Root may write to anything whatever its mode, so
 * under root the folder is handed to "nobody" and `ft` runs as them; anyone else runs as themself.
 */
export function runAsOwnerOf(dir: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  chownSync(dir, NOBODY, NOBODY);
  for (const name of readdirSync(dir)) chownSync(join(dir, name), NOBODY, NOBODY);
  return { uid: NOBODY, gid: NOBODY };
}

/** Gives a folder and everything in it back to its owner's full use, so that it can be removed. */
export function makeWritable(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o600);
}
