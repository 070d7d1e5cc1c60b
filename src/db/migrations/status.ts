import type { Kysely } from 'kysely';
import { DataError } from '../../shared/errors.js';
import { tableExists } from '../dialect.js';
import { migrationNames } from './index.js';

/**
 * The migrations still to run, read without taking any lock, so that a command on data that is
 * up to date (or read-only) never waits for or needs the write lock. A migration this release
 * does not know means a newer release wrote the data: it is refused, never guessed at.
 */
export async function pendingMigrations(db: Kysely<any>, where: string): Promise<string[]> {
  const applied = (await tableExists(db, 'kysely_migration'))
    ? (await db.selectFrom('kysely_migration').select('name').execute()).map((row) => row.name as string)
    : [];
  const unknown = applied.filter((name) => !migrationNames.includes(name)).sort();
  if (unknown.length > 0) {
    throw new DataError(
      'data_from_newer_version',
      `${where} was written by a newer Followthrough (migration ${unknown.at(-1)}); upgrade Followthrough to use it.`,
    );
  }
  return migrationNames.filter((name) => !applied.includes(name));
}
