import { makeCommitment } from '../../src/commitments/commitments.usecases.js';
import type { Db } from '../../src/db/database.js';
import type { Person } from '../../src/db/schema.js';
import { ensureOrganization } from '../../src/organizations/organizations.usecases.js';
import type { Scope } from '../../src/organizations/scope.js';
import { addPerson } from '../../src/people/people.usecases.js';
import { fixedClock, ManualClock } from '../../src/shared/clock.js';

/** A manager and a seller in New York, for tests that work below the command line. */
export async function seedTeam(db: Db, start = '2026-11-23T15:00:00Z') {
  const clock = new ManualClock(start);
  const org = await ensureOrganization(db, clock, 'America/New_York');
  const base: Scope = { db, clock, org, actor: null };
  const manager = await addPerson(base, { name: 'Mara Chen', email: 'mara@northwind.example' });
  const seller = await addPerson(base, {
    name: 'Dana Ruiz',
    email: 'dana@northwind.example',
    manager: manager.email,
  });
  const as = (person: Person): Scope => ({
    ...base,
    org: { ...org, default_actor_id: manager.id },
    actor: person,
  });
  return { clock, org, manager, seller, as };
}

/** Many commitments due the same day, delegated by the manager to the seller. */
export async function seedCommitments(db: Db, count: number, due = '2026-11-27') {
  const team = await seedTeam(db);
  await db.transaction().execute(async (trx) => {
    const scope = { ...team.as(team.manager), db: trx };
    for (let i = 0; i < count; i++) {
      await makeCommitment(scope, {
        what: `Next step ${i + 1}`,
        owner: team.seller.email,
        due,
        outcome: 'Deal moves forward',
      });
    }
  });
  return team;
}

/**
 * Like `seedCommitments`, for volume: one commitment is made through the use case and the
 * rest are copies of it and of its follow-up, written a few hundred rows per statement. The
 * copies' follow-ups fire a millisecond apart, the first made last, so that the order due
 * rows are claimed in is not the order they were written in.
 */
export async function seedManyCommitments(db: Db, count: number, due = '2026-11-27') {
  const team = await seedCommitments(db, 1, due);
  const { id: _c, ...commitment } = await db.selectFrom('commitments').selectAll().executeTakeFirstOrThrow();
  const {
    id: _f,
    late: _l,
    ...followUp
  } = await db.selectFrom('follow_ups').selectAll().executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    for (let from = 1; from < count; from += 500) {
      const rows = Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
        ...commitment,
        what: `Next step ${from + i + 1}`,
      }));
      const ids = await trx.insertInto('commitments').values(rows).returning('id').execute();
      await trx
        .insertInto('follow_ups')
        .values(
          ids.map(({ id }, i) => ({
            ...followUp,
            commitment_id: id,
            fire_at: new Date(Date.parse(followUp.fire_at) - (from + i)).toISOString(),
          })),
        )
        .execute();
    }
  });
  return team;
}

/** As a member acts below the command line, by their e-mail: their organization, a clock fixed at `now`. */
export async function scopeOfMember(db: Db, email: string, now: string): Promise<Scope> {
  const actor = await db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const org = await db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', actor.organization_id)
    .executeTakeFirstOrThrow();
  return { db, clock: fixedClock(now), org, actor };
}
