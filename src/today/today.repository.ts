import { type RawBuilder, sql } from 'kysely';
import { flaggedSql } from '../commitments/commitments.sql.js';
import type { Db } from '../db/database.js';
import { notIndexed } from '../db/dialect.js';

import { type TeamFlag, teamFlags } from './today.rules.js';

export type { TeamFlag };

/** How many of a person's open commitments carry a flag, and the ids of the first few to act on. */
export interface Flagged {
  count: number;
  ids: number[];
}

const SHOWN = 5;

/** The flags a step with no date can carry (overdue and unanswered need a date passed). */
const undated: TeamFlag[] = ['stalled', 'limbo'];

/**
 * The first few of a person's flagged steps in one order, each person's read on its own, so
 * that the database walks the index in that order and stops after a few (see `flaggedByOwner`).
 */
const firstFew = (flagged: RawBuilder<unknown>, where: RawBuilder<unknown>, order: RawBuilder<unknown>) =>
  sql`select * from (select owner_id, id, due_at from (${flagged}) f where ${where} order by ${order} limit ${SHOWN}) few`;

/** Soonest first, and those with no date last, by id: the order the day lists steps in. */
const dueFirst = (
  a: { id: number; due_at: string | null },
  b: { id: number; due_at: string | null },
): number =>
  a.due_at === b.due_at
    ? Number(a.id) - Number(b.id)
    : a.due_at === null
      ? 1
      : b.due_at === null
        ? -1
        : a.due_at < b.due_at
          ? -1
          : 1;

/**
 * For each person, their open commitments that are overdue, stalled, waiting for an answer or
 * in limbo: counted and the first few listed, by the database, whatever their number, each flag
 * read from its indexes (see `flaggedSql`). The counts are one query per flag; the first few
 * are a second, of a few rows per person: those with a date in date order, then those with
 * none (the databases put a missing date at opposite ends of an index), looked for in the
 * same index, not in one by date alone, which would read each row.
 */
export async function flaggedByOwner(
  db: Db,
  orgId: number,
  ownerIds: number[],
  now: Date,
): Promise<Map<number, Record<TeamFlag, Flagged>>> {
  const result = new Map<number, Record<TeamFlag, Flagged>>(
    ownerIds.map((id) => [
      id,
      Object.fromEntries(teamFlags.map((f) => [f, { count: 0, ids: [] }])) as unknown as Record<
        TeamFlag,
        Flagged
      >,
    ]),
  );
  if (ownerIds.length === 0) return result;
  for (const flag of teamFlags) {
    const counted = await sql<{ owner_id: number; n: number }>`
      select owner_id, count(*) as n from (${flaggedSql(flag, orgId, ownerIds, now)}) flagged
      group by owner_id`.execute(db);
    for (const row of counted.rows) {
      const entry = result.get(Number(row.owner_id))?.[flag];
      if (entry) entry.count = Number(row.n);
    }
    const firsts = await sql<{ owner_id: number; id: number; due_at: string | null }>`${sql.join(
      ownerIds.flatMap((owner) => {
        const theirs = flaggedSql(flag, orgId, [owner], now);
        const dated = firstFew(theirs, sql`due_at is not null`, sql`due_at, id`);
        return undated.includes(flag)
          ? [dated, firstFew(theirs, sql`${notIndexed(db, 'due_at')} is null`, sql`id`)]
          : [dated];
      }),
      sql` union all `,
    )}`.execute(db);
    for (const row of [...firsts.rows].sort(dueFirst)) {
      const entry = result.get(Number(row.owner_id))?.[flag];
      if (entry && entry.ids.length < SHOWN) entry.ids.push(Number(row.id));
    }
  }
  return result;
}
