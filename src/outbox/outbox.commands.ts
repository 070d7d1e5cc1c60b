import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { formatId } from '../shared/ids.js';
import { describeInstant } from '../shared/time.js';
import { messageJson, shownBody, stateLine } from './outbox.present.js';
import { deliveryState, deliveryStates, messageKinds } from './outbox.rules.js';

const listMessages = lazy(() => import('./outbox.usecases.js'), 'listMessages');

export function registerOutbox(program: Command, act: Act): void {
  example(
    program
      .command('outbox')
      .description('messages waiting to be delivered: follow-ups, answers, wrap-ups, unanswered notices')
      .option('--to <person>', 'only those to one person')
      .option('--kind <kind>', messageKinds.join(', '))
      .option('--state <state>', `where delivery stands: ${deliveryStates.join(', ')}`)
      .option('--failed', 'only what could not be delivered, with what the mail server said (--state failed)')
      .option('--full', 'print each message in full')
      .option('--last <n>', 'how many, newest last', '50'),
    'ft outbox --to dana@northwind.example --full',
    'ft outbox --failed',
  ).action(
    act(async ({ scope, options, today, zone, style }) => {
      const messages = await listMessages(scope, {
        to: options.to as string | undefined,
        kind: options.kind as string | undefined,
        state: options.failed ? 'failed' : (options.state as string | undefined),
        last: options.last as string,
      });
      const text = options.full
        ? messages
            .map(
              (m) =>
                `${style.bold(`${formatId('message', m.id)}  To: ${m.recipient_email}`)}\nSubject: ${m.subject}${m.late ? ' (late)' : ''}\n${stateLine(m, zone, today)}\n\n${shownBody(m.body)}\n`,
            )
            .join(`\n${'─'.repeat(60)}\n`)
        : table(
            ['ID', 'WRITTEN', 'KIND', 'TO', 'STATE', 'SUBJECT'],
            messages.map((m) => [
              formatId('message', m.id),
              describeInstant(m.created_at, zone, today),
              m.kind,
              m.recipient_email,
              deliveryState(m),
              m.subject + (m.late ? ' (late)' : ''),
            ]),
            style,
          );
      const empty =
        options.failed || options.state === 'failed' ? 'Nothing failed to send.' : 'The outbox is empty.';
      return { json: messages.map(messageJson), text: text || empty };
    }),
  );
}
