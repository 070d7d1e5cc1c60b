import type { CommitmentEvent, Person } from '../db/schema.js';
import { shortDate } from '../shared/time.js';

type Data = Record<string, unknown>;

/** One value of an event's data as words, or null when it is not there. */
const said = (data: Data, key: string): string | null => {
  const value = data[key];
  return value === undefined || value === null || value === '' || value === false ? null : String(value);
};

/** A person named by an e-mail in an event: their name when they are known here. */
const named = (people: Map<string, Person>, email: string | null): string =>
  email ? (people.get(email.toLowerCase())?.name ?? email) : 'nobody';

/** ": waiting for legal", or nothing. */
const because = (text: string | null): string => (text ? `: ${text}` : '');

/**
 * A commitment's timeline as sentences, for the commitment page: "Mara Chen moved the date
 * from Fri 27 Nov to Thu 3 Dec: waiting for legal". `people` holds the actors by id and the
 * people events name, by e-mail; an event of a kind not known here still reads, plainly.
 */
export function eventSentence(
  e: CommitmentEvent,
  people: { byId: Map<number, Person>; byEmail: Map<string, Person> },
  today: string,
): string {
  const data = JSON.parse(e.data) as Data;
  const who = e.actor_id === null ? 'Followthrough' : (people.byId.get(e.actor_id)?.name ?? 'Someone');
  const day = (key: string) => {
    const value = said(data, key);
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? shortDate(value, today) : value;
  };
  const person = (key: string) => named(people.byEmail, said(data, key));
  switch (e.kind) {
    case 'created': {
      const owner = said(data, 'owner');
      const due = day('due');
      return `${who} made it${owner ? `, owned by ${person('owner')}` : ', with no owner yet'}${due ? `, due ${due}` : ''}${said(data, 'every') ? `, ${said(data, 'every')}` : ''}.`;
    }
    case 'renegotiated':
      return `${who} moved the date from ${day('from') ?? 'none'} to ${day('to')}${because(said(data, 'reason'))}.`;
    case 'corrected':
      return `${who} corrected the date from ${day('from')} to ${day('to')}.`;
    case 'dated':
      return `${who} gave it a date, ${day('to')}.`;
    case 'reassigned':
      return `${who} gave it to ${person('to')}${said(data, 'from') ? ` (it was ${person('from')}'s)` : ''}${because(said(data, 'reason'))}.`;
    case 'buy_back':
      return `The coach flagged it: ${person('to')} took back a step ${person('from')} owned.`;
    case 'done':
      return `${who} marked it done${said(data, 'on') ? ` on ${day('on')}` : ''}${because(said(data, 'note'))}.`;
    case 'done_on_corrected':
      return `${who} corrected the day it was done to ${day('to') ?? day('on')}.`;
    case 'missed':
      return `${who} recorded it as missed${because(said(data, 'note'))}.`;
    case 'dropped':
      return `${who} dropped it${because(said(data, 'note'))}.`;
    case 'reopened':
      return `${who} opened it again (it was ${said(data, 'from')})${because(said(data, 'reason'))}.`;
    case 'edited':
      return `${who} edited ${Object.keys(data).join(', ') || 'it'}.`;
    case 'answered': {
      const outcome = (said(data, 'outcome') ?? '').replace('_', ' ');
      const happened = said(data, 'happened');
      const next = said(data, 'next');
      return `${who} answered the follow-up: ${outcome}${happened ? `. What happened: ${happened}` : ''}${next ? `. Next step: ${next}` : ''}.`;
    }
    case 'agreed':
      return said(data, 'recorded_by')
        ? `${who} recorded that its owner agrees${said(data, 'after') ? ` (they had ${said(data, 'after')})` : ''}.`
        : `${who} agreed to it.`;
    case 'proposed':
      return `${who} proposed ${said(data, 'proposal')}.`;
    case 'asked_for_help':
      return `${who} asked for ${said(data, 'needs')}.`;
    case 'renewed':
      return `Followthrough made the next occurrence, ${said(data, 'next')}, due ${day('due')}.`;
    case 'series_ended':
      return `The series ended: ${said(data, 'why')}.`;
    case 'follow_up_sent':
      return `Followthrough sent its follow-up, ${said(data, 'follow_up')}${data.late ? ', late' : ''}.`;
    case 'follow_up_unanswered':
      return `Its follow-up, ${said(data, 'follow_up')}, had no answer within two working days.`;
    case 'hearer_replied':
      return `${who} replied to the answer: “${said(data, 'text')}”`;
    default: {
      const bits = Object.entries(data)
        .filter(([key]) => said(data, key) !== null && key !== 'mail')
        .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${String(value)}`);
      return `${who}: ${e.kind.replace(/_/g, ' ')}${bits.length ? ` (${bits.join(', ')})` : ''}.`;
    }
  }
}
