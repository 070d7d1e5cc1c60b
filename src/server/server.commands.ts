import type { Command } from 'commander';
import { example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import type { CliIO } from '../cli/program.js';
import { readSettings, settingSpecs, settingsHelp } from '../shared/settings.js';
import type { Roles } from './serve.js';
import { readServerSettings, serverSettingSpecs } from './server.settings.js';

const serve = lazy(() => import('./serve.js'), 'serve');

/** What a server reads: where its data is and where people reach it, then its own settings. */
const servedWith = [
  ...settingSpecs.filter((s) => s.key === 'dataDir' || s.key === 'databaseUrl' || s.key === 'publicUrl'),
  ...serverSettingSpecs,
];

/** `ft serve` (web and scheduler, or web alone) and `ft worker` (the scheduler alone). */
export function registerServer(program: Command, io: CliIO): void {
  const run =
    (roles: (options: Record<string, unknown>) => Roles) =>
    async (...args: unknown[]) => {
      const options = (args.at(-1) as Command).optsWithGlobals() as Record<string, unknown>;
      const server = readServerSettings(options, io.env);
      // The demo is for a person at a terminal: the banner, not a line per request.
      if (options.demo === true && !io.env.LOG_LEVEL) server.logLevel = 'warn';
      await serve(readSettings(options, io.env), server, roles(options), {
        stdout: io.stdout,
        stop: io.stopSignal ? io.stopSignal() : AbortSignal.abort(),
        env: io.env,
        json: options.json === true,
      });
    };

  const serveCommand = program
    .command('serve')
    .description(
      'run the web server and the scheduler that sends follow-ups, until stopped (SIGTERM, Ctrl-C)',
    )
    .option('--host <address>', 'address to listen on [HOST] (default 127.0.0.1)')
    .option('--port <number>', 'port to listen on [PORT] (default 3000; 0: any free port)')
    .option('--no-scheduler', 'web only: leave sending follow-ups to `ft worker` processes')
    .option(
      '--smtp-port <number>',
      'also receive mail on this port: replies, and reminders to friday@… [SMTP_PORT]',
    )
    .option(
      '--demo',
      'first run (npm start): fill an empty data folder with the demo team, each member with a login, and print them',
    );
  example(serveCommand, 'ft serve', 'PORT=8080 ft serve --no-scheduler', 'npm start    # ft serve --demo');
  serveCommand.addHelpText('after', `\n${settingsHelp(servedWith)}`);
  serveCommand.action(
    run((options) => ({ http: true, scheduler: options.scheduler !== false, demo: options.demo === true })),
  );

  const worker = program
    .command('worker')
    .description(
      'run the scheduler alone, until stopped: send follow-ups, reminders and unanswered notices when due',
    )
    .option(
      '--smtp-port <number>',
      'also receive mail on this port: replies, and reminders to friday@… [SMTP_PORT]',
    );
  example(worker, 'DATABASE_URL=postgres://app@db.internal/followthrough ft worker');
  worker.addHelpText('after', `\n${settingsHelp(servedWith)}`);
  worker.action(run(() => ({ http: false, scheduler: true })));
}
