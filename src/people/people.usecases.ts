import { inTransaction } from '../db/database.js';
import type { Person } from '../db/schema.js';
import { updateOrganization } from '../organizations/organizations.repository.js';
import { nowIso, type Scope } from '../organizations/scope.js';
import {
  type Access,
  accessOf,
  mayAddPerson,
  mayManagePeople,
  maySeeDetailsOf,
  maySeePerson,
  notAllowed,
} from '../policy/policy.js';
import { conflict, invalid } from '../shared/errors.js';
import { limits, oneLine, optionalLine, quoted } from '../shared/text.js';
import { checkZone } from '../shared/time.js';
import {
  countMembers,
  findByEmail,
  findCandidates,
  getPeople,
  insertPerson,
  listPeople,
} from './people.repository.js';
import { pickPerson, unknownPerson } from './people.rules.js';

export interface ResolveOptions {
  /** Only someone who can be given new work: not a person who has left. */
  active?: boolean;
  /** Only a member (who acts, manages, partners): a customer contact is never meant. */
  members?: boolean;
  /** A member is the likely meaning: a name shared with a contact means the member. */
  preferMembers?: boolean;
}

export async function resolvePerson(
  scope: Scope,
  ref: string,
  options: ResolveOptions = {},
): Promise<Person> {
  const value = ref.trim();
  if (!value) throw invalid('missing_person', 'Name a person by e-mail or name, like dana@example.com.');
  // A NUL cannot even be sent to PostgreSQL; no name or e-mail holds a control character.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    throw invalid(
      'control_characters',
      'A person is named by e-mail or name, on one line, without control characters.',
    );
  }
  if (value.length > MAX_REF) {
    throw invalid(
      'person_ref_too_long',
      `A person is named by e-mail or name, at most ${MAX_REF} characters.`,
    );
  }
  const candidates = (await findCandidates(scope.db, scope.org.id, value)).filter(
    (p) => !options.members || p.kind === 'member',
  );
  const person = pickPerson(value, candidates, {
    preferMembers: options.preferMembers ?? options.members ?? false,
  });
  if (options.active && person.deactivated_at) {
    throw conflict(
      'person_inactive',
      `${person.name} left (deactivated ${person.deactivated_at.slice(0, 10)}); they cannot be given new work.`,
    );
  }
  return person;
}

export async function resolvePeople(
  scope: Scope,
  refs: string[],
  options: ResolveOptions = {},
): Promise<Person[]> {
  const people: Person[] = [];
  for (const ref of refs) people.push(await resolvePerson(scope, ref, options));
  return people;
}

/** The longest e-mail or name a reference may be. */
export const MAX_REF = 200;

export interface NewPersonInput {
  name: string;
  email: string;
  manager?: string | undefined;
  timeZone?: string | undefined;
  contact?: boolean | undefined;
  partner?: string | undefined;
  company?: string | undefined;
}

/** A valid e-mail address, lower case. The validator loads only when an address is checked. */
export async function checkEmail(text: string): Promise<string> {
  const email = oneLine(text, 'An e-mail address', limits.email).toLowerCase();
  const { z } = await import('zod');
  if (!z.email().safeParse(email).success) {
    throw invalid(
      'invalid_email',
      `${quoted(text)} is not an e-mail address; use one like dana@example.com.`,
    );
  }
  return email;
}

export function checkName(text: string): string {
  const name = oneLine(text, 'A name', limits.name);
  if (!name) throw invalid('missing_name', 'Give the person a name, like "Dana Ruiz".');
  return name;
}

const FREE_MAIL = new Set([
  'gmail',
  'googlemail',
  'outlook',
  'hotmail',
  'live',
  'yahoo',
  'icloud',
  'me',
  'aol',
  'proton',
  'protonmail',
  'gmx',
  'web',
  'mail',
]);

