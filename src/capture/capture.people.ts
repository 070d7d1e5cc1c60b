/** Someone a line of notes can name: by first name, full name, or @handle (the e-mail's local part). */
export interface NamedPerson {
  id: number;
  name: string;
  email: string;
  kind?: 'member' | 'contact';
  /** A customer contact's company: notes may name the company for them. */
  company?: string | null;
}

export type NameLookup<P> =
  | { kind: 'person'; person: P }
  | { kind: 'ambiguous'; candidates: P[] }
  | { kind: 'unknown' };

/**
 * The organization's people indexed by every way notes refer to them, and its customers'
 * companies (from its contacts and its plans); built once per capture.
 */
export class PeopleIndex<P extends NamedPerson = NamedPerson> {
  private readonly byKey = new Map<string, P[]>();
  private readonly companies = new Map<string, P[]>();

  constructor(people: readonly P[], planCompanies: readonly string[] = []) {
    for (const p of people) {
      const full = p.name.trim().toLowerCase();
      const first = full.split(/\s+/)[0] ?? full;
      const handle = p.email.split('@')[0]?.toLowerCase() ?? '';
      for (const key of new Set([full, first, handle, p.email.toLowerCase()])) {
        if (!key) continue;
        const list = this.byKey.get(key) ?? [];
        list.push(p);
        this.byKey.set(key, list);
      }
      if (p.kind === 'contact' && p.company?.trim()) {
        const key = p.company.trim().toLowerCase();
        this.companies.set(key, [...(this.companies.get(key) ?? []), p]);
      }
    }
    for (const company of planCompanies) {
      const key = company.trim().toLowerCase();
      if (key && !this.companies.has(key)) this.companies.set(key, []);
    }
  }

  /** Whether a word could start a name here ("dana", "Dana"): a cheap test before a lookup. */
  knows(word: string): boolean {
    return this.byKey.has(word.toLowerCase());
  }

  /** Whether a word is a customer company here ("Acme"). */
  isCompany(word: string): boolean {
    return this.companies.has(word.trim().toLowerCase());
  }

  /**
   * One person, or why not: a name two people share is ambiguous and never guessed, unless
   * exactly one of them is in the meeting (`present`).
   */
  lookup(ref: string, present?: ReadonlySet<number>): NameLookup<P> {
    const found = this.byKey.get(ref.trim().replace(/^@/, '').toLowerCase());
    if (!found?.length) return { kind: 'unknown' };
    const distinct = [...new Set(found)];
    if (distinct.length === 1) return { kind: 'person', person: distinct[0] as P };
    const here = present ? distinct.filter((p) => present.has(p.id)) : [];
    if (here.length === 1) return { kind: 'person', person: here[0] as P };
    return { kind: 'ambiguous', candidates: distinct };
  }

  /** A company named as a person: its one contact here; otherwise nobody in particular. */
  companyContact(word: string): NameLookup<P> {
    const contacts = this.companies.get(word.trim().toLowerCase());
    if (!contacts) return { kind: 'unknown' };
    return contacts.length === 1
      ? { kind: 'person', person: contacts[0] as P }
      : { kind: 'ambiguous', candidates: contacts };
  }
}
