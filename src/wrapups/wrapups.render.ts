import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { kindText } from '../meetings/meetings.rules.js';
import { formatId } from '../shared/ids.js';
import { localParts, shortDate } from '../shared/time.js';

/**
 * A meeting's wrap-up, in two forms. Members get everything agreed, in Markdown, with ids and
 * warnings to act on. A customer contact gets only the shared steps, in plain words: no ids,
 * no warnings, nothing internal.
 */

export interface WrapupText {
  subject: string;
  body: string;
}

export interface WrapupInput {
  meeting: Meeting;
  series: Series | null;
  author: Person;
  attendees: Person[];
  cc: Person[];
  items: CommitmentView[];
  followUpOffsetDays: number;
  /** Whether customer contacts receive their own wrap-up of this meeting. */
  customersReceive: boolean;
}

const followUpWhen = (offset: number): string =>
  offset === 1 ? 'the working day after' : `${offset} working days after`;

const farDate = (date: string): string => shortDate(date, '0000-01-01');

function dueWords(v: CommitmentView): string | null {
  const c = v.commitment;
  return c.due_date ? farDate(c.due_date) + (c.due_time ? ` ${c.due_time}` : '') : null;
}

/** The wrap-up members get, as Markdown: what was agreed, each with one owner, an outcome and a date. */
export function renderWrapup(input: WrapupInput): WrapupText {
  const start = localParts(input.meeting.starts_at, input.author.time_zone);
  const when = `${farDate(start.date)} ${start.time}`;
  const title =
    input.series?.name ?? `${kindText(input.meeting.kind)} ${formatId('meeting', input.meeting.id)}`;
  const lines = [
    `# Wrap-up: ${title}, ${when}`,
    '',
    `Attendees: ${input.attendees.map((p) => p.name).join(', ')}`,
  ];
  if (input.cc.length) lines.push(`Cc: ${input.cc.map((p) => p.name).join(', ')}`);
  lines.push('', '## Next steps', '');
  if (input.items.length === 0) lines.push('No next steps were agreed.');
  input.items.forEach((v, i) => {
    const c = v.commitment;
    lines.push(`${i + 1}. **${c.what}** (${formatId('commitment', c.id)})`);
    lines.push(`   - Owner: ${v.owner?.name ?? 'nobody yet'}`);
    if (v.with.length) lines.push(`   - With: ${v.with.map((p) => p.name).join(', ')}`);
    lines.push(`   - Outcome: ${c.outcome ?? 'not defined'}`);
    lines.push(`   - Due: ${dueWords(v) ?? c.vague_due ?? 'no date'}`);
    if (c.needs) lines.push(`   - Needs: ${c.needs}`);
    if (input.customersReceive) {
      lines.push(c.visibility === 'shared' ? '   - Shared with the customer' : '   - Internal');
    }
    if (v.limbo.length)
      lines.push(`   - ⚠ In limbo: no ${v.limbo.join(', no ')}. Agree it before this goes out.`);
  });
  lines.push(
    '',
    `Each owner gets a follow-up ${followUpWhen(input.followUpOffsetDays)} their date: how did it go, and what is next?`,
  );
  return { subject: `Wrap-up: ${title}, ${when}`, body: lines.join('\n') };
}

/**
 * Whether a customer contact may see a step: a shared one that is theirs, or made with them,
 * or with someone of their company. Another customer's steps never reach them, shared or not.
 */
export function visibleTo(reader: Person, v: CommitmentView): boolean {
  if (v.commitment.visibility !== 'shared') return false;
  const involved = [v.owner, ...v.with].filter((p): p is Person => p !== null && p.kind === 'contact');
  const company = reader.company?.trim().toLowerCase();
  return involved.some((p) => p.id === reader.id || (company && p.company?.trim().toLowerCase() === company));
}

/**
 * The wrap-up a customer contact gets: the shared steps that are theirs or their company's,
 * in plain words, in their own zone, signed by whoever ran the meeting. Null when nothing
 * agreed is theirs to see.
 */
export function renderCustomerWrapup(
  input: Pick<WrapupInput, 'meeting' | 'author'> & { reader: Person; items: CommitmentView[] },
): WrapupText | null {
  const shared = input.items.filter((v) => visibleTo(input.reader, v));
  if (shared.length === 0) return null;
  const day = farDate(localParts(input.meeting.starts_at, input.reader.time_zone).date);
  const lines = [
    `Hi ${input.reader.name.split(/\s+/)[0]},`,
    '',
    `Thank you for your time on ${day}. Here ${shared.length === 1 ? 'is the next step' : 'are the next steps'} we agreed:`,
    '',
  ];
  shared.forEach((v, i) => {
    const c = v.commitment;
    lines.push(`${i + 1}. ${c.what}`);
    lines.push(`   Who: ${v.owner?.name ?? 'to be confirmed'}`);
    if (v.with.length) lines.push(`   With: ${v.with.map((p) => p.name).join(', ')}`);
    if (c.outcome) lines.push(`   So that: ${c.outcome}`);
    lines.push(`   By: ${dueWords(v) ?? 'date to be agreed'}`);
    lines.push('');
  });
  lines.push('Best regards,', input.author.name);
  return { subject: `Next steps from our meeting on ${day}`, body: lines.join('\n') };
}

/**
 * What heads a member's wrap-up when steps were delegated to them: each step, and three links
 * that need no sign-in: agree, propose another date or approach, or ask for what they need.
 */
export function renderAgreementAsk(asked: { view: CommitmentView; link: string }[]): string {
  const lines = ['## Your steps: do you agree?', ''];
  asked.forEach(({ view, link }, i) => {
    const c = view.commitment;
    lines.push(`${i + 1}. **${c.what}**, due ${dueWords(view) ?? c.vague_due ?? 'no date'}`);
    lines.push(`   - I agree: ${link}?do=agree`);
    lines.push(`   - Propose another date or approach: ${link}?do=propose`);
    lines.push(`   - I need something (resources, help): ${link}?do=help`);
  });
  lines.push('', 'Until you answer, each stays "not yet agreed".');
  return lines.join('\n');
}
