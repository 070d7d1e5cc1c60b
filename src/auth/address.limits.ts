import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../shared/errors.js';

/**
 * What one address may do in a window, counted in the table the accounts library keeps its own
 * limits in: new organizations, and wrong passwords. The library's own limit on sign-in counts
 * every attempt, right passwords too, so that a team signing in at nine from one office would
 * lock itself out; it is turned off, and sign-in is counted here instead (see `auth.routes.tsx`).
 */

/** New organizations one address may make in an hour: enough for a team, too few to flood. */
export const SIGN_UPS_PER_HOUR = 5;

/** Wrong passwords allowed per address, per minute, before sign-in answers 429. */
export const SIGN_INS_PER_MINUTE = 5;

interface Limit {
  /** What is counted, in the key's first part. */
  kind: string;
  max: number;
  windowMs: number;
}

const signUps: Limit = { kind: 'signup', max: SIGN_UPS_PER_HOUR, windowMs: 3_600_000 };
const wrongPasswords: Limit = { kind: 'signin-failed', max: SIGN_INS_PER_MINUTE, windowMs: 60_000 };

/** How many an address has used of a limit; a window starts with its first use and ends after windowMs. */
async function used(db: Db, limit: Limit, address: string, nowMs: number): Promise<number> {
  const { rows } = await sql<{ count: number; last_request: number | string }>`
    select count, last_request from ${sql.table('auth_rate_limits')}
    where key = ${`${limit.kind}:${address}`}`.execute(db);
  const row = rows[0];
  return row && nowMs - Number(row.last_request) < limit.windowMs ? Number(row.count) : 0;
}

/** Counts one more use, starting a new window when the last one has ended (`usedNow` when read already). */
async function count(db: Db, limit: Limit, address: string, nowMs: number, usedNow?: number): Promise<void> {
  const key = `${limit.kind}:${address}`;
  const table = sql.table('auth_rate_limits');
  if ((usedNow ?? (await used(db, limit, address, nowMs))) === 0) {
    await sql`delete from ${table} where key = ${key}`.execute(db);
    await sql`insert into ${table} (id, key, count, last_request) values (${randomUUID()}, ${key}, 1, ${nowMs})`.execute(
      db,
    );
    return;
  }
  await sql`update ${table} set count = count + 1 where key = ${key}`.execute(db);
}

/**
 * Counts a sign-up from an address and refuses the ones over SIGN_UPS_PER_HOUR with 429. Each
 * address's count starts again an hour after its first sign-up of the window.
 */
export async function countSignUp(db: Db, address: string | undefined, nowMs: number): Promise<void> {
  if (!address) return;
  const usedNow = await used(db, signUps, address, nowMs);
  if (usedNow >= SIGN_UPS_PER_HOUR) {
    throw new AppError(
      'too_many_requests',
      `At most ${SIGN_UPS_PER_HOUR} organizations an hour are made from one address: try again later.`,
      429,
    );
  }
  await count(db, signUps, address, nowMs, usedNow);
}

/** Whether an address has had SIGN_INS_PER_MINUTE wrong passwords in its current minute: then even a right one waits. */
export async function signInsHeld(db: Db, address: string | undefined, nowMs: number): Promise<boolean> {
  return address !== undefined && (await used(db, wrongPasswords, address, nowMs)) >= SIGN_INS_PER_MINUTE;
}

/** Counts a wrong password from an address; a right one is never counted. */
export async function countWrongPassword(db: Db, address: string | undefined, nowMs: number): Promise<void> {
  if (address) await count(db, wrongPasswords, address, nowMs);
}
