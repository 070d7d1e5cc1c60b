import type { ExpressionBuilder } from 'kysely';
import type { Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { Logger } from 'pino';
import { answerKey, linksExpire, type ReplyKind, replyLocalPart } from '../answers/answer.links.js';
import type { Db } from '../db/database.js';
import type { Database, OutboxMessage } from '../db/schema.js';
import { icsOf } from '../feeds/feeds.ics.js';
import type { Clock } from '../shared/clock.js';
import { mailHtml } from './mail.templates.js';

/** How long a sender holds the messages it took: past it, another sender may take them. */
export const LEASE_MS = 2 * 60_000;
/** How many messages a sender takes at once. */
export const DELIVERY_BATCH = 100;
/** A sender takes no more of its batch after this, so what it sends is always well inside the lease. */
const SENDING_FOR_MS = LEASE_MS / 2;
/** A message not sent within this of being written is not sent at all: it would arrive stale. */
export const TOO_OLD_MS = 3 * 86_400_000;
/** After a refusal for now (4xx, no connection), the next try waits this long: the last one repeats. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3_600_000, 6 * 3_600_000];
/** A message refused for now this many times is given up. */
export const MOST_ATTEMPTS = 8;

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** A nodemailer transport: SMTP_URL's, or a test's. */
  transport: Transporter;
  /** MAIL_FROM: the sender every message goes out as. */
  from: string;
  /** Where replies to follow-ups go (reply+TOKEN@ this domain): set when the listener runs. */
  replyDomain?: string | undefined;
}

export interface Delivered {
  /** Taken from the outbox to send. */
  taken: number;
  delivered: number;
  /** Refused for now: tried again later. */
  retrying: number;
  /** Refused for good, given up, or too old: shown with `ft outbox --failed`. */
  failed: number;
  /** Taken but not tried (stopping, or the batch took long): left for the next round. */
  handedBack: number;
}

type Outbox = ExpressionBuilder<Database, 'outbox'>;

/** Still to send, due now, and held by no other sender. */
const sendable = (now: string) => (eb: Outbox) =>
  eb.and([
    eb('delivered_at', 'is', null),
    eb('failed_at', 'is', null),
    eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
    eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]),
  ]);

/**
 * Sends what the outbox holds that is due, a batch at a time, `concurrency` at once. Each
 * message is leased before it is sent and marked delivered right after the server took it:
 * a sender that dies between the two leaves the message to be sent again once the lease ends
 * (at most once per crash, and only the messages in flight). Several senders never take the
 * same message while a lease holds.
 */
