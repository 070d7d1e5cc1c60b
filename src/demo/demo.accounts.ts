import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AccountsDeps, createAccount } from '../auth/accounts.usecases.js';
import type { Db } from '../db/database.js';
import type { DataLocation } from '../db/location.js';
import type { Organization } from '../db/schema.js';
import { listPeople } from '../people/people.repository.js';
import { demoManagerEmail, demoMemberEmails } from './demo.script.js';

export interface DemoLogin {
  name: string;
  email: string;
  password: string;
  role: string;
}

/** Where a data folder keeps the demo's logins, readable by its owner only. */
export const DEMO_LOGINS_FILE = 'demo-logins.json';

/**
 * An account for every member of the demo team, each with a password made here (never one
 * written in the code), kept in the data folder so that every start can print them again.
 */
export async function demoAccounts(
  deps: AccountsDeps,
  org: Organization,
  location: DataLocation,
): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const member of await listPeople(deps.db, org.id)) {
    if (member.kind !== 'member' || member.user_id) continue;
    const password = randomBytes(9).toString('base64url');
    const person = await createAccount(deps, member, password);
    logins.push({ name: person.name, email: person.email, password, role: person.role });
    // Kept as each is made: a start that fails halfway loses no password it made.
    if (location.kind === 'folder') {
      writeFileSync(join(location.folder, DEMO_LOGINS_FILE), `${JSON.stringify(logins, null, 2)}\n`, {
        mode: 0o600,
      });
    }
  }
  return logins;
}

/**
 * Whether an organization is the demo team made at the terminal (`ft demo`, `ft start`), which
 * makes no logins since the command line needs none: its members are the demo's and nobody
 * else, and none has an account yet. `npm start` on such a folder makes them, as it would on an
 * empty one; a team with anyone else in it is a real one, whose people sign up themselves.
 */
export async function isDemoTeamWithoutLogins(db: Db, orgId: number): Promise<boolean> {
  const members = (await listPeople(db, orgId)).filter((p) => p.kind === 'member');
  return (
    members.some((p) => p.email === demoManagerEmail) &&
    members.every((p) => demoMemberEmails.has(p.email) && !p.user_id)
  );
}

/** The demo logins a data folder kept, or none. */
export function keptDemoLogins(location: DataLocation): DemoLogin[] {
  if (location.kind !== 'folder') return [];
  try {
    return JSON.parse(readFileSync(join(location.folder, DEMO_LOGINS_FILE), 'utf8')) as DemoLogin[];
  } catch {
    return [];
  }
}
