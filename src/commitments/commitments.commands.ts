import type { Command } from 'commander';
import { type Act, collect, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import type { Commitment, Visibility } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { describeDay, relativeDays, shortDate } from '../shared/time.js';
import {
  commitmentDetail,
  commitmentDetailJson,
  commitmentJson,
  commitmentTable,
  dueText,
  flags,
  followUpLine,
  pastDueWarning,
} from './commitments.present.js';
import { LIST_LIMIT } from './commitments.rules.js';
import type { CommitmentView } from './commitments.views.js';

const markDone = lazy(() => import('../followups/followups.usecases.js'), 'markDone');
const recordAgreement = lazy(() => import('../answers/agreement.usecases.js'), 'recordAgreement');
const editCommitment = lazy(() => import('./commitments.edit.js'), 'editCommitment');
const reopenCommitment = lazy(() => import('./commitments.edit.js'), 'reopenCommitment');
const dropCommitment = lazy(() => import('./commitments.usecases.js'), 'dropCommitment');
const makeCommitment = lazy(() => import('./commitments.usecases.js'), 'makeCommitment');
const markMissed = lazy(() => import('./commitments.usecases.js'), 'markMissed');
const moveMany = lazy(() => import('./commitments.usecases.js'), 'moveMany');
const reassignMany = lazy(() => import('./commitments.usecases.js'), 'reassignMany');
const listCommitments = lazy(() => import('./commitments.usecases.query.js'), 'listCommitments');
const showCommitment = lazy(() => import('./commitments.usecases.query.js'), 'showCommitment');
const nextInSeries = lazy(() => import('./commitments.usecases.query.js'), 'nextInSeries');
const laterInSeries = lazy(() => import('./commitments.usecases.query.js'), 'laterInSeries');
const loadViews = lazy(() => import('./commitments.views.js'), 'loadViews');

export function registerCommitments(program: Command, act: Act): void {
  example(
    program
      .command('commit')
      .description('agree a next step: one owner, an outcome, a date; its follow-up is scheduled at once')
      .argument('<what>', 'what will be done')
      .requiredOption('--owner <person>', 'exactly one owner (e-mail or name)')
      .option(
        '--due <date>',
        'a date (2026-11-27), a date and time ("2026-11-27 15:00") or a day ("friday"); needed unless --every',
      )
      .option(
        '--every <rhythm>',
        'a recurring step: "friday", "every 2 weeks on monday", "every month on the 1st", "weekdays" or an RRULE; each occurrence is a step of its own, the next made when one closes or its date passes (ft drop ends the series)',
      )
      .option('--with <people>', 'people it is done with, comma-separated or repeated', collect)
      .option('--outcome <text>', 'the outcome it is for')
      .option('--meeting <id>', 'the meeting it was agreed in')
      .option('--plan <id>', 'the account or opportunity plan it serves')
      .option('--after <ids>', 'commitments that must be done first', collect)
      .option('--needs <text>', 'resources needed')
      .option('--ask <text>', 'a personal note delivered with the follow-up when it fires')
      .option(
        '--shared',
        'show it to the customer in their wrap-up (default when a contact owns it or it is done with one)',
      )
      .option('--internal', 'never show it to a customer')
      .option('--yes', 'accept a date more than a year ahead'),
    'ft commit "Send revised pricing" --owner dana@northwind.example --due 2026-11-27 --with jo@acme.example --outcome "Acme approves budget" --meeting m1',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      const result = await makeCommitment(scope, {
        what: args[0] as string,
        owner: options.owner as string,
        due: options.due as string | undefined,
        every: options.every as string | undefined,
        with: options.with as string[] | undefined,
        outcome: options.outcome as string | undefined,
        meeting: options.meeting as string | undefined,
        plan: options.plan as string | undefined,
        after: options.after as string[] | undefined,
        needs: options.needs as string | undefined,
        ask: options.ask as string | undefined,
        visibility: visibilityOption(options),
        yes: options.yes === true,
      });
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const zone = view.owner?.time_zone ?? scope.org.time_zone;
      const lines = [`${style.bold(formatId('commitment', result.commitment.id))} ${result.commitment.what}`];
      lines.push(`  owner ${view.owner?.name}, due ${dueText(view, today)}`);
      if (view.commitment.visibility === 'shared') lines.push("  shared: in the customer's wrap-up");
      if (view.every) lines.push(`  recurs ${view.every}`);
      if (result.yearEarlier && view.commitment.due_date) {
        lines.push(
          style.warn(
            `  ⚠ Read as next year's, ${relativeDays(view.commitment.due_date, today)}; for the one ${relativeDays(result.yearEarlier, today)}, say --due ${view.commitment.due_time ? `"${result.yearEarlier} ${view.commitment.due_time}"` : result.yearEarlier}.`,
          ),
        );
      }
      if (result.rhythmResumes && view.commitment.due_date) {
        lines.push(
          style.warn(
            `  ⚠ ${shortDate(view.commitment.due_date, today)} is not one of its days: this one is due then, the next on ${shortDate(result.rhythmResumes, today)}.`,
          ),
        );
      }
      if (result.followUp) lines.push(`  ${followUpLine(result.followUp, zone, today)}`);
      const past = pastDueWarning(view, style);
      if (past) lines.push(`  ${past}`);
      if (result.limbo.length) {
        lines.push(
          style.warn(
            `  ⚠ limbo: no ${result.limbo.join(', no ')}. A next step needs an owner, a date and an outcome.`,
          ),
        );
      }
      return { json: commitmentJson(view), text: lines.join('\n') };
    }),
  );

  example(
    program
      .command('list')
      .description('commitments, soonest due first; says when there are more than it shows')
      .option('--owner <person>', "one person's")
      .option('--team <manager>', 'a manager and everyone below them')
      .option('--status <status>', 'open, done, missed or dropped')
      .option('--overdue', 'open and past due')
      .option('--stalled', 'open and stalled')
      .option('--limbo', 'open with no owner, date or outcome')
      .option(
        '--unagreed',
        'open, delegated, and not yet agreed by its owner (proposals and asks for help too)',
      )
      .option('--limit <n>', `how many to show (default ${LIST_LIMIT})`)
      .option('--all', 'show every one')
      .option('--after <cursor>', 'the next page: the "next" cursor of `--json`'),
    'ft list --team mara@northwind.example --overdue',
  ).action(
    act(async ({ scope, options, today, style }) => {
      const result = await listCommitments(scope, options);
      const shown = result.views.length;
      const more =
        shown < result.total
          ? `\n${style.dim(`showing ${shown.toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')}; --limit N or --all for more${result.next ? `, or --after ${result.next} for the next page` : ''}`)}`
          : '';
      return {
        json: { commitments: result.views.map(commitmentJson), total: result.total, next: result.next },
        text: (commitmentTable(result.views, today, style) || 'No commitments match.') + more,
      };
    }),
  );

  example(
    program.command('show').description('a commitment, its follow-up and its timeline').argument('<id>'),
    'ft show c1',
  ).action(
    act(async ({ scope, args, today, zone, style }) => {
      const shown = await showCommitment(scope, args[0] as string);
      return {
        json: commitmentDetailJson(shown),
        text: commitmentDetail(shown.view, shown.events, shown.people, today, zone, style),
      };
    }),
  );

  example(
    program
      .command('agree')
      .description(
        "record that a delegated step's owner agrees to it: once their proposal or ask for help is settled, or they said so",
      )
      .argument('<id>'),
    'ft agree c12',
  ).action(
    act(async ({ scope, args }) => {
      const agreed = await recordAgreement(scope, args[0] as string);
      const [view] = await loadViews(scope, [agreed]);
      return {
        json: view ? commitmentJson(view) : null,
        text: `${formatId('commitment', agreed.id)} agreed: it waits for its owner's word no more.`,
      };
    }),
  );

  example(
    program
      .command('done')
      .description('mark a commitment done, on the day it was done (answers its pending follow-up)')
      .argument('<id>')
      .option('--note <text>', 'what happened')
      .option(
        '--on <date>',
        'the day it was done, if not today ("yesterday", "thursday", 2026-12-03); on a done step, corrects it',
      ),
    'ft done c1 --note "Pricing sent, Jo forwarded it to finance"',
    'ft done c1 --on thursday',
  ).action(
    act(async ({ scope, args, options, today }) => {
      const result = await markDone(
        scope,
        args[0] as string,
        options.note as string | undefined,
        options.on as string | undefined,
      );
      const [view] = await loadViews(scope, [result.commitment]);
      const next = await nextInSeries(scope, result.commitment);
      return {
        json: view ? commitmentJson(view) : null,
        text: `${doneText(result.commitment, today)}${nextText(next, today)}`,
      };
    }),
  );

  example(
    program
      .command('missed')
      .description('record that a commitment was missed')
      .argument('<id>')
      .option('--note <text>', 'what happened'),
    'ft missed c4 --note "Customer cancelled the call"',
  ).action(
    act(async ({ scope, args, options, today }) => {
      const c = await markMissed(scope, args[0] as string, options.note as string | undefined);
      const [view] = await loadViews(scope, [c]);
      const next = await nextInSeries(scope, c);
      return {
        json: view ? commitmentJson(view) : null,
        text: `${formatId('commitment', c.id)} missed.${nextText(next, today)}`,
      };
    }),
  );

  example(
    program
      .command('move')
      .description('renegotiate the due date of one or more commitments (counted; follow-ups move too)')
      .argument('<ids...>', 'one or more commitment ids')
      .requiredOption('--due <date>', 'the new date')
      .requiredOption('--reason <text>', 'why it moves')
      .option('--yes', 'accept a date more than a year ahead'),
    'ft move c1 --due 2026-12-04 --reason "Legal review moved to next week"',
    'ft move c3 c4 --due "next Tues" --reason "Dana is at the offsite"',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      const results = await moveMany(scope, args, options.due as string, options.reason as string, {
        yes: options.yes === true,
      });
      const views = await loadViews(
        scope,
        results.map((r) => r.commitment),
      );
      const lines = views.flatMap((view, i) => {
        const result = results[i] as (typeof results)[number];
        const times = result.commitment.renegotiations;
        const how = result.corrected
          ? 'corrected (not a renegotiation)'
          : `renegotiated ${times} time${times === 1 ? '' : 's'}`;
        const out = [
          `${formatId('commitment', result.commitment.id)} now due ${dueText(view, today)}, ${how}.`,
        ];
        if (view.stalled.includes('renegotiated')) {
          out.push(style.warn('  ⚠ Moved twice or more: is it still the right next step?'));
        }
        if (result.followUp)
          out.push(`  ${followUpLine(result.followUp, view.owner?.time_zone ?? scope.org.time_zone, today)}`);
        const past = pastDueWarning(view, style);
        if (past) out.push(`  ${past}`);
        return out;
      });
      return {
        json: views.length === 1 ? commitmentJson(views[0] as CommitmentView) : views.map(commitmentJson),
        text: lines.join('\n'),
      };
    }),
  );

  example(
    program
      .command('reassign')
      .description(
        'give one or more commitments to another owner (a task taken back by the manager is a buy-back)',
      )
      .argument('<ids...>', 'one or more commitment ids')
      .requiredOption('--owner <person>', 'the new owner')
      .option('--reason <text>', 'why'),
    'ft reassign c3 --owner sam@northwind.example --reason "Sam covers Acme now"',
    'ft reassign c3 c7 c9 --owner sam@northwind.example --reason "Sam takes over the Acme account"',
  ).action(
    act(async ({ scope, args, options, style }) => {
      const results = await reassignMany(
        scope,
        args,
        options.owner as string,
        options.reason as string | undefined,
      );
      const views = await loadViews(
        scope,
        results.map((r) => r.commitment),
      );
      const lines = views.map((view, i) => {
        const warning = results[i]?.buyBack
          ? `\n${style.warn('⚠ Buy-back: the task went back to the manager. Try instead: "What\'s your plan for it? I\'m counting on you to see it through."')}`
          : '';
        return `${formatId('commitment', view.commitment.id)} now owned by ${view.owner?.name}.${warning}`;
      });
      const json = views.map((view, i) => ({
        ...commitmentJson(view),
        buyBack: results[i]?.buyBack ?? false,
      }));
      return { json: json.length === 1 ? json[0] : json, text: lines.join('\n') };
    }),
  );

  example(
    program
      .command('drop')
      .description('drop a commitment, with a reason; its follow-up is cancelled')
      .argument('<id>')
      .requiredOption('--reason <text>', 'why'),
    'ft drop c2 --reason "Acme chose to wait until Q2"',
  ).action(
    act(async ({ scope, args, options, today }) => {
      const c = await dropCommitment(scope, args[0] as string, options.reason as string);
      const [view] = await loadViews(scope, [c]);
      const ends = c.every === null ? '' : seriesEndText(await laterInSeries(scope, c), today);
      return {
        json: view ? commitmentJson(view) : null,
        text: `${formatId('commitment', c.id)} dropped.${ends}`,
      };
    }),
  );

  example(
    program
      .command('edit')
      .description(
        'correct a commitment: what, outcome, with, needs, the follow-up note, who sees it (no renegotiation)',
      )
      .argument('<id>')
      .option('--what <text>', 'what will be done')
      .option('--outcome <text>', 'the outcome it is for ("" clears it)')
      .option('--with <people>', 'who it is done with, replacing the list ("none" clears it)', collect)
      .option('--needs <text>', 'resources needed')
      .option('--ask <text>', 'the note delivered with its follow-up')
      .option('--due <date>', 'a first date, or a fix within 10 minutes of agreeing it (later: ft move)')
      .option('--plan <id>', 'the plan it serves ("none" unties it)')
      .option('--shared', 'show it to the customer in their wrap-up')
      .option('--internal', 'never show it to a customer')
      .option('--yes', 'accept a date more than a year ahead'),
    'ft edit c3 --what "Send the order form and the DPA" --outcome "Legal starts their review"',
    'ft edit c5 --internal',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      const withList = options.with as string[] | undefined;
      const result = await editCommitment(scope, args[0] as string, {
        what: options.what as string | undefined,
        outcome: options.outcome as string | undefined,
        with: withList && withList.length === 1 && withList[0]?.toLowerCase() === 'none' ? [] : withList,
        needs: options.needs as string | undefined,
        ask: options.ask as string | undefined,
        due: options.due as string | undefined,
        plan:
          options.plan === undefined
            ? undefined
            : String(options.plan).toLowerCase() === 'none'
              ? null
              : (options.plan as string),
        visibility: visibilityOption(options),
        yes: options.yes === true,
      });
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const id = formatId('commitment', result.commitment.id);
      const lines = [
        `${id} corrected${result.changed.length ? ` (${result.changed.join(', ')})` : ''}: ${view.commitment.what}`,
      ];
      lines.push(
        `  owner ${view.owner?.name ?? 'nobody yet'}, due ${dueText(view, today)}, ${view.commitment.visibility}`,
      );
      if (result.followUp)
        lines.push(`  ${followUpLine(result.followUp, view.owner?.time_zone ?? scope.org.time_zone, today)}`);
      const warning = flags(view, style);
      if (warning) lines.push(`  ${warning}`);
      return { json: commitmentJson(view), text: lines.join('\n') };
    }),
  );

  example(
    program
      .command('reopen')
      .description('open a done, missed or dropped commitment again, with a reason')
      .argument('<id>')
      .requiredOption('--reason <text>', 'why it is open again'),
    'ft reopen c2 --reason "The customer never received the deck"',
  ).action(
    act(async ({ scope, args, options, today }) => {
      const result = await reopenCommitment(scope, args[0] as string, options.reason as string);
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const id = formatId('commitment', result.commitment.id);
      const lines = [`${id} is open again, due ${dueText(view, today)}.`];
      if (result.followUp)
        lines.push(`  ${followUpLine(result.followUp, view.owner?.time_zone ?? scope.org.time_zone, today)}`);
      if (result.datePassed)
        lines.push(`  Its date has passed: give it a new one with ft move ${id} --due DATE --reason "…"`);
      return { json: commitmentJson(view), text: lines.join('\n') };
    }),
  );
}

