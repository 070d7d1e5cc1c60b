import { createRequire } from 'node:module';

/**
 * This release's version, from package.json: two folders up both from here (src/shared) and
 * from the built program (dist/cli), which is where this module ends up.
 */
export function releaseVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
