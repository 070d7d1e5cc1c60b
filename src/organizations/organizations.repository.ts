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
      'time_zone' | 'follow_up_hour' | 'follow_up_offset_days' | 'default_actor_id' | 'due_today_reminders'
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
