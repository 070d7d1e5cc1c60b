import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { limboSql, overdueSql, stalledSql, unansweredSql } from '../commitments/commitments.sql.js';
import type { Db } from '../db/database.js';

import { type TeamFlag, teamFlags } from './today.rules.js';

export type { TeamFlag };

/** How many of a person's open commitments carry a flag, and the ids of the first few to act on. */
export interface Flagged {
  count: number;
  ids: number[];
}

const SHOWN = 5;

/**
 * For each person, their open commitments that are overdue, stalled, waiting for an answer or
 * in limbo: counted and the first few listed, by the database, whatever their number.
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
  const conditions: Record<TeamFlag, RawBuilder<SqlBool>> = {
    overdue: overdueSql(now),
    stalled: stalledSql(now),
    unanswered: unansweredSql(now),
    limbo: limboSql,
  };
  for (const flag of teamFlags) {
    const rows = await sql<{ owner_id: number; id: number; n: number }>`
      select owner_id, id, n from (
        select c.owner_id, c.id,
          count(*) over (partition by c.owner_id) as n,
          row_number() over (partition by c.owner_id order by case when c.due_at is null then 1 else 0 end, c.due_at, c.id) as r
        from commitments c
        where c.organization_id = ${orgId} and c.status = 'open'
          and c.owner_id in (${sql.join(ownerIds)}) and ${conditions[flag]}
      ) ranked
      where r <= ${SHOWN}
      order by owner_id, r`.execute(db);
    for (const row of rows.rows) {
      const entry = result.get(Number(row.owner_id))?.[flag];
      if (!entry) continue;
      entry.count = Number(row.n);
      entry.ids.push(Number(row.id));
    }
  }
  return result;
}
