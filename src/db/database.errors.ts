import { closeSync, openSync, readSync, statfsSync, statSync } from 'node:fs';
import { AppError, DataError } from '../shared/errors.js';
import { shownPath } from '../shared/text.js';
import type { DataLocation } from './location.js';

/**
 * Turns what the database driver or the file system threw into an error that says which data
 * cannot be used and what to do about it. Anything else passes through unchanged.
 */
export function explainDatabaseError(error: unknown, where: DataLocation): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const said = error instanceof Error ? error.message : code;
  const explained = where.kind === 'folder' ? embedded(code, said, where) : postgres(code, where.shown);
  if (explained) explained.cause = error;
  return explained ?? error;
}

function embedded(
  code: string,
  said: string,
  where: Extract<DataLocation, { kind: 'folder' }>,
): DataError | null {
  const [file, folder] = [shownPath(where.file), shownPath(where.folder)];
  if (code === 'ENAMETOOLONG') {
    return new DataError(
      'invalid_data_folder',
      `${folder} is too long a path for this system; give --data (FOLLOWTHROUGH_DATA) a shorter one.`,
      400,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return readOnly(file, folder);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return diskFull(file);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return truncated(where.file)
      ? new DataError(
          'database_truncated',
          `${file} is cut short: part of the database is missing. Restore it from a backup; to start afresh, move it away and run \`ft init\`.`,
        )
      : new DataError(
          'database_corrupt',
          `${file} is damaged or is not a Followthrough database (SQLite: ${said}). Restore it from a backup; to start afresh, move it away and run \`ft init\`.`,
        );
  }
  // A full disk also shows as an I/O error when SQLite cannot even grow its -shm file.
  if ((code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) && noSpaceLeft(where.folder)) {
    return diskFull(file);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new DataError(
      'database_io_error',
      `Reading or writing ${file} failed (SQLite: ${said}, ${code}); nothing was saved. Check the disk it is on, then run the command again.`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM') {
    return new DataError(
      'database_cannot_open',
      `Cannot open ${file} (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code}). Check that you may read the data folder and its files.`,
    );
  }
  return null;
}

function postgres(code: string, shown: string): DataError | null {
  if (['ECONNREFUSED', 'ENOTFOUND', '3D000', '28P01'].includes(code)) {
    return new DataError(
      'database_unreachable',
      `Cannot reach the database in DATABASE_URL (${code}); check that PostgreSQL runs and the URL is right, or unset it to use the embedded database.`,
    );
  }
  // insufficient_privilege, read_only_sql_transaction (a standby, or a read-only default).
  if (code === '42501' || code === '25006') {
    return new DataError(
      'database_read_only',
      `${shown.charAt(0).toUpperCase()}${shown.slice(1)} is read-only to the role in DATABASE_URL: this command needs to change it, and nothing was saved (reading commands still work). Use a role that may write, or grant this one INSERT, UPDATE and DELETE on its tables.`,
    );
  }
  if (code === '53100') return diskFull(shown);
  return null;
}

function readOnly(file: string, folder: string): DataError {
  return new DataError(
    'database_read_only',
    `${file} is read-only to you: this command needs to change it, and nothing was saved (reading commands still work). Make it, its folder ${folder} and any -wal and -shm files beside it writable (chmod u+w), or run as their owner.`,
  );
}

function diskFull(where: string): DataError {
  return new DataError(
    'disk_full',
    `The disk holding ${where} is full; nothing was saved. Free some space, then run the command again.`,
    507,
  );
}

function noSpaceLeft(folder: string): boolean {
  try {
    return statfsSync(folder).bavail === 0;
  } catch {
    return false;
  }
}

const MAGIC = Buffer.from('SQLite format 3\0');

/** A SQLite file shorter than its header says (page size × page count), or cut inside the header. */
function truncated(file: string): boolean {
  try {
    const size = statSync(file).size;
    const header = Buffer.alloc(100);
    const fd = openSync(file, 'r');
    const read = readSync(fd, header, 0, 100, 0);
    closeSync(fd);
    const known = Math.min(read, MAGIC.length);
    if (known === 0 || !header.subarray(0, known).equals(MAGIC.subarray(0, known))) return false;
    if (read < 100) return true;
    const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
    return size < pageSize * header.readUInt32BE(28);
  } catch {
    return false;
  }
}
