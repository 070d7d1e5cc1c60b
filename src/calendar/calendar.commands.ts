import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { formatId } from '../shared/ids.js';
import { shortDate } from '../shared/time.js';
import { awayAddedJson, awayJson, holidayJson } from './calendar.present.js';

const addAway = lazy(() => import('./calendar.usecases.js'), 'addAway');
const addHolidays = lazy(() => import('./calendar.usecases.js'), 'addHolidays');
const holidaysOfYear = lazy(() => import('./calendar.usecases.js'), 'holidaysOfYear');
const removeAway = lazy(() => import('./calendar.usecases.js'), 'removeAway');
const removeHoliday = lazy(() => import('./calendar.usecases.js'), 'removeHoliday');
const upcomingAway = lazy(() => import('./calendar.usecases.js'), 'upcomingAway');

export function registerCalendar(program: Command, act: Act): void {
  example(
    program
      .command('away')
      .description(
        "record time away (yours, or someone's): their follow-ups wait for their first working day back; with no dates, list who is away",
      )
      .argument('[person]', 'whose time away (default: yours)')
      .option('--from <date>', 'first day away')
      .option('--until <date>', 'last day away')
      .option('--note <text>', 'why, for whoever hears their answers')
      .option('--remove <id>', 'remove time away recorded by mistake (a…)'),
    'ft away dana@northwind.example --from 2026-12-21 --until 2027-01-01 --note "Holidays"',
    'ft away',
  ).action(
    act(async ({ scope, args, options, today, style }) => {
      if (options.remove) {
        const result = await removeAway(scope, options.remove as string);
        return {
          json: { removed: formatId('away', result.away.id), moved: result.moved.length },
          text: `Removed ${formatId('away', result.away.id)}; ${result.moved.length} follow-up${result.moved.length === 1 ? '' : 's'} back on the usual working days.`,
        };
      }
      if (options.from || options.until) {
        const result = await addAway(scope, {
          person: args[0],
          from: (options.from as string | undefined) ?? (options.until as string),
          until: (options.until as string | undefined) ?? (options.from as string),
          note: options.note as string | undefined,
        });
        const { away, person } = result;
        const lines = [
          `${formatId('away', away.id)} ${person.name} is away ${shortDate(away.starts_on, today)} to ${shortDate(away.ends_on, today)}.`,
          `${result.moved.length} follow-up${result.moved.length === 1 ? '' : 's'} moved to the first working day back.`,
        ];
        if (result.told.length) lines.push(style.dim(`Told once: ${result.told.join(', ')}.`));
        return {
          json: awayAddedJson(result),
          text: lines.join('\n'),
        };
      }
      const rows = await upcomingAway(scope, args[0]);
      return {
        json: rows.map(awayJson),
        text:
          table(
            ['ID', 'WHO', 'FROM', 'UNTIL', 'NOTE'],
            rows.map(({ away, person }) => [
              formatId('away', away.id),
              person?.name ?? '',
              shortDate(away.starts_on, today),
              shortDate(away.ends_on, today),
              away.note ?? '',
            ]),
            style,
          ) || 'Nobody is away. Record it with: ft away PERSON --from DATE --until DATE',
      };
    }),
  );

  const holidays = program
    .command('holidays')
    .description("the organization's holidays: nobody's follow-ups go out on them");
  example(
    holidays
      .command('list', { isDefault: true })
      .description('the holidays of a year')
      .option('--year <year>', 'which year (default: this one)'),
    'ft holidays --year 2027',
  ).action(
    act(async ({ scope, options, today, style }) => {
      const rows = await holidaysOfYear(scope, options.year as string | undefined);
      return {
        json: rows.map(holidayJson),
        text:
          table(
            ['DATE', 'NAME', 'FROM'],
            rows.map((h) => [
              shortDate(h.date, today),
              h.name,
              h.source.replace('country:', 'public holidays, '),
            ]),
            style,
          ) || 'No holidays yet: ft holidays add DATE [NAME], or ft holidays add --country US',
      };
    }),
  );
  example(
    holidays
      .command('add')
      .description("add a holiday, or a country's public holidays for a year")
      .argument('[date]', 'the day (2026-12-24)')
      .argument('[name]', 'what it is')
      .option('--country <code>', "a country's public holidays (US, DE, GB…)")
      .option('--year <year>', 'with --country: which year (default: this one)'),
    'ft holidays add 2026-12-24 "Christmas Eve"',
    'ft holidays add --country US --year 2027',
  ).action(
    act(async ({ scope, args, options }) => {
      const result = await addHolidays(scope, {
        date: args[0],
        name: args[1],
        country: options.country as string | undefined,
        year: options.year as string | undefined,
      });
      const added = result.added.map((h) => `  ${h.date}  ${h.name}`);
      return {
        json: {
          added: result.added.map((h) => ({ date: h.date, name: h.name })),
          alreadyKnown: result.known,
          moved: result.moved.length,
        },
        text: [
          `Added ${result.added.length} holiday${result.added.length === 1 ? '' : 's'}${result.known ? ` (${result.known} known already)` : ''}; ${result.moved.length} follow-up${result.moved.length === 1 ? '' : 's'} moved to the next working day.`,
          ...added,
        ].join('\n'),
      };
    }),
  );
  example(
    holidays.command('remove').description('remove a holiday').argument('<date>'),
    'ft holidays remove 2026-12-24',
  ).action(
    act(async ({ scope, args }) => {
      const result = await removeHoliday(scope, args[0] as string);
      return {
        json: { removed: result.removed.date, moved: result.moved.length },
        text: `Removed ${result.removed.date} (${result.removed.name}); ${result.moved.length} follow-up${result.moved.length === 1 ? '' : 's'} moved back.`,
      };
    }),
  );
}
