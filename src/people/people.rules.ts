import type { Person } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { quoted } from '../shared/text.js';

export const describePerson = (p: Pick<Person, 'name' | 'email'>): string => `${p.name} <${p.email}>`;

export const looksLikeEmail = (ref: string): boolean => ref.includes('@');

export interface PickOptions {
  /**
   * Where a member is the likely meaning (an owner, who acts, a manager), a name a member and a
   * customer contact share means the member: contacts never block members' names.
   */
  preferMembers?: boolean;
}

/**
 * Picks the one person a reference means: an e-mail address, a full name, or a first
 * name that only one person has. `candidates` are the people whose name or e-mail could match.
 */
export function pickPerson(ref: string, candidates: Person[], options: PickOptions = {}): Person {
  const wanted = ref.trim().toLowerCase();
  if (looksLikeEmail(wanted)) {
    const byEmail = candidates.find((p) => p.email === wanted);
    if (byEmail) return byEmail;
    throw unknownPerson(ref, []);
  }
  const one = (found: Person[]): Person | null => {
    if (found.length === 1) return found[0] as Person;
    const members = found.filter((p) => p.kind === 'member');
    return options.preferMembers && members.length === 1 ? (members[0] as Person) : null;
  };
  const byName = candidates.filter((p) => p.name.toLowerCase() === wanted);
  const named = one(byName);
  if (named) return named;
  const byFirst = byName.length > 1 ? byName : candidates.filter((p) => firstName(p) === wanted);
  const first = one(byFirst);
  if (first) return first;
  if (byFirst.length > 1) {
    throw new AppError(
      'ambiguous_person',
      `${quoted(ref)} could be ${byFirst.map(describePerson).join(' or ')}; use the e-mail address.`,
      400,
      { candidates: byFirst.map((p) => p.email) },
    );
  }
  throw unknownPerson(ref, candidates);
}

const firstName = (p: Person): string => (p.name.split(/\s+/)[0] ?? '').toLowerCase();

/** Nobody by that e-mail or name here (or nobody the one asking may see). */
export function unknownPerson(ref: string, nearby: Person[]): AppError {
  const hint = nearby.length
    ? ` Did you mean ${nearby.slice(0, 5).map(describePerson).join(', ')}?`
    : ' See `ft person list`, or add them with `ft person add NAME --email E`.';
  return new AppError('person_not_found', `Nobody called ${quoted(ref)} here.${hint}`, 404, {
    candidates: nearby.map((p) => p.email),
  });
}

/** Everyone below a manager, however deep, given the organization's manager links. */
export function reportsOf(managerId: number, people: Pick<Person, 'id' | 'manager_id'>[]): number[] {
  const below: number[] = [];
  const queue = [managerId];
  const seen = new Set(queue);
  while (queue.length) {
    const current = queue.shift() as number;
    for (const p of people) {
      if (p.manager_id === current && !seen.has(p.id)) {
        seen.add(p.id);
        below.push(p.id);
        queue.push(p.id);
      }
    }
  }
  return below;
}