export async function deliverDue(
  deps: DeliveryDeps,
  {
    batch = DELIVERY_BATCH,
    concurrency = 5,
    signal,
  }: { batch?: number; concurrency?: number; signal?: AbortSignal } = {},
): Promise<Delivered> {
  const { db, clock } = deps;
  const started = clock.now();
  const now = started.toISOString();
  const until = new Date(started.getTime() + LEASE_MS).toISOString();
  const taken = await db
    .updateTable('outbox')
    .set((eb) => ({ leased_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb.selectFrom('outbox').select('id').where(sendable(now)).orderBy('id').limit(batch),
    )
    // Checked again on the row itself: another sender may have taken it meanwhile.
    .where(sendable(now))
    .returningAll()
    .execute();
  const result: Delivered = { taken: taken.length, delivered: 0, retrying: 0, failed: 0, handedBack: 0 };
  const queue = [...taken].sort((a, b) => a.id - b.id);
  const sending = () => !signal?.aborted && clock.now().getTime() - started.getTime() < SENDING_FOR_MS;
  const worker = async () => {
    for (let message = sending() ? queue.shift() : undefined; message; ) {
      result[await deliverOne(deps, message, started)] += 1;
      message = sending() ? queue.shift() : undefined;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (queue.length > 0) {
    // Not tried (stopping, or the batch took long): handed back as they were, for the next round.
    await db
      .updateTable('outbox')
      .set((eb) => ({ leased_until: null, attempts: eb('attempts', '-', 1) }))
      .where(
        'id',
        'in',
        queue.map((m) => m.id),
      )
      .execute();
    result.handedBack = queue.length;
  }
  return result;
}

async function deliverOne(
  deps: DeliveryDeps,
  message: OutboxMessage,
  started: Date,
): Promise<'delivered' | 'retrying' | 'failed'> {
  const { db, clock, log } = deps;
  const mark = (
    values: Partial<Pick<OutboxMessage, 'delivered_at' | 'failed_at' | 'failure' | 'next_attempt_at'>>,
  ) =>
    db
      .updateTable('outbox')
      .set({ ...values, leased_until: null })
      .where('id', '=', message.id)
      .execute();
  if (started.getTime() - Date.parse(message.created_at) > TOO_OLD_MS) {
    await mark({
      failed_at: started.toISOString(),
      failure: `not sent: written ${message.created_at}, more than ${TOO_OLD_MS / 86_400_000} days before it could be`,
    });
    return 'failed';
  }
  try {
    await deps.transport.sendMail({
      ...mailOf(message, deps.from),
      ...(await replyToOf(deps, message)),
      attachments: await attachmentsOf(db, message, started),
    });
  } catch (error) {
    const refusal = refusalOf(error);
    const at = clock.now();
    if (refusal.lasting || message.attempts >= MOST_ATTEMPTS) {
      log.warn(
        { message: message.id, failure: refusal.text, attempts: message.attempts },
        'mail not delivered',
      );
      await mark({ failed_at: at.toISOString(), failure: refusal.text });
      return 'failed';
    }
    const delay = RETRY_DELAYS_MS[Math.min(message.attempts, RETRY_DELAYS_MS.length) - 1] ?? 60_000;
    log.info({ message: message.id, failure: refusal.text, attempts: message.attempts }, 'mail to try again');
    await mark({ failure: refusal.text, next_attempt_at: new Date(at.getTime() + delay).toISOString() });
    return 'retrying';
  }
  await mark({ delivered_at: clock.now().toISOString(), failure: null });
  return 'delivered';
}

/** Which messages are answered by mail: a follow-up (its answer), and an answer (the hearer's reply to it). */
const REPLIED_BY_MAIL: Partial<Record<string, ReplyKind>> = { follow_up: 'reply', answer: 'note' };

/** A follow-up's replies, and its answer's, go to their own signed address, read by the inbound listener. */
async function replyToOf(deps: DeliveryDeps, message: OutboxMessage) {
  const kind = REPLIED_BY_MAIL[message.kind];
  if (!deps.replyDomain || !kind || message.follow_up_id === null) return {};
  const key = await answerKey(deps.db, deps.clock);
  const expires = linksExpire(new Date(message.created_at));
  return { replyTo: `${replyLocalPart(key, message.follow_up_id, expires, kind)}@${deps.replyDomain}` };
}

/**
 * What goes with a message: a member's wrap-up carries their own steps from the meeting, with
 * their dates, as a calendar file (the same events, same UIDs, as their calendar feed).
 */
async function attachmentsOf(db: Db, message: OutboxMessage, now: Date) {
  if (message.kind !== 'wrapup' || message.meeting_id === null) return [];
  // A customer contact's wrap-up carries no calendar file: its events name steps by their ids.
  const reader = await db
    .selectFrom('people')
    .select('kind')
    .where('id', '=', message.recipient_id)
    .executeTakeFirst();
  if (reader?.kind !== 'member') return [];
  const steps = await db
    .selectFrom('commitments')
    .select(['id', 'what', 'outcome', 'due_date'])
    .where('organization_id', '=', message.organization_id)
    .where('meeting_id', '=', message.meeting_id)
    .where('owner_id', '=', message.recipient_id)
    .where('status', '=', 'open')
    .where('due_date', 'is not', null)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  if (steps.length === 0) return [];
  const ics = icsOf(
    { name: 'your next steps', steps, followUps: [] },
    { organizationId: message.organization_id, now },
  );
  return [
    { filename: 'next-steps.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
  ];
}

/** The domain of a sender like `Followthrough <ft@example.com>`. */
export const domainOf = (from: string): string =>
  addressparser(from, { flatten: true })[0]?.address.split('@')[1] || 'followthrough.invalid';

/** One header line: a line break would start another header. */
const oneLine = (text: string): string => text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();

/**
 * The one address a message goes to. A line break, a name, a list or angle brackets in it
 * would let nodemailer read other recipients (a `Bcc:` in an address goes to that address, not
 * to this one): such a message is refused for good, and sent to nobody.
 */
function recipientOf(email: string): string {
  if (!/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/.test(email)) {
    throw Object.assign(new Error('not sent: the recipient is not one e-mail address'), {
      code: 'EENVELOPE',
    });
  }
  return email;
}

/** The mail of an outbox message: its text, and HTML made from it by kind; identified by its id. */
export function mailOf(message: OutboxMessage, from: string) {
  const subject = oneLine(message.subject);
  return {
    from,
    to: recipientOf(message.recipient_email),
    subject,
    text: message.body,
    html: mailHtml({ kind: message.kind, subject, body: message.body }),
    messageId: `<message-${message.id}.${message.organization_id}@${domainOf(from)}>`,
  };
}

/** What a mail server's refusal means: lasting (5xx, an address it will never take) or for now. */
export function refusalOf(error: unknown): { lasting: boolean; text: string } {
  const e = error as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const said = oneLine(String(e.response ?? e.message ?? error)).slice(0, 500);
  if (code !== null) return { lasting: code >= 500, text: said };
  // No answer to read: an address or message nodemailer will not send, or no connection.
  return { lasting: e.code === 'EENVELOPE' || e.code === 'EMESSAGE', text: said };
}
