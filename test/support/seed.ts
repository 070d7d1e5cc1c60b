import { makeCommitment } from '../../src/commitments/commitments.usecases.js';
import type { Db } from '../../src/db/database.js';
import type { Person } from '../../src/db/schema.js';
import { ensureOrganization } from '../../src/organizations/organizations.usecases.js';
import type { Scope } from '../../src/organizations/scope.js';
import { addPerson } from '../../src/people/people.usecases.js';
import { ManualClock } from '../../src/shared/clock.js';

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