/** A contact's company, by default from their address: jo@acme.example works at Acme. */
export function companyFromEmail(email: string): string | null {
  const labels = (email.split('@')[1] ?? '').split('.');
  const name = labels.length >= 2 ? labels[labels.length - 2] : undefined;
  if (!name || FREE_MAIL.has(name)) return null;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export async function addPerson(scope: Scope, input: NewPersonInput): Promise<Person> {
  return (await registerPerson(scope, input)).person;
}

/** Adds a member or a contact; warns when someone here has the same name already. */
export async function registerPerson(
  scope: Scope,
  input: NewPersonInput,
): Promise<{ person: Person; warnings: string[] }> {
  if (!mayAddPerson(await accessOf(scope), input.contact ? 'contact' : 'member')) {
    throw notAllowed('Only an admin may add members (anyone may add a customer contact).');
  }
  const email = await checkEmail(input.email);
  const name = checkName(input.name);
  const zone = checkZone(input.timeZone ?? scope.org.time_zone);
  if (input.contact && (input.manager || input.partner)) {
    throw invalid(
      'contact_cannot_have_manager',
      'A contact has no manager or accountability partner; drop --manager/--partner, or add them as a member.',
    );
  }
  if (!input.contact && input.company) {
    throw invalid(
      'member_company',
      'A company is for customer contacts; drop --company, or add them with --contact.',
    );
  }
  const company = input.contact
    ? (optionalLine(input.company, 'A company', limits.company) ?? companyFromEmail(email))
    : null;
  const manager = input.manager ? await resolveMember(scope, input.manager, 'manager') : null;
  const partner = input.partner ? await resolveMember(scope, input.partner, 'partner') : null;
  return inTransaction(scope.db, async (trx) => {
    if (await findByEmail(trx, scope.org.id, email)) {
      throw conflict('email_taken', `${email} already belongs to someone here; see \`ft person list\`.`);
    }
    const namesakes = (await findCandidates(trx, scope.org.id, name)).filter(
      (p) => p.name.toLowerCase() === name.toLowerCase(),
    );
    const kind = input.contact ? 'contact' : 'member';
    const isFirstMember = kind === 'member' && (await countMembers(trx, scope.org.id)) === 0;
    const person = await insertPerson(trx, {
      organization_id: scope.org.id,
      name,
      email,
      kind,
      time_zone: zone,
      manager_id: manager?.id ?? null,
      partner_id: partner?.id ?? null,
      company,
      deactivated_at: null,
      created_at: nowIso(scope),
      user_id: null,
      // The first member runs the organization; admins name others later.
      role: isFirstMember ? 'admin' : 'member',
    });
    if (isFirstMember && scope.org.default_actor_id === null) {
      await updateOrganization(trx, scope.org.id, { default_actor_id: person.id });
    }
    const warnings = namesakes.map(
      (p) =>
        `${p.name} <${p.email}> has the same name: name them both by e-mail from now on (${p.email}, ${email}).`,
    );
    return { person, warnings };
  });
}

export async function resolveMember(scope: Scope, ref: string, role: string): Promise<Person> {
  const person = await resolvePerson(scope, ref, { preferMembers: true });
  if (person.kind !== 'member') {
    throw invalid(
      `${role}_not_member`,
      `${person.name} is a contact; a ${role} must be a member of the team.`,
    );
  }
  if (person.deactivated_at) {
    throw conflict('person_inactive', `${person.name} left; choose someone still on the team as ${role}.`);
  }
  return person;
}

export interface PersonView extends Person {
  manager: Person | null;
  partner: Person | null;
  /** Whether the one asking sees this person's accountability partner and role. */
  detailed: boolean;
}

/**
 * The people the scope may see (src/policy/policy.ts): everyone active, and, for an admin (or
 * the command line on its own data) with `all`, the people who left too.
 */
export async function peopleDirectory(scope: Scope, options: { all?: boolean } = {}): Promise<PersonView[]> {
  const access = await accessOf(scope);
  if (options.all && !mayManagePeople(access)) {
    throw notAllowed('Only an admin sees the people who left.');
  }
  const everyone = await listPeople(scope.db, scope.org.id);
  const people = options.all ? everyone : everyone.filter((p) => !p.deactivated_at);
  const byId = new Map(everyone.map((p) => [p.id, p]));
  return people.map((p) => viewOf(access, p, byId));
}

/** One person the scope may see, by e-mail or name; anyone else is not found, as if not here. */
export async function showPerson(scope: Scope, ref: string): Promise<PersonView> {
  const person = await seenPerson(scope, ref);
  const links = [person.manager_id, person.partner_id].filter((id): id is number => id !== null);
  const byId = new Map((await getPeople(scope.db, scope.org.id, links)).map((p) => [p.id, p]));
  return viewOf(await accessOf(scope), person, byId);
}

/** The person a reference names, when the scope may see them: otherwise "not found". */
export async function seenPerson(scope: Scope, ref: string): Promise<Person> {
  const person = await resolvePerson(scope, ref);
  if (!maySeePerson(await accessOf(scope), person)) {
    throw unknownPerson(ref, []);
  }
  return person;
}

function viewOf(access: Access, p: Person, byId: Map<number, Person>): PersonView {
  return {
    ...p,
    manager: p.manager_id ? (byId.get(p.manager_id) ?? null) : null,
    partner: p.partner_id ? (byId.get(p.partner_id) ?? null) : null,
    detailed: maySeeDetailsOf(access, p),
  };
}

export { getPeople };
