import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Plan, PlanTable } from '../db/schema.js';

export function insertPlan(db: Db, values: Insertable<PlanTable>): Promise<Plan> {
  return db.insertInto('plans').values(values).returningAll().executeTakeFirstOrThrow();
}

export function getPlan(db: Db, orgId: number, id: number): Promise<Plan | undefined> {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function openPlansOf(db: Db, orgId: number, ownerIds: number[]): Promise<Plan[]> {
  if (ownerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plans')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('owner_id', 'in', ownerIds)
    .where('outcome', '=', 'open')
    .orderBy('id')
    .execute();
}
