import { join, resolve } from 'node:path';
import { DATABASE_FILE } from './sqlite-file.js';

/** Where the data lives, as messages name it. */
export type DataLocation =
  | { kind: 'folder'; folder: string; file: string; shown: string }
  | { kind: 'postgres'; shown: string };

export function dataLocation(settings: { dataDir: string; databaseUrl?: string | undefined }): DataLocation {
  if (settings.databaseUrl) {
    return { kind: 'postgres', shown: `the PostgreSQL database ${withoutPassword(settings.databaseUrl)}` };
  }
  const folder = resolve(settings.dataDir);
  return { kind: 'folder', folder, file: join(folder, DATABASE_FILE), shown: folder };
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
