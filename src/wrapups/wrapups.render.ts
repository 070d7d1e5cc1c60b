import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { localDate, shortDate, zoned } from '../shared/time.js';

export interface WrapupInput {
  meeting: Meeting;
  series: Series | null;
  author: Person;
  attendees: Person[];
  cc: Person[];
  items: CommitmentView[];
  today: string;
  followUpOffsetDays: number;
}

const followUpWhen = (offset: number): string =>
  offset === 1 ? 'the working day after' : `${offset} working days after`;

const kindTitle = (kind: string): string => (kind === 'one_on_one' ? '1:1' : kind.replace(/_/g, ' '));

/** The wrap-up as Markdown: what was agreed, each with one owner, an outcome and a date. */
export function renderWrapup(input: WrapupInput): { subject: string; markdown: string } {
  const zone = input.author.time_zone;
  const day = localDate(input.meeting.starts_at, zone);
  const when = `${shortDate(day, '0000-01-01')} ${zoned(input.meeting.starts_at, zone).toFormat('HH:mm')}`;
  const title =
    input.series?.name ?? `${kindTitle(input.meeting.kind)} ${formatId('meeting', input.meeting.id)}`;
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
    const due = c.due_date
      ? shortDate(c.due_date, '0000-01-01') + (c.due_time ? ` ${c.due_time}` : '')
      : (c.vague_due ?? 'no date');
    lines.push(`${i + 1}. **${c.what}** (${formatId('commitment', c.id)})`);
    lines.push(`   - Owner: ${v.owner?.name ?? 'nobody yet'}`);
    if (v.with.length) lines.push(`   - With: ${v.with.map((p) => p.name).join(', ')}`);
    lines.push(`   - Outcome: ${c.outcome ?? 'not defined'}`);
    lines.push(`   - Due: ${due}`);
    if (c.needs) lines.push(`   - Needs: ${c.needs}`);
    if (v.limbo.length)
      lines.push(`   - ⚠ In limbo: no ${v.limbo.join(', no ')}. Agree it before this goes out.`);
  });
  lines.push(
    '',
    `Each owner gets a follow-up ${followUpWhen(input.followUpOffsetDays)} their date: how did it go, and what is next?`,
  );
  return { subject: `Wrap-up: ${title}, ${when}`, markdown: lines.join('\n') };
}
