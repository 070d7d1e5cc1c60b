import type { Command } from 'commander';
import { type Act, collect, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import type { Style } from '../cli/kit/output.js';
import { wrapupJson } from './wrapups.present.js';
import type { WrapupResult, WrapupVersion } from './wrapups.usecases.js';

const wrapup = lazy(() => import('./wrapups.usecases.js'), 'wrapup');

const audienceText = (v: WrapupVersion): string =>
  v.audience === 'members'
    ? `To ${v.recipients.map((p) => p.name).join(', ') || 'no member'} (the whole wrap-up):`
    : `To ${v.recipients.map((p) => `${p.name} <${p.email}>`).join(', ')} (customer: shared steps only):`;

function wrapupText(result: WrapupResult, style: Style): string {
  const parts = result.versions.map((v) =>
    [
      style.bold(audienceText(v)),
      '',
      v.audience === 'customer' ? `Subject: ${v.subject}\n\n${v.body}` : v.body,
    ].join('\n'),
  );
  for (const p of result.skipped) {
    parts.push(style.dim(`Nothing for ${p.name} <${p.email}>: no step agreed here is shared with them.`));
  }
  if (result.sentTo.length) {
    parts.push(
      style.good(
        `Queued in the outbox for ${result.sentTo.join(', ')}${result.late ? ' (late: more than 24 hours after the meeting)' : ''}.`,
      ),
    );
  }
  return parts.join('\n\n');
}

export function registerWrapups(program: Command, act: Act): void {
  example(
    program
      .command('wrapup')
      .description(
        "a meeting's wrap-up as each recipient gets it (customers: shared steps only); --send puts it in the outbox",
      )
      .argument('<meeting>')
      .option('--send', 'send it to the attendees and --cc')
      .option('--cc <people>', 'people who were not there but should know', collect),
    'ft wrapup m1',
    'ft wrapup m1 --send --cc lee@northwind.example',
  ).action(
    act(async ({ scope, args, options, style }) => {
      const result = await wrapup(scope, args[0] as string, {
        send: options.send === true,
        cc: (options.cc as string[]) ?? [],
      });
      return {
        json: wrapupJson(result),
        text: wrapupText(result, style),
      };
    }),
  );
}
