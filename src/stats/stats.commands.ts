import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import type { Stats } from './stats.compute.js';
import { statsJson } from './stats.present.js';

const statsFor = lazy(() => import('./stats.usecases.js'), 'statsFor');

const percent = (value: number | null): string => (value === null ? '–' : `${Math.round(value * 100)}%`);

function statsRows(s: Stats): string[][] {
  return [
    ['Commitments due', String(s.due)],
    ['  done on time', String(s.doneOnTime)],
    ['  done late', String(s.doneLate)],
    ['  missed', String(s.missed)],
    ['  open and overdue', String(s.openOverdue)],
    ['Follow-through rate (on time ÷ due)', percent(s.followThroughRate)],
    ['Follow-ups answered ÷ sent', `${s.followUpsAnswered}/${s.followUpsSent} (${percent(s.answerRate)})`],
    ['Median days late', s.medianDaysLate === null ? '–' : String(s.medianDaysLate)],
    ['Renegotiations', String(s.renegotiations)],
    ['Stalled now', String(s.stalled)],
    ['In limbo now', String(s.limbo)],
    ['Buy-backs', `${s.buyBacks} (${s.buyBacksReassigned} reassigned, ${s.buyBacksSaid} said)`],
    ['Limbo said (coach)', String(s.limboSaid)],
    [
      'Wrap-ups within 24 h',
      `${s.wrapupsOnTime}/${s.meetingsEnded} (${s.wrapupsLate} late, ${s.wrapupsMissing} not sent)`,
    ],
    [
      'Delegated steps agreed within a day',
      `${s.agreedInADay}/${s.delegated} (${percent(s.agreementRate)}; ${s.proposed} proposed another date or approach, ${s.askedForHelp} asked for help)`,
    ],
  ];
}

export function registerStats(program: Command, act: Act): void {
  example(
    program
      .command('stats')
      .description('how well the loop works, for a person or a team, over a period')
      .option('--person <person>', 'one person')
      .option('--team <manager>', 'a manager and everyone below them')
      .option('--org', 'the whole organization')
      .option(
        '--since <date>',
        'first day: a date, "monday", "last week", "this month"… (default: four weeks ago)',
      )
      .option('--until <date>', 'last day: a date, "last week" (its Sunday)… (default: today)'),
    'ft stats --team mara@northwind.example --since 2026-11-01 --until 2026-11-30',
    'ft stats --org --since "last month" --until "last month"',
  ).action(
    act(async ({ scope, options, style }) => {
      const result = await statsFor(scope, options);
      const who =
        result.scope.kind === 'organization'
          ? `The organization (${result.scope.size} members)`
          : result.scope.kind === 'team'
            ? `${result.scope.person.name}'s team (${result.scope.size} people)`
            : result.scope.person.name;
      return {
        json: statsJson(result),
        text: `${style.bold(`${who}, ${result.since} to ${result.until}`)}\n${table(['', ''], statsRows(result.stats), style).split('\n').slice(1).join('\n')}`,
      };
    }),
  );
}
