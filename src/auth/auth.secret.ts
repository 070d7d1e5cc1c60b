import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataLocation } from '../db/location.js';
import { invalid } from '../shared/errors.js';

/** The file in a data folder that keeps the generated secret, readable by its owner only. */
export const SECRET_FILE = 'auth-secret';
const MIN_LENGTH = 32;

/**
 * The secret that signs sessions: BETTER_AUTH_SECRET when set; otherwise, for the embedded
 * database, one generated on first start and kept in the data folder (so sessions outlive a
 * restart). A shared PostgreSQL has no folder to keep it in: there it must be set.
 */
export function authSecret(env: NodeJS.ProcessEnv, location: DataLocation): string {
  const given = env.BETTER_AUTH_SECRET;
  if (given) {
    if (given.length < MIN_LENGTH) {
      throw invalid(
        'invalid_setting',
        `BETTER_AUTH_SECRET must be at least ${MIN_LENGTH} random characters (it has ${given.length}); make one with \`openssl rand -base64 32\`.`,
        { setting: 'BETTER_AUTH_SECRET' },
      );
    }
    return given;
  }
  if (location.kind === 'postgres') {
    throw invalid(
      'missing_setting',
      'BETTER_AUTH_SECRET must be set when DATABASE_URL is: the same 32 or more random characters for every process (`openssl rand -base64 32`).',
      { setting: 'BETTER_AUTH_SECRET' },
    );
  }
  const file = join(location.folder, SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Made by an earlier start, or by another process starting at the same moment.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const kept = readFileSync(file, 'utf8').trim();
  if (kept.length < MIN_LENGTH) {
    throw invalid(
      'invalid_secret_file',
      `${file} does not hold a usable secret: delete it to have a new one made (everyone signs in again).`,
    );
  }
  return kept;
}
