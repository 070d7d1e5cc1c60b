/** Someone a line of notes can name: by first name, full name, or @handle (the e-mail's local part). */
export interface NamedPerson {
  id: number;
  name: string;
  email: string;
}

export type NameLookup<P> =
  | { kind: 'person'; person: P }
  | { kind: 'ambiguous'; candidates: P[] }
  | { kind: 'unknown' };

/** The organization's people indexed by every way notes refer to them; built once per capture. */
export class PeopleIndex<P extends NamedPerson = NamedPerson> {
  private readonly byKey = new Map<string, P[]>();

  constructor(people: readonly P[]) {
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
    }
  }

  /** Whether a word could start a name here ("dana", "Dana"): a cheap test before a lookup. */
  knows(word: string): boolean {
    return this.byKey.has(word.toLowerCase());
  }

  /** One person, or why not: a name two people share is ambiguous and never guessed. */
  lookup(ref: string): NameLookup<P> {
    const found = this.byKey.get(ref.trim().replace(/^@/, '').toLowerCase());
    if (!found?.length) return { kind: 'unknown' };
    const distinct = [...new Set(found)];
    return distinct.length === 1
      ? { kind: 'person', person: distinct[0] as P }
      : { kind: 'ambiguous', candidates: distinct };
  }
}
