import type { AnswerOutcome, Commitment, FollowUp, Person } from '../db/schema.js';

/** What a message says about a commitment: the few columns the tick loads for thousands at once. */
export type MessageCommitment = Pick<Commitment, 'id' | 'what' | 'outcome' | 'due_date' | 'due_time'>;

import type { NewMessage } from '../outbox/outbox.repository.js';
import { formatId } from '../shared/ids.js';
import { describeDay, describeInstant, localDate, shortDate } from '../shared/time.js';

/** What goes into the outbox. Plain text that reads well in a mail client and a terminal. */
export interface MessageText {
  subject: string;
  body: string;
}

export const answerOutcomes: AnswerOutcome[] = ['done', 'partly', 'not_done'];

export const outcomeText: Record<AnswerOutcome, string> = {
  done: 'done',
  partly: 'partly done',
  not_done: 'not done',
};

export const firstName = (p: Pick<Person, 'name'>): string => p.name.split(/\s+/)[0] ?? p.name;

function commitmentLines(
  c: MessageCommitment,
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
  /** One-click answers, no sign-in: each opens the answer page with its outcome chosen. */
  links?: Record<AnswerOutcome, string> | undefined;
  commitment: MessageCommitment;
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
  const lines: (string | null)[] = [
    `Hi ${firstName(input.answerer)},`,
    '',
    `${input.owner && input.owner.id !== input.answerer.id ? `${input.owner.name} committed` : 'You committed'} to:`,
    ...commitmentLines(input.commitment, input.owner, input.answerer, input.withPeople, today),
    '',
  ];
  if (input.ask)
    lines.push(`${input.delegator ? `${input.delegator.name} asks` : 'Note'}: "${input.ask}"`, '');
  const due = input.commitment.due_date;
  lines.push('How did it go? What was the outcome? What did you learn? What do we do next?', '');
  if (input.links) {
    lines.push(
      'Answer in a minute, no sign-in needed:',
      `  Done: ${input.links.done}`,
      `  Partly: ${input.links.partly}`,
      `  Not done: ${input.links.not_done}`,
      '',
      'Or with ft:',
    );
  }
  lines.push(
    due
      ? `Done by ${shortDate(due, today)}? Answer: ft answer ${id} --outcome done --happened "…" --learned "…"`
      : `Done? Answer: ft answer ${id} --outcome done --happened "…" --learned "…"`,
    due ? `Done later? Add the day: --done-on DATE.` : null,
    `Not yet: ft answer ${id} --outcome partly|not_done --happened "…" [--next "…" --next-due DATE | --new-due DATE]`,
  );
  if (input.late) {
    lines.push(
      '',
      `(Sent late: this follow-up was due ${describeInstant(input.fireAt, input.answerer.time_zone, today)}.)`,
    );
  }
  return {
    subject: `How did it go? ${input.commitment.what}`,
    body: lines.filter((line): line is string => line !== null).join('\n'),
  };
}

export interface AnswerInput {
  commitment: Commitment;
  answerer: Person;
  hearer: Person;
  outcome: AnswerOutcome;
  happened: string | null;
  learned: string | null;
  next: Commitment | null;
  /** For a done step: the day it was done, and whether that was by its due date. */
  doneOn: string | null;
  now: Date;
}

function doneWhen(input: AnswerInput): string {
  const due = input.commitment.due_date;
  if (input.outcome !== 'done' || !input.doneOn || !due) return '';
  const today = localDate(input.now, input.hearer.time_zone);
  return input.doneOn <= due
    ? ` on time (${shortDate(input.doneOn, today)})`
    : `, late (${shortDate(input.doneOn, today)}, due ${shortDate(due, today)})`;
}

/** The answer, delivered to whoever hears it: the delegator or the accountability partner. */
export function answerMessage(input: AnswerInput): MessageText {
  const today = localDate(input.now, input.hearer.time_zone);
  const lines = [
    `Hi ${firstName(input.hearer)},`,
    '',
    `${input.answerer.name} answered the follow-up on "${input.commitment.what}": ${outcomeText[input.outcome]}${doneWhen(input)}.`,
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

export interface UnansweredItem {
  followUpId: number;
  commitment: MessageCommitment;
  answerer: Person;
  sentAt: string;
}

/** Told to the hearer when answer windows pass, one message for all of one tick's: the items head the next agenda. */
export function unansweredMessage(hearer: Person, items: UnansweredItem[], now: Date): MessageText {
  const today = localDate(now, hearer.time_zone);
  const [first] = items;
  const lines = items.map(
    (i) =>
      `  - "${i.commitment.what}" (${i.answerer.name}; asked ${describeInstant(i.sentAt, hearer.time_zone, today)}; ${formatId('follow_up', i.followUpId)}, ${formatId('commitment', i.commitment.id)})`,
  );
  return {
    subject:
      items.length === 1 && first
        ? `No answer yet: ${first.commitment.what}`
        : `No answer yet on ${items.length} follow-ups`,
    body: [
      `Hi ${firstName(hearer)},`,
      '',
      `${items.length === 1 ? 'This follow-up has' : 'These follow-ups have'} had no answer within two working days:`,
      ...lines,
      '',
      `${items.length === 1 ? 'It heads' : 'They head'} your next 1:1 agenda. Ask: is it still clear, still owned, still the right next step?`,
    ].join('\n'),
  };
}

export interface DueTodayItem {
  commitment: MessageCommitment;
  owner: Person | null;
}

/** The morning of the due date, to whoever answers the follow-up: close it on time, or move it. */
export function dueTodayMessage(reader: Person, items: DueTodayItem[], now: Date): MessageText {
  const today = localDate(now, reader.time_zone);
  const [first] = items;
  const lines = items.map(({ commitment: c, owner }) => {
    const who = owner && owner.id !== reader.id ? ` (owner: ${owner.name})` : '';
    const at = c.due_time ? ` by ${c.due_time}` : '';
    return `  - ${c.what}${who}${at} (${formatId('commitment', c.id)})`;
  });
  const id = first ? formatId('commitment', first.commitment.id) : 'c…';
  return {
    subject:
      items.length === 1 && first
        ? `Due today: ${first.commitment.what}`
        : `Due today: ${items.length} next steps`,
    body: [
      `Hi ${firstName(reader)},`,
      '',
      `Due today, ${shortDate(today, today)}:`,
      ...lines,
      '',
      `Done? ft done ${id} (it counts as on time today). Need more time? ft move ${id} --due DATE --reason "…"`,
    ].join('\n'),
  };
}

export type FollowUpMessageKind = 'follow_up' | 'answer' | 'unanswered' | 'due_today';

/** An outbox row about one follow-up; its key makes each kind of message go out once. */
export function followUpMessage(
  kind: FollowUpMessageKind,
  followUp: Pick<FollowUp, 'id' | 'commitment_id'>,
  recipient: Pick<Person, 'id' | 'email'>,
  text: MessageText,
  late = false,
): NewMessage {
  const suffix = kind === 'follow_up' ? 'ask' : kind;
  // A notice about several follow-ups is keyed by the first: each follow-up is in one notice only.
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
