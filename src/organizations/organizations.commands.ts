import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { settingsJson } from './organizations.present.js';

const updateSettings = lazy(() => import('./settings.usecases.js'), 'updateSettings');

export function registerOrganization(program: Command, act: Act): void {
  example(
    program
      .command('settings')
      .description("the organization's settings: its zone and when follow-ups fire")
      .option('--time-zone <zone>', "the organization's default time zone for new people")
      .option('--follow-up-hour <hour>', 'local hour follow-ups fire at, 0–23 (default 9)')
      .option(
        '--follow-up-offset <days>',
        'working days after the due date, 1–20 (default 1: the first working day after it)',
      )
      .option(
        '--due-today-reminders <on|off>',
        'a "due today" reminder at 08:30 on the due date (default on)',
      ),
    'ft settings --follow-up-hour 8 --follow-up-offset 1',
  ).action(
    act(async ({ scope, options }) => {
      const org = await updateSettings(scope, {
        timeZone: options.timeZone as string | undefined,
        followUpHour: options.followUpHour as string | undefined,
        followUpOffset: options.followUpOffset as string | undefined,
        dueTodayReminders: options.dueTodayReminders as string | undefined,
      });
      return {
        json: settingsJson(org),
        text: `Time zone ${org.time_zone}; follow-ups fire at ${String(org.follow_up_hour).padStart(2, '0')}:00 in the owner's zone, ${org.follow_up_offset_days} working day${org.follow_up_offset_days === 1 ? '' : 's'} after the due date; due-today reminders ${org.due_today_reminders ? 'on (08:30 on the due date)' : 'off'}.`,
      };
    }),
  );
}
