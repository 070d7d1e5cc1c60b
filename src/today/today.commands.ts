import type { Output } from '../cli/kit/output.js';
import { type Style, section } from '../cli/kit/output.js';
import { dueText, flags } from '../commitments/commitments.present.js';
import type { CommitmentView } from '../commitments/commitments.views.js';
import { outcomeText } from '../followups/followups.messages.js';
import { meetingWith } from '../meetings/meetings.rules.js';
import { formatId } from '../shared/ids.js';
import { describeInstant, shortDate } from '../shared/time.js';
import { dayJson } from './today.present.js';
import { teamFlags, teamFlagText } from './today.rules.js';
import type { Day } from './today.usecases.js';

/** A section's lines, and a last one that says how many more there are and where to see them. */
function withMore(lines: string[], total: number, where: string | null): string {
  const more = total - lines.length;
  if (more <= 0) return lines.join('\n');
  return [...lines, `… and ${more.toLocaleString('en-US')} more${where ? `: ${where}` : ''}`].join('\n');
}

/** `ft` with no command: the acting person's day. */
export function presentDay(day: Day, style: Style): Output {
  const zone = day.person.time_zone;
  const line = (v: CommitmentView) => {
    const warn = flags(v, style);
    return `${formatId('commitment', v.commitment.id)}  ${v.commitment.what}, due ${dueText(v, day.date)}${warn ? `  ${warn}` : ''}`;
  };
  const toAnswer = day.toAnswer.map(
    ({ followUp: f, commitment: c }) =>
      `${formatId('follow_up', f.id)}  ${c.what} (sent ${describeInstant(f.sent_at ?? f.fire_at, zone, day.date)}${f.status === 'unanswered' ? ', overdue for an answer' : ''})\n    ft answer ${formatId('follow_up', f.id)} --outcome done|partly|not_done --happened "…" --learned "…"`,
  );
  const answers = day.answers.map(({ followUp: f, commitment: c, answerer }) => {
    const lines = [
      `${formatId('follow_up', f.id)}  ${answerer?.name ?? ''}: ${c.what}: ${f.outcome ? outcomeText[f.outcome] : ''}`,
    ];
    if (f.learned) lines.push(`    learned: ${f.learned}`);
    if (f.next_commitment_id) lines.push(`    next step: ${formatId('commitment', f.next_commitment_id)}`);
    return lines.join('\n');
  });
  const owed = day.wrapupsOwed.map(
    (m) =>
      `${formatId('meeting', m.id)}  ${meetingWith(m.kind, m.with)} ended ${describeInstant(m.ended_at as string, zone, day.date)}: ft wrapup ${formatId('meeting', m.id)} --send`,
  );
  const team = day.team.map(({ person, flags }) => {
    const parts = teamFlags
      .filter((f) => flags[f].count > 0)
      .map((f) => {
        const ids = flags[f].ids.map((id) => formatId('commitment', id)).join(' ');
        const more = flags[f].count > flags[f].ids.length ? ` +${flags[f].count - flags[f].ids.length}` : '';
        return `${flags[f].count} ${teamFlagText[f]} (${ids}${more})`;
      });
    return `${person.name}: ${parts.length ? style.warn(parts.join('; ')) : 'all clear'}`;
  });
  const text = [
    style.bold(`${day.person.name}, ${shortDate(day.date, day.date)}`),
    '',
    section(
      'Overdue',
      withMore(day.overdue.map(line), day.totals.overdue, `ft list --owner ${day.person.email} --overdue`),
      style,
    ),
    '',
    section('Due today', day.dueToday.map(line).join('\n'), style),
    '',
    section(
      'Coming up this week',
      withMore(
        day.comingUp.map(line),
        day.totals.upcoming - day.dueToday.length,
        `ft list --owner ${day.person.email} --status open`,
      ),
      style,
    ),
    '',
    section(
      'Follow-ups waiting for your answer',
      withMore(toAnswer, day.totals.toAnswer, 'ft followups --due --mine'),
      style,
    ),
    '',
    section('Answers for you (last 7 days)', withMore(answers, day.totals.answers, null), style),
    '',
    section('Wrap-ups you owe', owed.join('\n'), style),
    ...(day.team.length ? ['', section('Your team', team.join('\n'), style)] : []),
  ].join('\n');
  return { json: dayJson(day), text };
}
