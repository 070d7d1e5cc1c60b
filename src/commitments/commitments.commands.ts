import type { Command } from 'commander';
import { type Act, collect, example } from '../cli/command.js';
import { markDone } from '../followups/followups.usecases.js';
import { formatId } from '../shared/ids.js';
import {
  commitmentDetail,
  commitmentJson,
  commitmentTable,
  dueText,
  followUpJson,
  followUpLine,
  pastDueWarning,
} from './commitments.present.js';
import { dropCommitment, makeCommitment, markMissed, moveDue, reassign } from './commitments.usecases.js';
import { listCommitments, showCommitment } from './commitments.usecases.query.js';
import { loadViews } from './commitments.views.js';

export function registerCommitments(program: Command, act: Act): void {
  example(
    program
      .command('commit')
      .description('agree a next step: one owner, an outcome, a date; its follow-up is scheduled at once')
      .argument('<what>', 'what will be done')
      .requiredOption('--owner <person>', 'exactly one owner (e-mail or name)')
      .requiredOption(
        '--due <date>',
        'a date (2026-11-27), a date and time ("2026-11-27 15:00") or a day ("friday")',
      )
      .option('--with <people>', 'people it is done with, comma-separated or repeated', collect)
      .option('--outcome <text>', 'the outcome it is for')
      .option('--meeting <id>', 'the meeting it was agreed in')
      .option('--plan <id>', 'the account or opportunity plan it serves')
      .option('--after <ids>', 'commitments that must be done first', collect)
      .option('--needs <text>', 'resources needed')
      .option('--ask <text>', 'a personal note delivered with the follow-up when it fires'),
    'ft commit "Send revised pricing" --owner dana@northwind.example --due 2026-11-27 --with jo@acme.example --outcome "Acme approves budget" --meeting m1',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      const result = await makeCommitment(scope, {
        what: args[0] as string,
        owner: options.owner as string,
        due: options.due as string,
        with: options.with as string[] | undefined,
        outcome: options.outcome as string | undefined,
        meeting: options.meeting as string | undefined,
        plan: options.plan as string | undefined,
        after: options.after as string[] | undefined,
        needs: options.needs as string | undefined,
        ask: options.ask as string | undefined,
      });
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const zone = view.owner?.time_zone ?? scope.org.time_zone;
      const lines = [`${style.bold(formatId('commitment', result.commitment.id))} ${result.commitment.what}`];
      lines.push(`  owner ${view.owner?.name}, due ${dueText(view, today)}`);
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
      .description('commitments, soonest due first')
      .option('--owner <person>', "one person's")
      .option('--team <manager>', 'a manager and everyone below them')
      .option('--status <status>', 'open, done, missed or dropped')
      .option('--overdue', 'open and past due')
      .option('--stalled', 'open and stalled')
      .option('--limbo', 'open with no owner, date or outcome'),
    'ft list --team mara@northwind.example --overdue',
  ).action(
    act(async ({ scope, options, today, style }) => {
      const views = await listCommitments(scope, options);
      return {
        json: views.map(commitmentJson),
        text: commitmentTable(views, today, style) || 'No commitments match.',
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
        json: {
          ...commitmentJson(shown.view),
          followUps: shown.followUps.map(followUpJson),
          nextSteps: shown.next.map((c) => formatId('commitment', c.id)),
          timeline: shown.events.map((e) => ({
            kind: e.kind,
            at: e.at,
            actor: e.actor_id ? (shown.people.get(e.actor_id)?.email ?? null) : null,
            ...JSON.parse(e.data),
          })),
        },
        text: commitmentDetail(shown.view, shown.events, shown.people, today, zone, style),
      };
    }),
  );

  example(
    program
      .command('done')
      .description('mark a commitment done (answers its pending follow-up)')
      .argument('<id>')
      .option('--note <text>', 'what happened'),
    'ft done c1 --note "Pricing sent, Jo forwarded it to finance"',
  ).action(
    act(async ({ scope, args, options }) => {
      const result = await markDone(scope, args[0] as string, options.note as string | undefined);
      const [view] = await loadViews(scope, [result.commitment]);
      return {
        json: view ? commitmentJson(view) : null,
        text: `${formatId('commitment', result.commitment.id)} done.`,
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
    act(async ({ scope, args, options }) => {
      const c = await markMissed(scope, args[0] as string, options.note as string | undefined);
      const [view] = await loadViews(scope, [c]);
      return { json: view ? commitmentJson(view) : null, text: `${formatId('commitment', c.id)} missed.` };
    }),
  );

  example(
    program
      .command('move')
      .description('renegotiate the due date (counted; its follow-up moves too)')
      .argument('<id>')
      .requiredOption('--due <date>', 'the new date')
      .requiredOption('--reason <text>', 'why it moves'),
    'ft move c1 --due 2026-12-04 --reason "Legal review moved to next week"',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      const result = await moveDue(scope, args[0] as string, options.due as string, options.reason as string);
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const times = result.commitment.renegotiations;
      const lines = [
        `${formatId('commitment', result.commitment.id)} now due ${dueText(view, today)}, renegotiated ${times} time${times === 1 ? '' : 's'}.`,
      ];
      if (view.stalled.includes('renegotiated')) {
        lines.push(style.warn('⚠ Moved twice or more: is it still the right next step?'));
      }
      if (result.followUp)
        lines.push(`  ${followUpLine(result.followUp, view.owner?.time_zone ?? scope.org.time_zone, today)}`);
      const past = pastDueWarning(view, style);
      if (past) lines.push(`  ${past}`);
      return { json: commitmentJson(view), text: lines.join('\n') };
    }),
  );

  example(
    program
      .command('reassign')
      .description('give a commitment to another owner (a task taken back by the manager is a buy-back)')
      .argument('<id>')
      .requiredOption('--owner <person>', 'the new owner')
      .option('--reason <text>', 'why'),
    'ft reassign c3 --owner sam@northwind.example --reason "Sam covers Acme now"',
  ).action(
    act(async ({ scope, args, options, style }) => {
      const result = await reassign(
        scope,
        args[0] as string,
        options.owner as string,
        options.reason as string | undefined,
      );
      const [view] = await loadViews(scope, [result.commitment]);
      if (!view) throw new Error('commitment vanished');
      const warning = result.buyBack
        ? `\n${style.warn('⚠ Buy-back: the task went back to the manager. Try instead: "What\'s your plan for it? I\'m counting on you to see it through."')}`
        : '';
      return {
        json: { ...commitmentJson(view), buyBack: result.buyBack },
        text: `${formatId('commitment', result.commitment.id)} now owned by ${view.owner?.name}.${warning}`,
      };
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
    act(async ({ scope, args, options }) => {
      const c = await dropCommitment(scope, args[0] as string, options.reason as string);
      const [view] = await loadViews(scope, [c]);
      return { json: view ? commitmentJson(view) : null, text: `${formatId('commitment', c.id)} dropped.` };
    }),
  );
}
