import type { AnswerOutcome, Commitment, FollowUp, Person } from '../db/schema.js';
import type { NewMessage } from '../outbox/outbox.repository.js';
import { formatId } from '../shared/ids.js';
import { describeDay, describeInstant, localDate } from '../shared/time.js';

/** What goes into the outbox. Plain text that reads well in a mail client and a terminal. */
export interface MessageText {
  subject: string;
  body: string;
}

export const outcomeText: Record<AnswerOutcome, string> = {
  done: 'done',
  partly: 'partly done',
  not_done: 'not done',
};

const firstName = (p: Pick<Person, 'name'>): string => p.name.split(/\s+/)[0] ?? p.name;

function commitmentLines(
  c: Commitment,
  owner: Person | null,
  reader: Person,
  withPeople: Person[],
  today: string,
): string[] {
  return [
    `  ${c.what}${owner && owner.id !== reader.id ? ` (owner: ${owner.name})` : ''}`,
    c.outcome ? `  Outcome: ${c.outcome}` : null,
    withPeople.length ? `  With: ${withPeople.map((p) => p.name).join(', ')}` : null,
    c.due_date ? `  Due: ${describeDay(c.due_date, today)}` : null,
  ].filter((line): line is string => line !== null);
}

export interface AskInput {
  followUpId: number;
  commitment: Commitment;
  owner: Person | null;
  answerer: Person;
  delegator: Person | null;
  withPeople: Person[];
  ask: string | null;
  fireAt: string;
  late: boolean;
  now: Date;
}

/** The follow-up itself: sent on the committed date to whoever answers it. */
export function askMessage(input: AskInput): MessageText {
  const today = localDate(input.now, input.answerer.time_zone);
  const id = formatId('follow_up', input.followUpId);
  const lines = [
    `Hi ${firstName(input.answerer)},`,
    '',
    `${input.owner && input.owner.id !== input.answerer.id ? `${input.owner.name} committed` : 'You committed'} to:`,
    ...commitmentLines(input.commitment, input.owner, input.answerer, input.withPeople, today),
    '',
  ];
  if (input.ask)
    lines.push(`${input.delegator ? `${input.delegator.name} asks` : 'Note'}: "${input.ask}"`, '');
  lines.push(
    'How did it go? What was the outcome? What did you learn? What do we do next?',
    '',
    `Answer with: ft answer ${id} --outcome done|partly|not_done --happened "…" --learned "…" [--next "…" --next-due DATE]`,
  );
  if (input.late) {
    lines.push(
      '',
      `(Sent late: this follow-up was due ${describeInstant(input.fireAt, input.answerer.time_zone, today)}.)`,
    );
  }
  return { subject: `How did it go? ${input.commitment.what}`, body: lines.join('\n') };
}

export interface AnswerInput {
  commitment: Commitment;
  answerer: Person;
  hearer: Person;
  outcome: AnswerOutcome;
  happened: string | null;
  learned: string | null;
  next: Commitment | null;
  now: Date;
}

/** The answer, delivered to whoever hears it: the delegator or the accountability partner. */
export function answerMessage(input: AnswerInput): MessageText {
  const today = localDate(input.now, input.hearer.time_zone);
  const lines = [
    `Hi ${firstName(input.hearer)},`,
    '',
    `${input.answerer.name} answered the follow-up on "${input.commitment.what}": ${outcomeText[input.outcome]}.`,
    input.happened ? `What happened: ${input.happened}` : null,
    input.learned ? `What was learned: ${input.learned}` : null,
    input.next
      ? `Next step: ${input.next.what}${input.next.due_date ? `, due ${describeDay(input.next.due_date, today)}` : ''} (${formatId('commitment', input.next.id)})`
      : input.outcome === 'done'
        ? null
        : 'No next step yet: agree one at your next 1:1.',
  ].filter((line): line is string => line !== null);
  return {
    subject: `${outcomeText[input.outcome][0]?.toUpperCase()}${outcomeText[input.outcome].slice(1)}: ${input.commitment.what}`,
    body: lines.join('\n'),
  };
}

export interface UnansweredInput {
  followUpId: number;
  commitment: Commitment;
  answerer: Person;
  hearer: Person;
  sentAt: string;
  now: Date;
}

/** Told to the hearer when the answer window passes: the item heads the next agenda. */
export function unansweredMessage(input: UnansweredInput): MessageText {
  const today = localDate(input.now, input.hearer.time_zone);
  return {
    subject: `No answer yet: ${input.commitment.what}`,
    body: [
      `Hi ${firstName(input.hearer)},`,
      '',
      `${input.answerer.name} has not answered the follow-up on "${input.commitment.what}" sent ${describeInstant(input.sentAt, input.hearer.time_zone, today)}.`,
      'It will head your next 1:1 agenda. Ask: is it still clear, still owned, still the right next step?',
      `(${formatId('follow_up', input.followUpId)}, ${formatId('commitment', input.commitment.id)})`,
    ].join('\n'),
  };
}

export type FollowUpMessageKind = 'follow_up' | 'answer' | 'unanswered';

/** An outbox row about one follow-up; its key makes each kind of message go out once. */
export function followUpMessage(
  kind: FollowUpMessageKind,
  followUp: Pick<FollowUp, 'id' | 'commitment_id'>,
  recipient: Pick<Person, 'id' | 'email'>,
  text: MessageText,
  late = false,
): NewMessage {
  const suffix = kind === 'follow_up' ? 'ask' : kind;
  return {
    kind,
    idempotency_key: `follow_up:${followUp.id}:${suffix}`,
    recipient_id: recipient.id,
    recipient_email: recipient.email,
    subject: text.subject,
    body: text.body,
    late: late ? 1 : 0,
    follow_up_id: followUp.id,
    commitment_id: followUp.commitment_id,
  };
}
