import type { LimboReason } from '../commitments/commitments.rules.js';
import { findDue } from '../dates/dates.read.js';
import { ACTION_VERBS, MODALS_TOO, NOT_A_NAME, NOT_AN_ACTION } from './capture.lexicon.js';
import type { NamedPerson, PeopleIndex } from './capture.people.js';

/**
 * Turns one line of meeting notes into a next step, or leaves it alone. A line is a next
 * step when it has an owner marker ("Dana:", "@dana", "AI: Dana", "Dana will / to…",
 * "I'll", "We'll", "Someone needs to") with an action, or an action with a due phrase.
 * Pure: people, the author and the meeting's date come in the context.
 */

export interface CaptureContext<P extends NamedPerson> {
  people: PeopleIndex<P>;
  /** Who "I" is: the meeting's author. */
  author: P;
  /** The meeting's local date, YYYY-MM-DD: due phrases are read against it. */
  meetingDate: string;
  /** Who is in the meeting: a name two people share means the one who is there. */
  present?: ReadonlySet<number>;
}

export interface CapturedStep<P extends NamedPerson> {
  owner: P | null;
  /** A name in the notes that matches nobody here, or several people: never guessed. */
  unresolvedOwner: string | null;
  /** When the name matches several people: who it could be. */
  candidates: P[];
  what: string;
  with: P[];
  outcome: string | null;
  due: { date: string; time: string | null } | null;
  /** "ASAP", "soon"…: said, but no date. */
  vagueDue: string | null;
  limbo: LimboReason[];
}

interface Subject<P> {
  owner: P | null;
  unresolved: string | null;
  candidates: P[];
  rest: string;
  also: P[];
}

const BULLET = /^\s*(?:[-*•‣·+>]+|\d{1,2}[.)]|[a-z][.)](?=\s)|\[[ xX]?\])\s*/;
const LABEL =
  /^(?:(?:AI|A\.I\.|TODO|To-?do)\b\s*[:\-–—]?|(?:action items?|actions?|next steps?|ns|f\/u|follow[- ]?ups?|takeaways?|owner)\s*[:\-–—])\s*/i;
const MODAL =
  "(?:will|['’]ll|to|is going to|['’]s going to|is gonna|should|needs to|need to|has to|must|is to|can|agreed to|offered to|promised to|volunteered to|committed to|will need to|is on|owns|takes|is taking|['’]s taking|will own|will take)";
const WORD = "[A-Za-z][A-Za-z'’-]*";
const NAME = `@?${WORD}(?:\\s+[A-Z][A-Za-z'’-]+)?`;
const BY_MODAL = new RegExp(`^(${NAME})(?:\\s*(?:,|and|&|\\+)\\s*(${NAME}))?\\s+${MODAL}\\s+(.+)$`);
const BY_LABEL = new RegExp(`^(${NAME})\\s*(?::|\\s[-–—]|[–—])\\s*(.+)$`);
const BY_HANDLE = /^@([\w.-]+)\s*[:,\-–—]?\s*(.+)$/;
const SELF =
  /^(?:i\s*['’]ll|i (?:will|am going to|need to|should|have to|must|can|to)|i\s*['’]m (?:going to|gonna)|me\s*[:\-–—])\s*(.+)$/i;
