import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { formatId } from '../shared/ids.js';
import { describeInstant } from '../shared/time.js';
import { messageJson } from './outbox.present.js';
import { messageKinds } from './outbox.rules.js';

const listMessages = lazy(() => import('./outbox.usecases.js'), 'listMessages');

export function registerOutbox(program: Command, act: Act): void {
  example(
    program
      .command('outbox')
      .description('messages waiting to be delivered: follow-ups, answers, wrap-ups, unanswered notices')
      .option('--to <person>', 'only those to one person')
      .option('--kind <kind>', messageKinds.join(', '))
      .option('--full', 'print each message in full')
      .option('--last <n>', 'how many, newest last', '50'),
    'ft outbox --to dana@northwind.example --full',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const messages = await listMessages(scope, {
        to: options.to as string | undefined,
        kind: options.kind as string | undefined,
        last: options.last as string,
      });
      const text = options.full
        ? messages
            .map(
              (m) =>
                `${style.bold(`${formatId('message', m.id)}  To: ${m.recipient_email}`)}\nSubject: ${m.subject}${m.late ? ' (late)' : ''}\n\n${m.body}\n`,
            )
            .join(`\n${'─'.repeat(60)}\n`)
        : table(
            ['ID', 'WRITTEN', 'KIND', 'TO', 'SUBJECT'],
            messages.map((m) => [
              formatId('message', m.id),
              describeInstant(m.created_at, zone, today),
              m.kind,
              m.recipient_email,
              m.subject + (m.late ? ' (late)' : ''),
            ]),
            style,
          );
      return { json: messages.map(messageJson), text: text || 'The outbox is empty.' };
    }),
  );
}
