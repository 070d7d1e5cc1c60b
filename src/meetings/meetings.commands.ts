import type { Command } from 'commander';
import { agendaJson, agendaText } from '../agendas/agendas.present.js';

import { unresolvedText } from '../capture/capture.present.js';
import { type Act, collect, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { coachNote } from '../coach/coach.present.js';
import { commitmentTable, dueText, flags } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import { describeInstant } from '../shared/time.js';
import { endedJson, meetingDetailJson, meetingRowJson, startedJson } from './meetings.present.js';
import { meetingKinds } from './meetings.rules.js';

const agendaFor = lazy(() => import('../agendas/agendas.usecases.js'), 'agendaFor');
const findAgendaSubject = lazy(() => import('../agendas/agendas.usecases.js'), 'findAgendaSubject');
const seriesList = lazy(() => import('./meetings.usecases.js'), 'seriesList');
const endMeeting = lazy(() => import('./meetings.usecases.js'), 'endMeeting');
const meetingList = lazy(() => import('./meetings.usecases.js'), 'meetingList');
const startMeeting = lazy(() => import('./meetings.usecases.js'), 'startMeeting');
const meetingView = lazy(() => import('./meetings.view.js'), 'meetingView');

export function registerMeetings(program: Command, act: Act): void {
  const meeting = program
    .command('meeting')
    .description('hold meetings: a 1:1, a deal review, a customer call…');

  example(
    meeting
      .command('start')
      .description('start a meeting and print its agenda (pending items first)')
      .requiredOption('--kind <kind>', meetingKinds.join(', '))
      .requiredOption('--with <people>', 'who else is there, comma-separated', collect)
      .option('--at <time>', 'when it starts: "2026-11-24 10:00" in your zone (default: now)')
      .option('--series <name>', 'a named series this meeting belongs to (a 1:1 forms its own)')
      .option('--plan <id>', 'the account or opportunity plan a review is about: its agenda lists the plan'),
    'ft meeting start --kind one_on_one --with dana@northwind.example --at "2026-11-24 10:00"',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const started = await startMeeting(scope, {
        kind: options.kind as string,
        with: options.with as string[],
        at: options.at as string | undefined,
        series: options.series as string | undefined,
        plan: options.plan as string | undefined,
      });
      const agenda =
        started.series || started.meeting.plan_id
          ? await agendaFor(scope, { series: started.series, plan: null }, started.meeting)
          : null;
      const id = formatId('meeting', started.meeting.id);
      const head = `${style.bold(id)} ${started.meeting.kind} with ${started.attendees
        .slice(1)
        .map((p) => p.name)
        .join(', ')}, ${describeInstant(started.meeting.starts_at, zone, today)}`;
      const hint = `Take notes with: ft note ${id} --text "Dana to send pricing by Friday"; or ft commit "…" --owner … --due … --meeting ${id}; end it with: ft meeting end ${id}`;
      return {
        json: startedJson(started, agenda),
        text: [head, agenda ? `\n${agendaText(agenda, today, zone, style)}` : '', '', style.dim(hint)].join(
          '\n',
        ),
      };
    }),
  );

  example(
    meeting.command('end').description('end a meeting: its wrap-up is due within 24 hours').argument('<id>'),
    'ft meeting end m1',
  ).action(
    act(async ({ scope, args, today, zone }) => {
      const ended = await endMeeting(scope, args[0] as string);
      const id = formatId('meeting', ended.id);
      return {
        json: endedJson(ended),
        text: `${id} ended. Wrap-up due by ${describeInstant(ended.wrapup_due_at as string, zone, today)}: ft wrapup ${id} --send`,
      };
    }),
  );

  example(
    meeting
      .command('show')
      .description('a meeting: its notes line by line with what each became, and its commitments')
      .argument('<id>'),
    'ft meeting show m1',
  ).action(
    act(async ({ scope, args, today, zone, style }) => {
      const view = await meetingView(scope, args[0] as string);
      const id = formatId('meeting', view.meeting.id);
      const head = `${style.bold(`${id} ${view.meeting.kind}`)}, ${describeInstant(view.meeting.starts_at, zone, today)}, with ${view.attendees.map((p) => p.name).join(', ')}`;
      const lines = view.lines.flatMap((l) => {
        const out = [l.line ? `  ${l.line}${l.private ? style.dim('  (private: yours alone)') : ''}` : ''];
        for (const { view: c, unresolvedOwner, candidates } of l.steps) {
          const owner =
            c.owner?.name ??
            (unresolvedOwner ? style.warn(unresolvedText(unresolvedOwner, candidates)) : 'no owner');
          const flag = c.commitment.status === 'open' ? flags(c, style) : '';
          out.push(
            `    → ${formatId('commitment', c.commitment.id)} ${owner} · ${c.commitment.what} · ${dueText(c, today)} · ${c.commitment.status}${flag ? `  ${flag}` : ''}`,
          );
          if (candidates.length) {
            out.push(
              style.dim(
                `      pick: ${candidates.map((p) => `ft reassign ${formatId('commitment', c.commitment.id)} --owner ${p.email}`).join('  or  ')}`,
              ),
            );
          }
        }
        const note = coachNote(l.coach, style);
        if (note) out.push(`    ${note}`);
        return out;
      });
      const others = view.others.length
        ? `\n\n${style.bold('Agreed outside the notes')}\n${commitmentTable(view.others, today, style)}`
        : '';
      const body = view.lines.length
        ? `\n\n${style.bold('Notes')}\n${lines.join('\n')}`
        : `\n\nNo notes yet: ft note ${id}`;
      return {
        json: meetingDetailJson(view),
        text: head + body + others,
      };
    }),
  );

  example(
    program
      .command('agenda')
      .description('what the next meeting of a series starts with: pending items, answers, plans')
      .option('--series <id>', 'a series id')
      .option('--with <person>', 'your 1:1 series with this person')
      .option('--plan <id>', 'a review of an account or opportunity plan'),
    'ft agenda --with dana@northwind.example',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const subject = await findAgendaSubject(scope, {
        series: options.series as string | undefined,
        with: options.with as string | undefined,
        plan: options.plan as string | undefined,
      });
      const agenda = await agendaFor(scope, subject);
      return { json: agendaJson(agenda), text: agendaText(agenda, today, zone, style) };
    }),
  );

  example(
    meeting
      .command('list')
      .description('meetings, newest first, with their steps and wrap-ups')
      .option('--with <person>', 'only those this person was in')
      .option('--kind <kind>', meetingKinds.join(', '))
      .option('--since <date>', 'only those since a day ("monday", "last month", 2026-11-01)')
      .option('--limit <n>', 'how many', '50'),
    'ft meeting list --with dana@northwind.example',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const { rows } = await meetingList(scope, {
        with: options.with as string | undefined,
        kind: options.kind as string | undefined,
        since: options.since as string | undefined,
        limit: options.limit as string,
      });
      const wrapupState = (m: (typeof rows)[number]['meeting']) =>
        m.wrapup_sent_at ? 'wrap-up sent' : m.ended_at ? 'wrap-up owed' : 'in progress';
      return {
        json: rows.map(meetingRowJson),
        text:
          table(
            ['ID', 'WHEN', 'KIND', 'WITH', 'STEPS', 'WRAP-UP'],
            rows.map(({ meeting: m, attendees, commitments }) => [
              formatId('meeting', m.id),
              describeInstant(m.starts_at, zone, today),
              m.kind,
              attendees
                .filter((p) => p.id !== m.author_id)
                .map((p) => p.name)
                .join(', '),
              String(commitments),
              wrapupState(m),
            ]),
            style,
          ) || 'No meetings yet: ft meeting start --kind one_on_one --with EMAIL',
      };
    }),
  );

  example(
    program
      .command('series')
      .description('meeting series (a 1:1 forms its own): ids for ft agenda --series')
      .command('list')
      .description('every series, with its meetings'),
    'ft series list',
  ).action(
    act(async ({ scope, today, zone, style }) => {
      const rows = await seriesList(scope);
      return {
        json: rows.map((r) => ({
          id: formatId('series', r.id),
          name: r.name,
          kind: r.kind,
          meetings: Number(r.meetings),
          lastMeeting: r.last ?? null,
        })),
        text:
          table(
            ['ID', 'NAME', 'KIND', 'MEETINGS', 'LAST'],
            rows.map((r) => [
              formatId('series', r.id),
              r.name,
              r.kind,
              String(r.meetings),
              r.last ? describeInstant(String(r.last), zone, today) : '',
            ]),
            style,
          ) || 'No series yet: a 1:1 starts one, or ft meeting start --series NAME.',
      };
    }),
  );
}
