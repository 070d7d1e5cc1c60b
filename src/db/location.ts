import { join, resolve } from 'node:path';
import { DataError } from '../shared/errors.js';
import { shownPath } from '../shared/text.js';
import { DATABASE_FILE } from './sqlite-file.js';

/** Where the data lives, as messages name it. */
export type DataLocation =
  | { kind: 'folder'; folder: string; file: string; shown: string }
  | { kind: 'postgres'; shown: string };

export function dataLocation(settings: { dataDir: string; databaseUrl?: string | undefined }): DataLocation {
  if (settings.databaseUrl) {
    return { kind: 'postgres', shown: `the PostgreSQL database ${withoutPassword(settings.databaseUrl)}` };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(settings.dataDir)) {
    throw new DataError(
      'invalid_data_folder',
      '--data (FOLLOWTHROUGH_DATA) holds a control character or a line break; name the folder without one.',
      400,
    );
  }
  const folder = resolve(settings.dataDir);
  return { kind: 'folder', folder, file: join(folder, DATABASE_FILE), shown: folder };
}

/** The data as a sentence's subject: "The data in /home/me/.followthrough/followthrough.db". */
export function dataNamed(location: DataLocation): string {
  return location.kind === 'folder' ? `The data in ${shownPath(location.file)}` : location.shown;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'in DATABASE_URL';
  }
}
