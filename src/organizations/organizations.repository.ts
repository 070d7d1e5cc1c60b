import type { Db } from '../db/database.js';
import type { Organization } from '../db/schema.js';

export async function findFirstOrganization(db: Db): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

export async function createOrganization(
  db: Db,
  values: { name: string; time_zone: string; created_at: string },
): Promise<Organization> {
  return db.insertInto('organizations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganization(
  db: Db,
  id: number,
  values: Partial<
    Pick<
      Organization,
      | 'name'
      | 'time_zone'
      | 'follow_up_hour'
      | 'follow_up_offset_days'
      | 'default_actor_id'
      | 'due_today_reminders'
    >
  >,
): Promise<Organization> {
  return db
    .updateTable('organizations')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getOrganization(db: Db, id: number): Promise<Organization> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether the organization holds nothing yet: no people (members or contacts), meetings or commitments. */
export async function isEmptyOrganization(db: Db, id: number): Promise<boolean> {
  const holds = async (table: 'people' | 'meetings' | 'commitments') =>
    (await db
      .selectFrom(table)
      .select('id')
      .where('organization_id', '=', id)
      .limit(1)
      .executeTakeFirst()) !== undefined;
  return !(await holds('people')) && !(await holds('meetings')) && !(await holds('commitments'));
}