const SELF_OWES = /^i\s+(owe\s+.+)$/i;
const NOBODY =
  /^(?:we\s*['’]ll|we (?:will|need to|should|have to|must|are going to|to|can)|we\s*['’]re (?:going to|gonna)|let\s*['’]?s|lets|some(?:one|body) (?:needs to|should|has to|must|will|to|can|needs to go)|(?:the )?team (?:will|to|needs to|should)|(?:all|everyone|both)\s*[:\-–—]|(?:all|everyone|both) (?:to|will|should))\s+(.+)$/i;
const TRAILING_OWNER = new RegExp(
  `^(.+?)\\s*(?:\\(\\s*(${NAME})\\s*\\)|\\[\\s*(${NAME})\\s*\\]|\\s[-–—]\\s*(${NAME})|;?\\s*owner:\\s*(${NAME}))\\s*\\.?$`,
);
const OUTCOME = /\s*(?:\bso that\b|\bso\b|→|->|=>|\boutcome\s*:|\bgoal\s*:)\s*/i;
const POLITE = /^(?:pls|plz|please|kindly)\s+/i;
/** A verb that makes an unmarked line a report of what happened ("Demo with Ken went well today"). */
const STATEMENT = new RegExp(
  `\\b(?:${[...NOT_AN_ACTION].filter((w) => !MODALS_TOO.has(w)).join('|')})\\b`,
  'i',
);
const FIRST_WORD = /^[a-z][a-z/'’-]*/i;

/** A Markdown checkbox: "[ ]" to do, "[x]" done. */
const CHECKBOX = /^\s*\[([ xX]?)\]\s*/;

/**
 * Reads one line of notes: the next steps it states, in order (none for a line that is not
 * one). Parts separated by ";" are read on their own; a part with no owner of its own, after
 * a part with a named owner, is theirs ("Dana: call Jo Mon; send her the deck by Fri").
 */
export function captureLine<P extends NamedPerson>(line: string, ctx: CaptureContext<P>): CapturedStep<P>[] {
  let text = line;
  // Bullets and checkboxes, in any nesting: "- [ ] @ben …", "1. [x] …".
  for (let stripped = ''; stripped !== text; ) {
    stripped = text;
    const box = CHECKBOX.exec(text);
    if (box) {
      // A ticked box is done already: not a next step.
      if (box[1]?.trim()) return [];
      text = text.slice(box[0].length);
    }
    text = text.replace(BULLET, '');
  }
  const steps: CapturedStep<P>[] = [];
  let carried: Subject<P> | null = null;
  for (const part of text.split(/\s*;\s+/)) {
    const read: ReturnType<typeof readPart<P>> = readPart(part, ctx, carried);
    if (!read) continue;
    steps.push(read.step);
    carried = read.subject.owner || read.subject.unresolved ? read.subject : null;
  }
  return steps;
}

function readPart<P extends NamedPerson>(
  part: string,
  ctx: CaptureContext<P>,
  carried: Subject<P> | null,
): { step: CapturedStep<P>; subject: Subject<P> } | null {
  let text = part.replace(POLITE, '').trim();
  if (text.length < 3 || /\?\s*$/.test(text) || /^["“']/.test(text)) return null;
  const label = LABEL.exec(text);
  if (label) text = text.slice(label[0].length).trim();
  if (!text) return null;

  let subject = findSubject(text, ctx, label !== null);
  if (subject === 'fact') return null;
  // A part without an owner of its own, after one with a named owner, is theirs when it is an instruction.
  if (
    subject === null &&
    carried &&
    ACTION_VERBS.has(firstWord(text.replace(/^(?:to|will|should)\s+/i, '')))
  ) {
    subject = { ...carried, rest: text, also: [] };
  }
  const marked = subject !== null || label !== null;
  const { owner, unresolved, candidates, rest, also } = subject ?? {
    owner: null,
    unresolved: null,
    candidates: [],
    rest: text,
    also: [],
  };
  const action = rest.replace(/^(?:to|will|should)\s+/i, '').replace(POLITE, '');
  if (!marked && (!ACTION_VERBS.has(firstWord(action)) || STATEMENT.test(action))) return null;
  if (NOT_AN_ACTION.has(firstWord(action)) && !HAVE.test(action)) return null;

  const split = OUTCOME.exec(action);
  let doing = split ? action.slice(0, split.index) : action;
  let outcome = split ? action.slice(split.index + split[0].length) : null;
  let due = findDue(doing, ctx.meetingDate);
  if (due && !due.invalid) {
    doing = cut(doing, due.index, due.length);
  } else if (outcome) {
    const inOutcome = findDue(outcome, ctx.meetingDate);
    if (
      inOutcome &&
      !inOutcome.invalid &&
      inOutcome.index + inOutcome.length >= outcome.replace(/[\s.!;,]+$/, '').length
    ) {
      outcome = cut(outcome, inOutcome.index, inOutcome.length);
      due = inOutcome;
    }
  }
  if (due?.invalid) due = null;
  if (!marked && !due) return null;

  const what = tidy(doing);
  if (!what || !/[a-z]{2}/i.test(what)) return null;
  outcome = outcome ? tidy(outcome, false) || null : null;
  // Who it is done with is named in what is done; people in its outcome are who it is for.
  const withPeople = mentioned(doing, ctx, [...also], owner);
  const limbo: LimboReason[] = [];
  if (!owner) limbo.push('owner');
  if (!due?.date) limbo.push('due');
  if (!outcome) limbo.push('outcome');
  const step: CapturedStep<P> = {
    owner,
    unresolvedOwner: unresolved,
    candidates,
    what,
    with: withPeople,
    outcome,
    due: due?.date ? { date: due.date, time: due.time } : null,
    vagueDue: due?.vague ?? null,
    limbo,
  };
  return { step, subject: { owner, unresolved, candidates, rest, also: [] } };
}

/** "to have the deck with me by Friday" promises something, unlike "has the deck". */
const HAVE = /^have\b/i;

/** Who a line says owns it, and the rest of the line; null when nobody is marked, 'fact' for a statement. */
const NAMED_INSTRUCTION = /^@?([A-Za-z][A-Za-z'’-]*)\s+(.+)$/;

function findSubject<P extends NamedPerson>(
  text: string,
  ctx: CaptureContext<P>,
  labelled = false,
): Subject<P> | 'fact' | null {
  let m = SELF.exec(text) ?? SELF_OWES.exec(text);
  if (m)
    return stated({ owner: ctx.author, unresolved: null, candidates: [], rest: m[1] as string, also: [] });
  m = NOBODY.exec(text);
  if (m) return stated({ owner: null, unresolved: null, candidates: [], rest: m[1] as string, also: [] });
  m = BY_HANDLE.exec(text);
  if (m) return stated(resolve(m[1] as string, m[2] as string, ctx, true));
  m = BY_MODAL.exec(text);
  // "Initech is on the legacy plan": a company "is on" or "owns" something as a fact.
  if (
    m &&
    isName(m[1] as string, ctx) &&
    !(isCompanyName(m[1] as string, ctx) && COMPANY_FACT.test(text.slice((m[1] as string).length)))
  ) {
    const subject = resolve(m[1] as string, m[3] as string, ctx, false);
    const second = m[2] ? ctx.people.lookup(m[2], ctx.present) : null;
    if (second?.kind === 'person') subject.also.push(second.person);
    return stated(subject, true);
  }
  // After "AI:", a known name and an instruction: "AI: Tom follow up with Li tomorrow".
  if (labelled) {
    const named = NAMED_INSTRUCTION.exec(text);
    if (named && ctx.people.knows(named[1] as string) && ACTION_VERBS.has(firstWord(named[2] as string))) {
      return stated(resolve(named[1] as string, named[2] as string, ctx, false));
    }
  }
  m = BY_LABEL.exec(text);
  if (m && isName(m[1] as string, ctx)) {
    const subject = resolve(m[1] as string, m[2] as string, ctx, false);
    return spoken(subject.rest) ? 'fact' : stated(subject);
  }
  m = TRAILING_OWNER.exec(text);
  const trailing = m?.slice(2).find(Boolean);
  if (m && trailing && ctx.people.lookup(trailing, ctx.present).kind === 'person') {
    return stated(resolve(trailing, m[1] as string, ctx, false));
  }
  return null;
}

/** Words after a company's name that state what it is or has, not what it will do. */
const COMPANY_FACT = /^\s*(?:is|has|owns|takes|is taking|['’]s)\b/i;

const isCompanyName = <P extends NamedPerson>(word: string, ctx: CaptureContext<P>): boolean =>
  !ctx.people.knows(word.replace(/^@/, '')) && ctx.people.isCompany(word.replace(/^@/, ''));

/**
 * A subject followed by "was", "is", "will be", "sent"… states a fact, not a step; after a
 * modal ("Dana to have the deck with me"), "have" is a promise.
 */
function stated<P>(subject: Subject<P>, modal = false): Subject<P> | 'fact' {
  const rest = subject.rest.replace(/^(?:to|will)\s+/i, '');
  if (modal && HAVE.test(rest)) return subject;
  return NOT_AN_ACTION.has(firstWord(rest)) ? 'fact' : subject;
}

/** A past-tense verb ("slipped", "approved") in what follows a speaker's name. */
const REPORTED = /\b[a-z]{3,}ed\b/i;

/**
 * "Sofia: procurement slipped to Jan 15" reports what someone said; "Dana: send the deck
 * Friday" gives Dana a step. After a name and a colon, a line is a step when it starts with an
 * instruction, or names something to do by a date without a verb of what happened.
 */
function spoken(rest: string): boolean {
  const words = rest.replace(/^(?:to|will|should)\s+/i, '').replace(POLITE, '');
  if (ACTION_VERBS.has(firstWord(words))) return false;
  if (STATEMENT.test(words) || REPORTED.test(words)) return true;
  return findDue(words, '2000-01-01') === null;
}

/** A word in subject position that could be a person: someone known, or a capitalised name we do not know. */
function isName<P extends NamedPerson>(word: string, ctx: CaptureContext<P>): boolean {
  const first = word.replace(/^@/, '').split(/\s+/)[0] as string;
  if (ctx.people.knows(first) || ctx.people.knows(word.replace(/^@/, '')) || ctx.people.isCompany(first))
    return true;
  const lower = first.toLowerCase();
  return /^[A-Z][a-z'’-]+$/.test(first) && !NOT_A_NAME.has(lower) && !ACTION_VERBS.has(lower);
}

function resolve<P extends NamedPerson>(
  name: string,
  rest: string,
  ctx: CaptureContext<P>,
  handle: boolean,
): Subject<P> {
  const bare = name.replace(/^@/, '');
  const unresolved = (candidates: P[]): Subject<P> => ({
    owner: null,
    unresolved: bare,
    candidates,
    rest,
    also: [],
  });
  const found = ctx.people.lookup(name, ctx.present);
  if (found.kind === 'person')
    return { owner: found.person, unresolved: null, candidates: [], rest, also: [] };
  if (found.kind === 'ambiguous') return unresolved(found.candidates);
  // A customer's company stands for its one contact here ("Acme to send the MSA").
  const company = ctx.people.companyContact(bare);
  if (company.kind === 'person')
    return { owner: company.person, unresolved: null, candidates: [], rest, also: [] };
  if (company.kind === 'ambiguous') return unresolved(company.candidates);
  // A full name we do not know may still start with a first name we do: "Dana R" is Dana.
  const first = bare.split(/\s+/)[0] as string;
  if (!handle && first !== bare) {
    const byFirst = ctx.people.lookup(first, ctx.present);
    if (byFirst.kind === 'person')
      return { owner: byFirst.person, unresolved: null, candidates: [], rest, also: [] };
  }
  return unresolved([]);
}

/** Capitalised names and @handles; a lower-case name counts after "with", "to", "for". */
const NAME_TOKEN = /@[\w.-]+|\b[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’-]+)?|(?<=\b(?:with|to|for|w\/|cc)\s+)[a-z]+\b/g;

/** Known people named in the step's text, in order, without its owner. */
function mentioned<P extends NamedPerson>(
  text: string,
  ctx: CaptureContext<P>,
  found: P[],
  owner: P | null,
): P[] {
  for (const match of text.matchAll(NAME_TOKEN)) {
    const token = match[0].replace(/['’]s$/, '');
    // "Dana Ruiz" as a whole, else each word: "Send Jo" names Jo.
    const candidates = [token, ...(token.includes(' ') ? token.split(/\s+/) : [])];
    for (const candidate of candidates) {
      const hit = ctx.people.lookup(candidate, ctx.present);
      if (hit.kind !== 'person') continue;
      if (hit.person !== owner && !found.includes(hit.person)) found.push(hit.person);
      break;
    }
  }
  return found;
}

const firstWord = (text: string): string => (FIRST_WORD.exec(text)?.[0] ?? '').toLowerCase();

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/** Squeezes spaces and dangling punctuation; a step starts with a capital. */
function tidy(text: string, capital = true): string {
  const clean = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!])/g, '$1')
    .replace(/^[\s,;:–—-]+|[\s,;:–—(-]+$/g, '')
    .replace(/\.$/, '')
    .trim();
  return capital ? clean.charAt(0).toUpperCase() + clean.slice(1) : clean;
}
