import type { Command } from 'commander';
import type { Scope } from '../../organizations/scope.js';
import type { DataInfo } from '../context.js';
import type { Output, Style } from './output.js';

/** What a command's handler gets: the scope it acts in, how to style text, and what it was given. */
export interface CommandContext {
  scope: Scope;
  style: Style;
  today: string;
  /** The zone dates are shown in: the acting person's, or the organization's. */
  zone: string;
  options: Record<string, unknown>;
  args: string[];
  /** Standard input when something is piped in, else null. */
  input: () => Promise<string | null>;
  /** Where the data is, and whether this command created it. */
  data: DataInfo;
}

export type Handler = (ctx: CommandContext) => Promise<Output>;

export interface ActOptions {
  /** This command may create the data folder (ft init, start, demo); every other refuses a missing one. */
  createsData?: boolean;
}

/** Turns a handler into a commander action; the runner opens the scope and prints the output. */
export type Act = (handler: Handler, options?: ActOptions) => (...commanderArgs: unknown[]) => Promise<void>;

/** Options that take several people or ids: repeated, comma-separated, or both. */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

export const example = (command: Command, ...lines: string[]): Command =>
  command.addHelpText(
    'after',
    `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`,
  );
