import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import type { CalendarLink } from './feeds.usecases.js';

const myCalendarLink = lazy(() => import('./feeds.usecases.js'), 'myCalendarLink');
const rotateCalendarLink = lazy(() => import('./feeds.usecases.js'), 'rotateCalendarLink');

const said = (link: CalendarLink) => ({
  json: link,
  text: [
    link.rotated
      ? `Your calendar has a new address; the old one no longer works:\n  ${link.url}`
      : `Your calendar (your open steps on their dates, and the follow-ups you will hear):\n  ${link.url}`,
    'Subscribe to it in your calendar app ("add calendar from URL"). Keep it secret: anyone with it',
    'reads your steps. `ft calendar rotate` replaces it.',
  ].join('\n'),
});

/** `ft calendar`: the acting member's secret calendar address; `rotate` replaces it. */
export function registerFeeds(program: Command, act: Act): void {
  const calendar = program
    .command('calendar')
    .description('your secret calendar address: open steps on their due dates, follow-ups you will hear');
  example(
    calendar.command('show', { isDefault: true }).description('print your calendar address'),
    'ft calendar',
  ).action(act(async ({ scope }) => said(await myCalendarLink(scope))));
  example(
    calendar.command('rotate').description('give your calendar a new address: the old one stops working'),
    'ft calendar rotate',
  ).action(act(async ({ scope }) => said(await rotateCalendarLink(scope))));
}