/** --shared or --internal, never both. */
export function visibilityOption(options: Record<string, unknown>): Visibility | undefined {
  if (options.shared && options.internal) {
    throw invalid('shared_or_internal', 'A step is --shared or --internal, not both.');
  }
  return options.shared ? 'shared' : options.internal ? 'internal' : undefined;
}

/** "Next: c2, due Fri 4 Dec (in 10 days).", on a line of its own, after closing an occurrence of a recurring step. */
function nextText(next: Commitment | undefined, today: string): string {
  if (!next?.due_date) return '';
  return `\nNext: ${formatId('commitment', next.id)}, due ${describeDay(next.due_date, today)}.`;
}

/** What dropping an occurrence did to its series: it ends, after any occurrence made already and still open. */
function seriesEndText(later: Commitment[], today: string): string {
  const open = later.filter((o) => o.status === 'open');
  const last = later.at(-1);
  if (open.length === 0 || !last)
    return ' It recurred: the series ends here, and no more occurrences are made.';
  const made = open
    .map(
      (o) => `${formatId('commitment', o.id)}${o.due_date ? ` (due ${shortDate(o.due_date, today)})` : ''}`,
    )
    .join(', ');
  return ` It recurred: ${made}, made already, ${open.length === 1 ? 'stays' : 'stay'} open; the series ends after ${formatId('commitment', last.id)}.`;
}

/** "c1 done on Thu 3 Dec: on time." */
function doneText(c: Commitment, today: string): string {
  const id = formatId('commitment', c.id);
  if (!c.done_on) return `${id} done.`;
  const day = c.done_on === today ? 'today' : `on ${shortDate(c.done_on, today)}`;
  if (!c.due_date) return `${id} done ${day}.`;
  if (c.done_on <= c.due_date) return `${id} done ${day}: on time.`;
  return `${id} done ${day}, after its date (${shortDate(c.due_date, today)}): counted late. Done by then? ft done ${id} --on DATE`;
}
