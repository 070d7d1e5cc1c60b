import type { Db } from '../db/database.js';
import type { Organization, Person } from '../db/schema.js';

export const feedToken = (db: Db, personId: number): Promise<string | undefined> =>
  db
    .selectFrom('calendar_feeds')
    .select('token')
    .where('person_id', '=', personId)
    .executeTakeFirst()
    .then((row) => row?.token);

/** Gives the person this token, in place of any they had. */
export async function setFeedToken(db: Db, person: Person, token: string, at: string): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({ person_id: person.id, organization_id: person.organization_id, token, created_at: at })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ token, created_at: at }))
    .execute();
}

/** The active member a feed's token names, with their organization. */
export async function feedOwner(
  db: Db,
  token: string,
): Promise<{ person: Person; org: Organization } | null> {
  const row = await db
    .selectFrom('calendar_feeds')
    .innerJoin('people', 'people.id', 'calendar_feeds.person_id')
    .select('people.id')
    .where('calendar_feeds.token', '=', token)
    .where('people.deactivated_at', 'is', null)
    .where('people.kind', '=', 'member')
    .executeTakeFirst();
  if (!row) return null;
  const person = await db.selectFrom('people').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  const org = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', person.organization_id)
    .executeTakeFirstOrThrow();
  return { person, org };
}

/** What goes in a member's calendar: their open steps with a date, and the follow-ups they will hear. */
export async function feedItems(db: Db, person: Person) {
  const steps = await db
    .selectFrom('commitments')
    .select(['id', 'what', 'outcome', 'due_date'])
    .where('organization_id', '=', person.organization_id)
    .where('owner_id', '=', person.id)
    .where('status', '=', 'open')
    .where('due_date', 'is not', null)
    .orderBy('due_date')
    .orderBy('id')
    .limit(FEED_MOST)
    .execute();
  const followUps = await db
    .selectFrom('follow_ups')
    .innerJoin('commitments', 'commitments.id', 'follow_ups.commitment_id')
    .innerJoin('people as owner', 'owner.id', 'follow_ups.answerer_id')
    .select([
      'follow_ups.id',
      'follow_ups.fire_at',
      'commitments.id as commitment_id',
      'commitments.what',
      'owner.name as owner_name',
    ])
    .where('follow_ups.organization_id', '=', person.organization_id)
    .where('follow_ups.hearer_id', '=', person.id)
    .where('follow_ups.answered_at', 'is', null)
    .where('follow_ups.status', '=', 'scheduled')
    .orderBy('follow_ups.fire_at')
    .orderBy('follow_ups.id')
    .limit(FEED_MOST)
    .execute();
  return { steps, followUps };
}

/** The most events of each kind a feed carries: the soonest. */
export const FEED_MOST = 2000;
