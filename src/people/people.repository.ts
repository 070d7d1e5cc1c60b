import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notIndexed } from '../db/dialect.js';
import type { Person, PersonTable } from '../db/schema.js';

export function insertPerson(db: Db, values: Insertable<PersonTable>): Promise<Person> {
  return db.insertInto('people').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findByEmail(db: Db, orgId: number, email: string): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/** People an e-mail or a name could refer to: exact e-mail, exact name, same first name, or a name containing it. */
export function findCandidates(db: Db, orgId: number, ref: string): Promise<Person[]> {
  const wanted = ref.trim().toLowerCase();
  const escaped = wanted.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .selectFrom('people')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('email', '=', wanted),
        eb(sql`lower(name)`, '=', wanted),
        eb(sql`lower(name)`, 'like', sql<string>`${`${escaped} %`} escape '\\'`),
        eb(sql`lower(name)`, 'like', sql<string>`${`%${escaped}%`} escape '\\'`),
      ]),
    )
    .orderBy('name')
    .limit(50)
    .execute();
}

export function listPeople(db: Db, orgId: number): Promise<Person[]> {
  return db.selectFrom('people').selectAll().where('organization_id', '=', orgId).orderBy('name').execute();
}

export function getPeople(db: Db, orgId: number, ids: number[]): Promise<Person[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('people')
    .selectAll()
    .where(notIndexed(db, 'organization_id'), '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute();
}

/** Manager links of the whole organization: two integers a person, enough to walk any team. */
export function managerLinks(db: Db, orgId: number): Promise<Pick<Person, 'id' | 'manager_id'>[]> {
  return db
    .selectFrom('people')
    .select(['id', 'manager_id'])
    .where('organization_id', '=', orgId)
    .where('manager_id', 'is not', null)
    .execute();
}

export function countMembers(db: Db, orgId: number): Promise<number> {
  return db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('kind', '=', 'member')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
