import { type Insertable, type RawBuilder, type SqlBool, sql } from 'kysely';
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

/**
 * Plans, open first, with how many of their commitments are open (of those `visible`, a
 * condition on commitments aliased `c`, when given).
 */
export function listPlans(
  db: Db,
  orgId: number,
  filter: { ownerIds?: number[] | undefined; all: boolean; visible?: RawBuilder<SqlBool> | null },
) {
  let query = db
    .selectFrom('plans as p')
    .selectAll('p')
    .select((eb) => {
      let open = eb
        .selectFrom('commitments as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.plan_id', '=', 'p.id')
        .where('c.organization_id', '=', orgId)
        .where('c.status', '=', 'open');
      if (filter.visible) open = open.where(filter.visible);
      return open.as('open_items');
    })
    .where('p.organization_id', '=', orgId);
  if (!filter.all) query = query.where('p.outcome', '=', 'open');
  if (filter.ownerIds) query = query.where('p.owner_id', 'in', filter.ownerIds);
  return query.orderBy(sql`case when p.outcome = 'open' then 0 else 1 end`).orderBy('p.id').execute();
}
