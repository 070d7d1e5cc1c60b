import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../shared/errors.js';

/** New organizations one address may make in an hour: enough for a team, too few to flood. */
export const SIGN_UPS_PER_HOUR = 5;
const WINDOW_MS = 3_600_000;

/**
 * Counts a sign-up from an address, in the table the accounts library keeps its own limits in,
 * and refuses the ones over SIGN_UPS_PER_HOUR with 429. Each address's count starts again an
 * hour after its first sign-up of the window. The library's own limits do not cover our route.
 */
export async function countSignUp(db: Db, address: string | undefined, nowMs: number): Promise<void> {
  if (!address) return;
  const key = `signup:${address}`;
  const table = sql.table('auth_rate_limits');
  const { rows } = await sql<{ count: number; last_request: number | string }>`
    select count, last_request from ${table} where key = ${key}`.execute(db);
  const row = rows[0];
  const windowStart = row ? Number(row.last_request) : 0;
  if (!row || nowMs - windowStart >= WINDOW_MS) {
    await sql`delete from ${table} where key = ${key}`.execute(db);
    await sql`insert into ${table} (id, key, count, last_request) values (${randomUUID()}, ${key}, 1, ${nowMs})`.execute(
      db,
    );
    return;
  }
  if (Number(row.count) >= SIGN_UPS_PER_HOUR) {
    throw new AppError(
      'too_many_requests',
      `At most ${SIGN_UPS_PER_HOUR} organizations an hour are made from one address: try again later.`,
      429,
    );
  }
  await sql`update ${table} set count = count + 1 where key = ${key}`.execute(db);
}
