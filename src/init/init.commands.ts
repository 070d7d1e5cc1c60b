import type { Command } from 'commander';
import type { DataInfo } from '../cli/context.js';
import { type Act, example } from '../cli/kit/command.js';

export function registerInit(program: Command, act: Act): void {
  example(
    program
      .command('init')
      .description(
        'create an empty data folder (readable only by you) and its database; nothing changes when there is one',
      ),
    'ft init --data ~/followthrough',
  ).action(
    act(
      async ({ data, options }) => {
        const lines = [said(data)];
        if (data.created) {
          lines.push(
            'Next, add yourself (the first member added acts by default):',
            '  ft person add "Your Name" --email you@example.com',
            'or fill it with a demo team: ft demo',
          );
          if (options.data !== undefined && data.location.kind === 'folder') {
            lines.push(
              `Give --data ${data.location.folder} to every command, or export FOLLOWTHROUGH_DATA=${data.location.folder}.`,
            );
          }
        }
        return {
          json: { created: data.created, location: data.location.shown },
          text: lines.join('\n'),
        };
      },
      { createsData: true },
    ),
  );
}

function said({ location, created }: DataInfo): string {
  if (location.kind === 'postgres') {
    return created
      ? `Followthrough is set up in ${location.shown}, empty.`
      : `Followthrough data is already in ${location.shown}; nothing changed.`;
  }
  return created
    ? `Created an empty Followthrough database in ${location.folder} (readable only by you).`
    : `Followthrough data is already in ${location.folder}; nothing changed.`;
}
