import { loadCalendars } from '../calendar/calendar.load.js';
import { type Db, inTransaction } from '../db/database.js';
import type { Person } from '../db/schema.js';
import { enqueue } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { groupBy } from '../shared/collections.js';
import { isWorkingDay, plusDays } from '../shared/days.js';
import { describeDay, localDate, localParts, shortDate, wallClockToInstant } from '../shared/time.js';
import { firstName, type MessageText } from './followups.messages.js';

/** The local time the digest goes out, on the member's working days. */
export const DIGEST_TIME = '08:00';
/** How many of each list a digest shows; it says how many more there are. */
const SHOWN = 20;
/** How many digests one tick writes at most; the rest, at the next. */
const DIGEST_BATCH = 500;

interface DigestItem {
  id: number;
  what: string;
  due_date: string | null;
}

export interface Digest {
  dueToday: DigestItem[];
  overdue: DigestItem[];
  /** Follow-ups waiting for the reader's answer. */
  toAnswer: DigestItem[];
}

/** When a digest wanted from `now` on is next due: 08:00 their time, today if it is not past. */
export function nextDigestAt(now: Date, zone: string): string {
  const today = localDate(now, zone);
  const at = wallClockToInstant(today, DIGEST_TIME, zone);
  return (at > now ? at : wallClockToInstant(plusDays(today, 1), DIGEST_TIME, zone)).toISOString();
}

/**
 * The daily digest, for members who asked for it: at 08:00 where they are, on their working
 * days, what is due today, what is overdue and which follow-ups wait for their answer. Silent
 * when there is nothing. Each member's digest is claimed (`digest_at` moved to the next
 * morning) in the transaction that writes the message, so a day's digest is written once, by
 * one process. Returns how many went to the outbox.
 */
export async function sendDigests(db: Db, clock: Clock, base: string): Promise<number> {
  const now = clock.now();
  const due = await db
    .selectFrom('people')
    .selectAll()
    .where('digest_at', '<=', now.toISOString())
    .orderBy('digest_at')
    .limit(DIGEST_BATCH)
    .execute();
  let sent = 0;
  for (const [orgId, people] of groupBy(due, (p) => p.organization_id)) {
    const calendars = await loadCalendars(
      db,
      orgId,
      people.map((p) => p.id),
      now,
    );
    for (const person of people) {
      const today = localDate(now, person.time_zone);
      const wanted = person.kind === 'member' && person.deactivated_at === null && person.daily_digest === 1;
      // One missed (nothing ran that morning) goes later that day; before 08:00, it waits for 08:00.
      const early = localParts(now, person.time_zone).time < DIGEST_TIME;
      const written = await inTransaction(db, async (trx) => {
        const claimed = await trx
          .updateTable('people')
          .set({ digest_at: wanted ? nextDigestAt(now, person.time_zone) : null })
          .where('id', '=', person.id)
          .where('digest_at', '=', person.digest_at)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1 || !wanted || early) return false;
        if (!isWorkingDay(today, calendars.get(person.id))) return false;
        const digest = await digestOf(trx, person, today);
        if (digest.dueToday.length + digest.overdue.length + digest.toAnswer.length === 0) return false;
        const text = digestMessage(person, digest, today, base);
        const written = await enqueue(trx, orgId, now.toISOString(), [
          {
            kind: 'digest',
            idempotency_key: `digest:${person.id}:${today}`,
            recipient_id: person.id,
            recipient_email: person.email,
            subject: text.subject,
            body: text.body,
            late: 0,
          },
        ]);
        return written === 1;
      });
      if (written) sent += 1;
    }
  }
  return sent;
}

/** What one member's digest holds today. */
export async function digestOf(db: Db, person: Person, today: string): Promise<Digest> {
  const open = await db
    .selectFrom('commitments')
    .select(['id', 'what', 'due_date'])
    .where('organization_id', '=', person.organization_id)
    .where('owner_id', '=', person.id)
    .where('status', '=', 'open')
    .where('due_date', '<=', today)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  const toAnswer = await db
    .selectFrom('follow_ups')
    .innerJoin('commitments', 'commitments.id', 'follow_ups.commitment_id')
    .select(['follow_ups.id', 'commitments.what', 'commitments.due_date'])
    .where('follow_ups.organization_id', '=', person.organization_id)
    .where('follow_ups.answerer_id', '=', person.id)
    .where('follow_ups.status', 'in', ['sent', 'unanswered'])
    .orderBy('follow_ups.id')
    .execute();
  return {
    dueToday: open.filter((c) => c.due_date === today),
    overdue: open.filter((c) => c.due_date !== today),
    toAnswer,
  };
}

/** The digest as it reads in a mail client: a short list per heading, ids to act on with ft. */
/** `base` is where the server is reached (PUBLIC_URL): each item links to its page there. */
export function digestMessage(reader: Person, digest: Digest, today: string, base: string): MessageText {
  const section = (title: string, items: DigestItem[], line: (i: DigestItem) => string) => {
    if (items.length === 0) return [];
    const more = items.length > SHOWN ? [`  … and ${items.length - SHOWN} more: ${base}/`] : [];
    return ['', `## ${title} (${items.length})`, ...items.slice(0, SHOWN).map(line), ...more];
  };
  const counts = [
    digest.dueToday.length ? `${digest.dueToday.length} due today` : null,
    digest.overdue.length ? `${digest.overdue.length} overdue` : null,
    digest.toAnswer.length
      ? `${digest.toAnswer.length} follow-up${digest.toAnswer.length === 1 ? '' : 's'} to answer`
      : null,
  ].filter((c): c is string => c !== null);
  const body = [
    `Hi ${firstName(reader)},`,
    '',
    `Your day, ${shortDate(today, today)}:`,
    ...section('Due today', digest.dueToday, (c) => `- ${c.what}: ${base}/c/${c.id}`),
    ...section(
      'Overdue',
      digest.overdue,
      (c) => `- ${c.what}, due ${describeDay(c.due_date as string, today)}: ${base}/c/${c.id}`,
    ),
    ...section('Waiting for your answer', digest.toAnswer, (f) => `- ${f.what}: ${base}/f/${f.id}`),
    '',
    `Your day: ${base}/`,
    '',
    'You get this because you asked for it: ft person edit YOU --digest off stops it.',
  ];
  return { subject: `Your day: ${counts.join(', ')}`, body: body.join('\n') };
}
