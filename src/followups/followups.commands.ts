import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { coachJson, coachNote } from '../coach/coach.present.js';
import { followUpJson } from '../commitments/commitments.present.js';
import type { AnswerOutcome } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { describeInstant } from '../shared/time.js';
import { answerOutcomes } from './followups.messages.js';

const getCommitments = lazy(() => import('../commitments/commitments.repository.js'), 'getCommitments');
const getPeople = lazy(() => import('../people/people.repository.js'), 'getPeople');
const answerFollowUp = lazy(() => import('./followups.usecases.js'), 'answerFollowUp');
const listPendingFollowUps = lazy(() => import('./followups.usecases.js'), 'listPendingFollowUps');
const tick = lazy(() => import('./tick.js'), 'tick');

export function registerFollowUps(program: Command, act: Act): void {
  example(
    program
      .command('tick')
      .description(
        'send every follow-up whose time has come (safe to run often, and from several processes)',
      ),
    'FOLLOWTHROUGH_NOW=2026-11-30T14:00:00Z ft tick',
  ).action(
    act(async ({ scope }) => {
      const result = await tick(scope.db, scope.clock, { publicUrl: scope.publicUrl });
      const late = result.late ? ` (${result.late} late)` : '';
      const reminded = result.reminded
        ? `; ${result.reminded} due-today reminder${result.reminded === 1 ? '' : 's'}`
        : '';
      const renewed = result.renewed
        ? `; ${result.renewed} recurring step${result.renewed === 1 ? '' : 's'} made anew`
        : '';
      const digests = result.digests
        ? `; ${result.digests} daily digest${result.digests === 1 ? '' : 's'}`
        : '';
      return {
        json: result,
        text: `Sent ${result.sent} follow-up${result.sent === 1 ? '' : 's'}${late}; ${result.unanswered} newly unanswered${reminded}${renewed}${digests}.`,
      };
    }),
  );

  example(
    program
      .command('followups')
      .description('follow-ups not yet answered: scheduled, sent, unanswered')
      .option('--due', 'only those sent and waiting for an answer')
      .option('--mine', 'only those the acting person answers'),
    'ft followups --due',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const rows = await listPendingFollowUps(scope, {
        due: options.due === true,
        mine: options.mine === true,
      });
      const commitments = new Map(
        (
          await getCommitments(
            scope.db,
            scope.org.id,
            rows.map((f) => f.commitment_id),
          )
        ).map((c) => [c.id, c]),
      );
      const people = new Map(
        (
          await getPeople(
            scope.db,
            scope.org.id,
            rows.map((f) => f.answerer_id),
          )
        ).map((p) => [p.id, p]),
      );
      return {
        json: rows.map((f) => ({
          ...followUpJson(f),
          what: commitments.get(f.commitment_id)?.what,
          answerer: people.get(f.answerer_id)?.email,
        })),
        text:
          table(
            ['ID', 'STATUS', 'WHEN', 'ANSWERER', 'COMMITMENT'],
            rows.map((f) => [
              formatId('follow_up', f.id),
              f.status,
              describeInstant(f.sent_at ?? f.fire_at, zone, today),
              people.get(f.answerer_id)?.name ?? '',
              `${formatId('commitment', f.commitment_id)} ${commitments.get(f.commitment_id)?.what ?? ''}`,
            ]),
            style,
          ) || 'No follow-ups waiting.',
      };
    }),
  );

  example(
    program
      .command('answer')
      .description('answer a follow-up: how did it go, what was learned, what is next')
      .argument('<id>', 'the follow-up id (f…)')
      .requiredOption('--outcome <outcome>', answerOutcomes.join(', '))
      .option('--happened <text>', 'what happened')
      .option('--learned <text>', 'what was learned')
      .option('--next <what>', 'the next step: becomes a new commitment linked to this one')
      .option('--next-due <date>', 'when the next step is due')
      .option('--new-due <date>', 'keep the same commitment open with a new date')
      .option(
        '--done-on <date>',
        'with done: the day it was done, when after its due date (default: done by its date)',
      )
      .option('--yes', 'accept a date more than a year ahead'),
    'ft answer f1 --outcome not_done --happened "Jo is out until Tuesday" --learned "Finance signs off, not Jo" --next "Call Acme finance" --next-due 2026-12-03',
  ).action(
    act(async ({ scope, args, options, style }) => {
      const result = await answerFollowUp(scope, args[0] as string, {
        outcome: options.outcome as AnswerOutcome,
        happened: options.happened as string | undefined,
        learned: options.learned as string | undefined,
        next: options.next as string | undefined,
        nextDue: options.nextDue as string | undefined,
        newDue: options.newDue as string | undefined,
        doneOn: options.doneOn as string | undefined,
        yes: options.yes === true,
      });
      const c = formatId('commitment', result.commitment.id);
      const done = result.commitment.done_on;
      const due = result.commitment.due_date;
      const when =
        done && due ? (done <= due ? `, on time (done by ${due})` : `, late (done ${done}, due ${due})`) : '';
      const lines = [
        `Answered ${formatId('follow_up', result.followUp.id)}: ${c} is ${result.commitment.status}${when}.`,
      ];
      if (result.next)
        lines.push(
          `Next step ${formatId('commitment', result.next.id)}: ${result.next.what}, due ${result.next.due_date}.`,
        );
      if (!result.next && result.followUp.outcome === 'not_done' && !options.newDue) {
        lines.push('No next step or new date: it stays open and stalled until the next 1:1.');
      }
      for (const { text, verdict } of result.coached) {
        const note = coachNote(verdict, style);
        if (note) lines.push(`"${text}"\n  ${note}`);
      }
      return {
        json: {
          followUp: followUpJson(result.followUp),
          commitment: c,
          status: result.commitment.status,
          next: result.next ? formatId('commitment', result.next.id) : null,
          coach: result.coached.map(({ text, verdict }) => ({ text, ...coachJson(verdict) })),
        },
        text: lines.join('\n'),
      };
    }),
  );
}
