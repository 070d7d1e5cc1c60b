import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

/** A histogram: how many rows have 0, 1, 2… of something. Exactly once for all is `{ 1: all }`. */
function histogram(rows: { n: unknown }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { n } of rows) counts[Number(n)] = (counts[Number(n)] ?? 0) + 1;
  return counts;
}

/** How many follow-ups have 0, 1, 2… outbox messages of a kind. */
export async function messagesPerFollowUp(db: Db, kind: string): Promise<Record<number, number>> {
  return histogram(
    await db
      .selectFrom('follow_ups as f')
      .leftJoin('outbox as o', (join) => join.onRef('o.follow_up_id', '=', 'f.id').on('o.kind', '=', kind))
      .select(['f.id', sql<number>`count(o.id)`.as('n')])
      .groupBy('f.id')
      .execute(),
  );
}

/** How many commitments have 0, 1, 2… events of a kind in their timeline. */
export async function eventsPerCommitment(db: Db, kind: string): Promise<Record<number, number>> {
  return histogram(
    await db
      .selectFrom('commitments as c')
      .leftJoin('commitment_events as e', (join) =>
        join.onRef('e.commitment_id', '=', 'c.id').on('e.kind', '=', kind),
      )
      .select(['c.id', sql<number>`count(e.id)`.as('n')])
      .groupBy('c.id')
      .execute(),
  );
}
