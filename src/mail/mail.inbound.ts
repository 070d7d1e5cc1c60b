import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { answerKey, readReplyLocalPart } from '../answers/answer.links.js';
import { makeCommitment } from '../commitments/commitments.usecases.js';
import { parseDue } from '../dates/dates.options.js';
import { type Db, inTransaction } from '../db/database.js';
import type { Person } from '../db/schema.js';
import { replyToAnswer } from '../followups/followups.hearing.js';
import { firstName } from '../followups/followups.messages.js';
import { answerFollowUp } from '../followups/followups.usecases.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import { memberScope, type Scope } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { accessOf, mayActFor } from '../policy/policy.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { wallClockToInstant } from '../shared/time.js';
import { dateWords, ownWords, readReply } from './mail.replies.js';

/** The largest mail taken: a forwarded thread with its attachments, not a file drop. */
export const MOST_MAIL_BYTES = 10 * 1024 * 1024;

export interface InboundOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  host: string;
  port: number;
  /** MAIL_DOMAIN: when set, mail to any other domain is refused. */
  domain?: string | undefined;
  /** Where people reach the server: for the links in a polite answer. */
  publicUrl?: string | undefined;
}

export interface Inbound {
  port: number;
  stop(): Promise<void>;
}

/** What one recipient address asks for. */
type Intent =
  | { kind: 'reply'; followUpId: number; answerer: Person }
  | { kind: 'note'; followUpId: number; hearer: Person }
  | { kind: 'remind'; words: string; sender: Person };

/** A refusal the sending server reads: a code and what to do. */
const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The inbound mail listener (`smtp-server`, read with `mailparser`). It takes two kinds of
 * address and refuses every other:
 * - `reply+TOKEN@`: a reply to a follow-up, signed; taken from the answerer's own address only.
 *   Its first words give the outcome, the rest what happened; an unreadable one gets a polite
 *   answer saying how.
 * - `note+TOKEN@`: the hearer's reply to the answer, signed; taken from the hearer's own address
 *   only. It goes on to whoever answered, and the coach reads a manager's.
 * - a day (`friday@`, `3days@`, `dec3@`, `nextweek@`, `tomorrow9am@`): the mail, forwarded or
 *   copied by a member, becomes a step of theirs that comes back on that day at 09:00 their time
 *   (or the time named). In Cc, every member on the thread gets it; in Bcc or To, the sender.
 * A sender nobody knows is refused at the recipient, before any data; so is a mail over 10 MB.
 */
