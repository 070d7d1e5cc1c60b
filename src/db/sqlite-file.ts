import {
  accessSync,
  constants,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * The compiled driver, named directly: better-sqlite3 otherwise searches a dozen folders for
 * it (the "bindings" package) on every start. Undefined (the search) if it is not where npm
 * builds it.
 */
const nativeBinding = (() => {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
})();

import { DataError } from '../shared/errors.js';
import { shownPath } from '../shared/text.js';

export const DATABASE_FILE = 'followthrough.db';

/** How long a SQLite writer waits for another process's write to finish. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens the database of a data folder. Only `create` (ft init, start, demo) makes the folder
 * (0700) and the file (0600); any other command refuses a folder without a database, so a
 * mistyped --data never starts an empty one. Data the user may not change is opened read-only.
 */
export function openSqliteFile(dataDir: string, create: boolean): SQLite.Database {
  const dir = resolve(dataDir);
  const file = join(dir, DATABASE_FILE);
  if (!isFolder(dir)) {
    if (!create) throw noData(dir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  let size = sizeOf(file);
  if (size === null) {
    if (!create) throw noData(dir);
    createDatabaseFile(file);
    size = sizeOf(file);
  }
  if (size === 0) {
    // SQLite would take an empty file for a new database and create tables in it.
    throw new DataError(
      'database_empty',
      `${shownPath(file)} is empty (0 bytes), where a Followthrough database should be. Restore it from a backup; to start afresh, move it away and run \`ft init\`.`,
    );
  }
  return writable(dir, file) ? openReadWrite(file) : openReadOnly(file);
}

function noData(dir: string): DataError {
  return new DataError(
    'no_data_folder',
    `No Followthrough data in ${shownPath(dir)}; \`ft init\` creates one.`,
    404,
  );
}

function isFolder(dir: string): boolean {
  const stats = statOrNull(dir);
  if (stats === null) return false;
  if (!stats.isDirectory()) throw notAFolder(dir);
  return true;
}

function notAFolder(dir: string): DataError {
  const hint =
    basename(dir) === DATABASE_FILE
      ? ` --data names the folder that holds ${DATABASE_FILE}: ${shownPath(dirname(dir))}.`
      : ' --data (FOLLOWTHROUGH_DATA) names a folder: give another path, or move the file away.';
  return new DataError('data_folder_not_a_folder', `${shownPath(dir)} is a file, not a folder.${hint}`);
}

function sizeOf(file: string): number | null {
  const stats = statOrNull(file);
  if (stats?.isDirectory()) {
    throw new DataError(
      'database_cannot_open',
      `${shownPath(file)} is a folder, where Followthrough's database file should be. Move it away, then run \`ft init\`.`,
    );
  }
  return stats ? stats.size : null;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw notAFolder(fileOnTheWay(path));
    throw error;
  }
}

/** The file that stands where a folder on the way to `path` should be. */
function fileOnTheWay(path: string): string {
  for (let at = dirname(path); dirname(at) !== at; at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Not there, or past the file: look further up.
    }
  }
  return path;
}

/**
 * Makes a new database file that is never seen empty: it is written beside the real name with
 * its header (and 0600, whatever the umask) and then linked into place, which fails when another
 * process got there first. SQLite gives the -wal and -shm files the database file's mode.
 */
function createDatabaseFile(file: string): void {
  const draft = `${file}.${process.pid}.new`;
  writeFileSync(draft, '', { mode: 0o600 });
  try {
    const database = new SQLite(draft, { nativeBinding });
    database.pragma('journal_mode = WAL');
    database.close();
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    for (const leftover of [draft, `${draft}-wal`, `${draft}-shm`]) rmSync(leftover, { force: true });
  }
}

/** SQLite writes beside the database (-wal, -shm), so the folder must be writable too. */
function writable(dir: string, file: string): boolean {
  return [dir, file, `${file}-wal`, `${file}-shm`].every((path) => {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  });
}

function openReadWrite(file: string): SQLite.Database {
  // The timeout comes first: even switching to WAL may wait for another process.
  const database = new SQLite(file, { timeout: SQLITE_BUSY_TIMEOUT_MS, fileMustExist: true, nativeBinding });
  try {
    database.pragma('journal_mode = WAL');
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * Read-only data is read from a copy in memory when nothing waits in its write-ahead log: to
 * read a WAL database in place SQLite must create a -shm file beside it, which a read-only folder
 * forbids and which, left read-only beside a read-only file, would later stop its owner writing.
 * With a log present (a writer is at work), the files are there and SQLite reads them in place.
 */
function openReadOnly(file: string): SQLite.Database {
  if (sizeOf(`${file}-wal`)) {
    return new SQLite(file, {
      readonly: true,
      fileMustExist: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      nativeBinding,
    });
  }
  const image = readFileSync(file);
  // Bytes 18 and 19 say "WAL"; a copy in memory reads as a plain rollback-journal database.
  if (image.length >= 100 && image[18] === 2 && image[19] === 2) image.fill(1, 18, 20);
  return new SQLite(image, { readonly: true, nativeBinding });
}
