import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import type { OutboxMessage } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { quoted } from '../shared/text.js';
import { describeInstant } from '../shared/time.js';

const resolvePerson = lazy(() => import('../people/people.usecases.js'), 'resolvePerson');
const listOutbox = lazy(() => import('./outbox.repository.js'), 'listOutbox');

const messageKinds = ['follow_up', 'answer', 'wrapup', 'unanswered', 'due_today', 'away', 'invitation'];

const messageJson = (m: OutboxMessage) => ({
  id: formatId('message', m.id),
  kind: m.kind,
  to: m.recipient_email,
  subject: m.subject,
  body: m.body,
  late: m.late === 1,
  createdAt: m.created_at,
  deliveredAt: m.delivered_at,
});

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
      const last = Number(options.last);
      // A safe integer: 1e20 is "whole" to JavaScript, but no database takes it as a LIMIT.
      if (!Number.isSafeInteger(last) || last < 1) {
        throw invalid(
          'invalid_number',
          `--last must be a whole number of messages, like 20 (got ${quoted(String(options.last))}).`,
        );
      }
      if (options.kind !== undefined && !messageKinds.includes(options.kind as string)) {
        throw invalid(
          'invalid_kind',
          `--kind must be one of ${messageKinds.join(', ')} (got ${quoted(String(options.kind))}).`,
        );
      }
      const recipient = options.to ? await resolvePerson(scope, options.to as string) : undefined;
      const messages = await listOutbox(scope.db, scope.org.id, {
        recipientId: recipient?.id,
        kind: options.kind as string | undefined,
        limit: last,
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