export async function startInbound(options: InboundOptions): Promise<Inbound> {
  const { db, clock, log } = options;
  // Each mail of a connection: who sends it, and what each recipient it was accepted for asks.
  const mails = new WeakMap<SMTPServerSession, { sender: string; intents: Map<string, Intent> }>();

  const intentOf = async (address: string, session: SMTPServerSession): Promise<Intent> => {
    const at = address.lastIndexOf('@');
    const local = address.slice(0, at);
    const domain = address.slice(at + 1).toLowerCase();
    if (options.domain && domain !== options.domain.toLowerCase()) {
      throw refusal(550, `5.7.1 ${domain} is not served here: only ${options.domain}`);
    }
    const sender = mails.get(session)?.sender ?? '';
    if (/^(reply|note)\+/i.test(local)) {
      const read = readReplyLocalPart(await answerKey(db, clock), local, clock.now());
      if ('refused' in read) {
        throw refusal(
          550,
          read.refused === 'expired' ? '5.1.1 this reply address has expired' : '5.1.1 no such mailbox',
        );
      }
      const followUp = await db
        .selectFrom('follow_ups')
        .selectAll()
        .where('id', '=', read.id)
        .executeTakeFirst();
      // A reply to a follow-up is its answerer's; a reply to its answer, its hearer's.
      const writerId = read.kind === 'reply' ? followUp?.answerer_id : followUp?.hearer_id;
      const [writer] = followUp && writerId ? await getPeople(db, followUp.organization_id, [writerId]) : [];
      if (!followUp || !writer || writer.deactivated_at) throw refusal(550, '5.1.1 no such mailbox');
      if (writer.email.toLowerCase() !== sender.toLowerCase()) {
        throw refusal(550, '5.7.1 a reply is taken from the address it was sent to only');
      }
      return read.kind === 'reply'
        ? { kind: 'reply', followUpId: followUp.id, answerer: writer }
        : { kind: 'note', followUpId: followUp.id, hearer: writer };
    }
    const words = dateWords(local);
    if (!words || !readsAsDay(words, clock, 'UTC')) throw refusal(550, '5.1.1 no such mailbox');
    const member = await knownMember(db, sender);
    if (!member) throw refusal(550, '5.7.1 mail is taken from the members of a team here only');
    if (!readsAsDay(words, clock, member.time_zone)) throw refusal(550, '5.1.1 no such mailbox');
    return { kind: 'remind', words, sender: member };
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Followthrough',
    logger: false,
    size: MOST_MAIL_BYTES,
    maxClients: 50,
    onMailFrom(address, session, callback) {
      mails.set(session, { sender: address.address, intents: new Map() });
      callback();
    },
    onRcptTo(address, session, callback) {
      intentOf(address.address, session).then(
        (intent) => {
          mails.get(session)?.intents.set(address.address, intent);
          callback();
        },
        (error: Error & { responseCode?: number }) => {
          if (!error.responseCode) log.error({ err: error }, 'inbound mail: recipient not checked');
          callback(error.responseCode ? error : refusal(451, '4.3.0 try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      // Counted as it comes: a mail over the limit is dropped as soon as it is, never held whole.
      let bytes = 0;
      const tooBig = refusal(552, `5.3.4 a mail here is ${MOST_MAIL_BYTES / 1024 / 1024} MB at most`);
      const limited = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(bytes > MOST_MAIL_BYTES ? tooBig : null, bytes > MOST_MAIL_BYTES ? undefined : chunk);
        },
      });
      stream.on('error', (error) => limited.destroy(error));
      simpleParser(stream.pipe(limited))
        .then(async (mail) => {
          if (bytes > MOST_MAIL_BYTES) throw tooBig;
          // The sender the mail shows must be the one that sent it.
          const shown = mail.from?.value[0]?.address?.toLowerCase();
          const accepted = mails.get(session);
          if (!accepted || shown !== accepted.sender.toLowerCase()) {
            throw refusal(550, '5.7.1 the From of the mail must be the address that sends it');
          }
          for (const to of session.envelope.rcptTo)
            await handle(accepted.intents.get(to.address) ?? (await intentOf(to.address, session)), mail, to);
          callback();
        })
        .catch((error: Error & { responseCode?: number }) => {
          // Drained, so the connection can answer: the rest of an oversized mail is read and dropped.
          stream.resume();
          if (error instanceof AppError) {
            // Refused by the rules (a date out of range, a step one may not give): said, not retried.
            return callback(refusal(550, `5.7.1 ${error.message.replace(/[\r\n]+/g, ' ').slice(0, 200)}`));
          }
          if (!error.responseCode) log.error({ err: error }, 'inbound mail not handled');
          callback(error.responseCode ? error : refusal(451, '4.3.0 try again later'));
        });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'inbound mail connection'));

  const handle = async (intent: Intent, mail: ParsedMail, to: SMTPServerAddress) => {
    if (intent.kind === 'reply') return handleReply(options, intent, mail);
    if (intent.kind === 'note') return handleNote(options, intent, mail);
    return handleReminder(options, intent, mail, to);
  };

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The words name a day within reach (a year), read in this zone. */
function readsAsDay(words: string, clock: Clock, zone: string): boolean {
  try {
    return parseDue(words, { now: clock.now(), zone, option: 'The address' }).kind === 'date';
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** An active member with this address, when exactly one organization has one. */
async function knownMember(db: Db, email: string): Promise<Person | null> {
  if (!email) return null;
  const found = await db
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('kind', '=', 'member')
    .where('deactivated_at', 'is', null)
    .limit(2)
    .execute();
  return found.length === 1 ? (found[0] as Person) : null;
}

async function scopeOf(options: InboundOptions, person: Person): Promise<Scope> {
  return memberScope(options, await getOrganization(options.db, person.organization_id), person);
}

/** Tells the sender, by mail, why what they sent did nothing, and how to do it. */
async function answerBack(options: InboundOptions, to: Person, about: string, text: string, key: string) {
  await enqueue(options.db, to.organization_id, options.clock.now().toISOString(), [
    {
      kind: 'mail_reply',
      idempotency_key: `mail_reply:${key}`,
      recipient_id: to.id,
      recipient_email: to.email,
      subject: `Re: ${about}`.slice(0, limits.what),
      body: text,
      late: 0,
    },
  ]);
}

async function handleReply(
  options: InboundOptions,
  intent: Extract<Intent, { kind: 'reply' }>,
  mail: ParsedMail,
) {
  const { answerer, followUpId } = intent;
  const id = formatId('follow_up', followUpId);
  const subject = (mail.subject ?? 'your reply').replace(/[\r\n]+/g, ' ');
  const key = `${followUpId}:${mail.messageId ?? options.clock.now().toISOString()}`;
  const read = readReply(mail.text ?? '');
  if (!read) {
    options.log.info({ followUp: followUpId }, 'inbound reply not read');
    return answerBack(
      options,
      answerer,
      subject,
      [
        `Hi ${firstName(answerer)},`,
        '',
        'Your reply could not be read as an answer, so nothing was recorded yet.',
        'Start it with done, partly or not done, then what happened, like:',
        '',
        '  Not done: legal has not approved the discount yet',
        '',
        `Or answer with the links in the follow-up, or: ft answer ${id} --outcome done`,
      ].join('\n'),
      key,
    );
  }
  try {
    await answerFollowUp(await scopeOf(options, answerer), id, {
      outcome: read.outcome,
      happened: read.happened ?? undefined,
    });
    options.log.info({ followUp: followUpId, outcome: read.outcome }, 'follow-up answered by mail');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await answerBack(
      options,
      answerer,
      subject,
      `Hi ${firstName(answerer)},\n\nYour reply was not recorded: ${error.message}`,
      key,
    );
  }
}

async function handleNote(
  options: InboundOptions,
  intent: Extract<Intent, { kind: 'note' }>,
  mail: ParsedMail,
) {
  const { hearer, followUpId } = intent;
  const subject = (mail.subject ?? 'your reply').replace(/[\r\n]+/g, ' ');
  const key = `${followUpId}:${mail.messageId ?? options.clock.now().toISOString()}`;
  try {
    const heard = await replyToAnswer(
      await scopeOf(options, hearer),
      followUpId,
      ownWords(mail.text ?? ''),
      key,
    );
    options.log.info({ followUp: followUpId, flag: heard.flag?.label ?? null }, 'answer replied to by mail');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await answerBack(
      options,
      hearer,
      subject,
      `Hi ${firstName(hearer)},\n\nYour reply was not passed on: ${error.message}`,
      `note:${key}`,
    );
  }
}

/** "Fwd: Re: Pricing" → "Pricing". */
const topicOf = (subject: string | undefined) =>
  (subject ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/^\s*((re|fwd?|aw|wg|tr)\s*:\s*)+/i, '')
    .trim()
    .slice(0, limits.what) || 'The mail you forwarded';

async function handleReminder(
  options: InboundOptions,
  intent: Extract<Intent, { kind: 'remind' }>,
  mail: ParsedMail,
  to: SMTPServerAddress,
) {
  const { db } = options;
  // In Cc, everyone on the thread who is a member of the sender's team; else the sender alone.
  const copied = (mail.cc ? [mail.cc].flat() : []).flatMap((c) =>
    c.value.map((v) => v.address?.toLowerCase()),
  );
  const onThread = copied.includes(to.address.toLowerCase())
    ? [mail.from, mail.to, mail.cc]
        .flatMap((a) => (a ? [a].flat() : []))
        .flatMap((a) => a.value.map((v) => v.address))
    : [];
  const people = [intent.sender];
  for (const address of onThread) {
    const member = address ? await knownMember(db, address) : null;
    if (
      member &&
      member.organization_id === intent.sender.organization_id &&
      !people.some((p) => p.id === member.id)
    ) {
      people.push(member);
    }
  }
  const what = topicOf(mail.subject);
  // Made by the sender, for themselves or, on a thread, for those they may give steps to: the
  // same rules as giving a step by hand (a peer's or a manager's is not theirs to make). All of
  // it at once, or nothing, and once per mail: the same mail delivered again makes nothing more.
  const outside = await scopeOf(options, intent.sender);
  await inTransaction(db, async (trx) => {
    if (!(await firstTime(trx, outside, mail, to))) {
      options.log.info({ messageId: mail.messageId }, 'reminder mail taken already');
      return;
    }
    await remindFrom({ ...options, db: trx }, { ...outside, db: trx }, intent, people, what);
  });
}

/**
 * Whether this mail, to this address, is new here: its key is written in the transaction that
 * acts on it. A mail without a Message-ID cannot be told apart from another, and counts as new.
 */
async function firstTime(db: Db, scope: Scope, mail: ParsedMail, to: SMTPServerAddress): Promise<boolean> {
  if (!mail.messageId) return true;
  const key = createHash('sha256')
    .update(`${mail.from?.value[0]?.address?.toLowerCase()}\n${to.address.toLowerCase()}\n${mail.messageId}`)
    .digest('base64url');
  const written = await db
    .insertInto('inbound_mails')
    .values({ key, organization_id: scope.org.id, received_at: scope.clock.now().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(written.numInsertedOrUpdatedRows ?? 0) === 1;
}

async function remindFrom(
  options: InboundOptions,
  scope: Scope,
  intent: Extract<Intent, { kind: 'remind' }>,
  people: Person[],
  what: string,
) {
  const { db, clock } = options;
  for (const person of people) {
    const due = parseDue(intent.words, { now: clock.now(), zone: person.time_zone, option: 'The address' });
    if (due.kind !== 'date') throw refusal(550, '5.1.1 no such mailbox');
    if (person.id !== intent.sender.id && !mayActFor(await accessOf(scope), person.id)) continue;
    const made = await makeCommitment(scope, {
      what,
      owner: person.email,
      due: due.due.time ? `${due.due.date} ${due.due.time}` : due.due.date,
    });
    // It comes back on its day, at 09:00 or the time named, not the working day after.
    const comesBack = wallClockToInstant(
      due.due.date,
      due.due.time ?? '09:00',
      person.time_zone,
    ).toISOString();
    await db
      .updateTable('follow_ups')
      .set({ fire_at: comesBack, remind_at: null })
      .where('commitment_id', '=', made.commitment.id)
      .where('status', '=', 'scheduled')
      .execute();
    options.log.info({ commitment: made.commitment.id, fireAt: comesBack }, 'reminder made from mail');
  }
}
