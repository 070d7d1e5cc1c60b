import type { Db } from '../db/database.js';
import { insertMany, notIndexed } from '../db/dialect.js';
import { nowIso, type Scope } from '../organizations/scope.js';

export interface NewEvent {
  commitmentId: number;
  kind: string;
  data?: Record<string, unknown>;
}

/**
 * Every change to a commitment is kept as an event with its actor and time; what a person
 * does counts as activity. Many events are written in two statements, whatever their number.
 */
export async function recordEvents(
  db: Db,
  scope: Scope,
  events: NewEvent[],
  actorId: number | null = scope.actor?.id ?? null,
): Promise<void> {
  if (events.length === 0) return;
  const at = nowIso(scope);
  await insertMany(
    db,
    'commitment_events',
    {
      organization_id: 'integer',
      commitment_id: 'integer',
      kind: 'text',
      actor_id: 'integer',
      at: 'text',
      data: 'text',
    },
    events.map((e) => ({
      organization_id: scope.org.id,
      commitment_id: e.commitmentId,
      kind: e.kind,
      actor_id: actorId,
      at,
      data: JSON.stringify(e.data ?? {}),
    })),
  );
  // Activity is what people do: the system's own follow-ups do not keep a step alive.
  if (actorId === null) return;
  await db
    .updateTable('commitments')
    .set({ last_activity_at: at })
    .where(notIndexed(db, 'organization_id'), '=', scope.org.id)
    .where('id', 'in', [...new Set(events.map((e) => e.commitmentId))])
    .execute();
}

export function recordEvent(
  db: Db,
  scope: Scope,
  commitmentId: number,
  kind: string,
  data: Record<string, unknown> = {},
  actorId: number | null = scope.actor?.id ?? null,
): Promise<void> {
  return recordEvents(db, scope, [{ commitmentId, kind, data }], actorId);
}
