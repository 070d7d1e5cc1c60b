import type { Db } from '../db/database.js';
import { nowIso, type Scope } from '../organizations/scope.js';
import { insertEvent } from './commitments.repository.js';

/** Every change to a commitment is kept as an event with its actor and time, and counts as activity. */
export async function recordEvent(
  db: Db,
  scope: Scope,
  commitmentId: number,
  kind: string,
  data: Record<string, unknown> = {},
  actorId: number | null = scope.actor?.id ?? null,
): Promise<void> {
  const at = nowIso(scope);
  await insertEvent(db, {
    organization_id: scope.org.id,
    commitment_id: commitmentId,
    kind,
    actor_id: actorId,
    at,
    data: JSON.stringify(data),
  });
  await db.updateTable('commitments').set({ last_activity_at: at }).where('id', '=', commitmentId).execute();
}
