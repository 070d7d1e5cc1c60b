import { z } from 'zod';
import { inTransaction } from '../db/database.js';
import type { Person } from '../db/schema.js';
import { updateOrganization } from '../organizations/organizations.repository.js';
import { nowIso, type Scope } from '../organizations/scope.js';
import { conflict, invalid } from '../shared/errors.js';
import { isValidZone } from '../shared/time.js';
import {
  countMembers,
  findByEmail,
  findCandidates,
  getPeople,
  insertPerson,
  listPeople,
} from './people.repository.js';
import { pickPerson } from './people.rules.js';

export async function resolvePerson(scope: Scope, ref: string): Promise<Person> {
  return pickPerson(ref, await findCandidates(scope.db, scope.org.id, ref));
}

export async function resolvePeople(scope: Scope, refs: string[]): Promise<Person[]> {
  const people: Person[] = [];
  for (const ref of refs) people.push(await resolvePerson(scope, ref));
  return people;
}

export interface NewPersonInput {
  name: string;
  email: string;
  manager?: string | undefined;
  timeZone?: string | undefined;
  contact?: boolean | undefined;
  partner?: string | undefined;
}

const emailSchema = z.email();

export async function addPerson(scope: Scope, input: NewPersonInput): Promise<Person> {
  const email = input.email.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    throw invalid(
      'invalid_email',
      `"${input.email}" is not an e-mail address; use one like dana@example.com.`,
    );
  }
  if (!input.name.trim()) throw invalid('missing_name', 'Give the person a name, like "Dana Ruiz".');
  const zone = input.timeZone ?? scope.org.time_zone;
  if (!isValidZone(zone)) {
    throw invalid('invalid_time_zone', `"${zone}" is not an IANA time zone; use one like America/New_York.`);
  }
  if (input.contact && (input.manager || input.partner)) {
    throw invalid(
      'contact_cannot_have_manager',
      'A contact has no manager or accountability partner; drop --manager/--partner, or add them as a member.',
    );
  }
  const manager = input.manager ? await resolveMember(scope, input.manager, 'manager') : null;
  const partner = input.partner ? await resolveMember(scope, input.partner, 'partner') : null;
  return inTransaction(scope.db, async (trx) => {
    if (await findByEmail(trx, scope.org.id, email)) {
      throw conflict('email_taken', `${email} already belongs to someone here; see \`ft person list\`.`);
    }
    const kind = input.contact ? 'contact' : 'member';
    const isFirstMember = kind === 'member' && (await countMembers(trx, scope.org.id)) === 0;
    const person = await insertPerson(trx, {
      organization_id: scope.org.id,
      name: input.name.trim(),
      email,
      kind,
      time_zone: zone,
      manager_id: manager?.id ?? null,
      partner_id: partner?.id ?? null,
      created_at: nowIso(scope),
    });
    if (isFirstMember && scope.org.default_actor_id === null) {
      await updateOrganization(trx, scope.org.id, { default_actor_id: person.id });
    }
    return person;
  });
}

async function resolveMember(scope: Scope, ref: string, role: string): Promise<Person> {
  const person = await resolvePerson(scope, ref);
  if (person.kind !== 'member') {
    throw invalid(
      `${role}_not_member`,
      `${person.name} is a contact; a ${role} must be a member of the team.`,
    );
  }
  return person;
}

export interface PersonView extends Person {
  manager: Person | null;
  partner: Person | null;
}

export async function peopleDirectory(scope: Scope): Promise<PersonView[]> {
  const people = await listPeople(scope.db, scope.org.id);
  const byId = new Map(people.map((p) => [p.id, p]));
  return people.map((p) => ({
    ...p,
    manager: p.manager_id ? (byId.get(p.manager_id) ?? null) : null,
    partner: p.partner_id ? (byId.get(p.partner_id) ?? null) : null,
  }));
}

export { getPeople };
