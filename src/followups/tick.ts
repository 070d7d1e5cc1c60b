import {
  answerKey,
  answerLinks,
  answerToken,
  DEFAULT_PUBLIC_URL,
  linksExpire,
} from '../answers/answer.links.js';
import { loadCalendars } from '../calendar/calendar.load.js';
import { type NewEvent, recordEvents } from '../commitments/commitments.events.js';
import { renewDue } from '../commitments/commitments.renew.js';
import { peopleWith } from '../commitments/commitments.repository.js';
import { type Db, inTransaction } from '../db/database.js';
import { notIndexed } from '../db/dialect.js';
import type { Commitment, FollowUp, Organization, Person } from '../db/schema.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import { policyOf, type Scope } from '../organizations/scope.js';
import { enqueue, type NewMessage } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import type { Clock } from '../shared/clock.js';
import { groupBy } from '../shared/collections.js';
import type { WorkCalendar } from '../shared/days.js';
import { formatId } from '../shared/ids.js';
import { sendDigests } from './digest.js';
import {
  askMessage,
  dueTodayMessage,
  followUpMessage,
  type UnansweredItem,
  unansweredMessage,
} from './followups.messages.js';
import { answerDueAt } from './followups.policy.js';
import { claimDue, claimReminders, lockDue, moveOn } from './followups.repository.js';

/** A follow-up sent more than this after its time was missed while nothing ran, and says so. */
export const LATE_AFTER_MS = 15 * 60_000;
/** How many due rows one claim takes: each batch is one transaction. */
export const BATCH = 1000;

export interface TickResult {
  sent: number;
  late: number;
  unanswered: number;
  reminded: number;
  /** Recurring steps whose next occurrence was made. */
  renewed: number;
  /** Daily digests written (08:00 local, for members who asked for one). */
  digests: number;
}

/**
 * Fires everything whose time has come, across organizations, in batches. Each batch is one
 * transaction: rows are claimed, their messages written to the outbox with an idempotency
 * key, and the claim commits with them, so a crash loses nothing and repeats nothing.
 */
export async function tick(db: Db, clock: Clock, options: TickOptions = {}): Promise<TickResult> {
  const result: TickResult = { sent: 0, late: 0, unanswered: 0, reminded: 0, renewed: 0, digests: 0 };
  const more = (claimed: number) => claimed === BATCH && !options.signal?.aborted;
  for (;;) {
    const claimed = await inTransaction(db, (trx) => remindDue(trx, clock, options));
    result.reminded += claimed.reminded;
    if (!more(claimed.claimed)) break;
  }
  const links = { base: options.publicUrl ?? DEFAULT_PUBLIC_URL, key: await answerKey(db, clock) };
  for (;;) {
    if (options.signal?.aborted) return result;
    const claimed = await inTransaction(db, (trx) => sendDue(trx, clock, options, links));
    result.sent += claimed.claimed;
    result.late += claimed.late;
    if (!more(claimed.claimed)) break;
  }
  for (;;) {
    if (options.signal?.aborted) return result;
    const claimed = await inTransaction(db, (trx) => markUnanswered(trx, clock, options));
    result.unanswered += claimed;
    if (!more(claimed)) break;
  }
  if (options.signal?.aborted) return result;
  result.renewed = await renewDue(db, clock);
  if (!options.signal?.aborted) result.digests = await sendDigests(db, clock, links.base);
  return result;
}

export interface TickOptions {
  /** Stops between batches: the batch in hand commits, what is left waits for the next tick. */
  signal?: AbortSignal | undefined;
  /** For tests that show a failure between claiming and writing leaves nothing half done. */
  afterClaim?: (kind: 'reminder' | 'follow_up' | 'unanswered', rows: FollowUp[]) => void | Promise<void>;
  /** Where people reach the server: the follow-ups' answer links start with it (PUBLIC_URL). */
  publicUrl?: string | undefined;
}

/** How a batch signs the answer links of the follow-ups it sends. */
interface Links {
  base: string;
  key: Buffer;
}

async function sendDue(db: Db, clock: Clock, hooks: TickOptions, links: Links) {
  const now = clock.now();
  const nowIso = now.toISOString();
  const rows = await lockDue(db, 'fire_at', 'scheduled', nowIso, BATCH);
  await hooks.afterClaim?.('follow_up', rows);
  let late = 0;
  await eachOrganization(db, clock, rows, async (scope, group, loaded) => {
    const { commitments, withLinks, people } = loaded;
    const messages: NewMessage[] = [];
    const events: NewEvent[] = [];
    // Each row moves to "sent" once, with its answer window; rows sent together mostly share
    // it: one UPDATE per distinct stamp, claim and stamp in one write.
    const stamps = new Map<string, { late: number; answer_due_at: string | null; ids: number[] }>();
    const stamp = (id: number, isLate: boolean, answerDue: string | null) => {
      const key = `${isLate}|${answerDue}`;
      const entry = stamps.get(key) ?? { late: isLate ? 1 : 0, answer_due_at: answerDue, ids: [] };
      entry.ids.push(id);
      stamps.set(key, entry);
    };
    const deadline = answerDeadlines(scope.org, now, loaded.calendars);
    for (const f of group) {
      const c = commitments.get(f.commitment_id);
      const answerer = people.get(f.answerer_id);
      const isLate = now.getTime() - Date.parse(f.fire_at) > LATE_AFTER_MS;
      if (!c || !answerer) {
        stamp(f.id, isLate, null);
        continue;
      }
      if (isLate) late += 1;
      stamp(f.id, isLate, deadline(answerer));
      const token = answerToken(links.key, f.id, linksExpire(now));
      const text = askMessage({
        followUpId: f.id,
        links: answerLinks(links.base, token),
        commitment: c,
        owner: c.owner_id ? (people.get(c.owner_id) ?? null) : null,
        answerer,
        delegator: c.delegated_by_id ? (people.get(c.delegated_by_id) ?? null) : null,
        withPeople: (withLinks.get(c.id) ?? []).map((id) => people.get(id)).filter((p): p is Person => !!p),
        ask: f.ask,
        fireAt: f.fire_at,
        late: isLate,
        now,
      });
      messages.push(followUpMessage('follow_up', f, answerer, text, isLate));
      events.push({
        commitmentId: c.id,
        kind: 'follow_up_sent',
        data: { follow_up: formatId('follow_up', f.id), late: isLate },
      });
    }
    for (const { ids, ...values } of stamps.values()) {
      const moved = await moveOn(db, ids, 'scheduled', {
        status: 'sent',
        sent_at: nowIso,
        remind_at: null,
        ...values,
      });
      // Locked rows cannot change under us: anything else is a bug, and rolls the batch back.
      if (moved !== ids.length) throw new Error(`claimed ${ids.length} follow-ups but moved ${moved}`);
    }
    await recordEvents(db, scope, events, null);
    await enqueue(db, scope.org.id, nowIso, messages);
  });
  return { claimed: rows.length, late };
}

/**
 * Each answerer's deadline for a follow-up sent now: the same local time two working days
 * on, worked out once per zone (and once per person who has time away).
 */
function answerDeadlines(org: Organization, now: Date, calendars: Map<number, WorkCalendar>) {
  const policy = policyOf(org);
  const cache = new Map<string, string>();
  return (answerer: Person): string => {
    const calendar = calendars.get(answerer.id);
    const key = calendar?.away.length ? `${answerer.time_zone}|${answerer.id}` : answerer.time_zone;
    let due = cache.get(key);
    if (!due) {
      due = answerDueAt(now, answerer.time_zone, policy, calendar).toISOString();
      cache.set(key, due);
    }
    return due;
  };
}

async function markUnanswered(db: Db, clock: Clock, hooks: TickOptions): Promise<number> {
  const now = clock.now();
  const rows = await claimDue(db, 'answer_due_at', 'sent', 'unanswered', now.toISOString(), BATCH, {
    unanswered_at: now.toISOString(),
  });
  await hooks.afterClaim?.('unanswered', rows);
  await eachOrganization(db, clock, rows, async (scope, group, { commitments, people }) => {
    const events: NewEvent[] = [];
    const byHearer = new Map<number, { first: FollowUp; items: UnansweredItem[] }>();
    for (const f of group) {
      const c = commitments.get(f.commitment_id);
      const answerer = people.get(f.answerer_id);
      if (!c || !answerer) continue;
      events.push({
        commitmentId: c.id,
        kind: 'follow_up_unanswered',
        data: { follow_up: formatId('follow_up', f.id) },
      });
      if (f.hearer_id === null || !people.has(f.hearer_id)) continue;
      const notice = byHearer.get(f.hearer_id) ?? { first: f, items: [] };
      notice.items.push({ followUpId: f.id, commitment: c, answerer, sentAt: f.sent_at ?? f.fire_at });
      byHearer.set(f.hearer_id, notice);
    }
    // One message to each hearer for all of this batch's unanswered follow-ups.
    const messages = [...byHearer].map(([hearerId, { first, items }]) => {
      const hearer = people.get(hearerId) as Person;
      return {
        ...followUpMessage('unanswered', first, hearer, unansweredMessage(hearer, items, now)),
        commitment_id: items.length === 1 ? first.commitment_id : null,
      };
    });
    await recordEvents(db, scope, events, null);
    await enqueue(db, scope.org.id, now.toISOString(), messages);
  });
  return rows.length;
}

/**
 * The morning of the due date: one "due today" message to each answerer for their steps
 * still open and not yet due. A reminder whose moment passed while nothing ran is dropped
 * once the step is due: it would only be noise by then.
 */
async function remindDue(db: Db, clock: Clock, hooks: TickOptions) {
  const now = clock.now();
  const rows = await claimReminders(db, now.toISOString(), BATCH);
  await hooks.afterClaim?.('reminder', rows);
  let reminded = 0;
  await eachOrganization(db, clock, rows, async (scope, group, { commitments, people }) => {
    const byReader = new Map<
      number,
      { first: FollowUp; items: { commitment: TickCommitment; owner: Person | null }[] }
    >();
    for (const f of group) {
      const c = commitments.get(f.commitment_id);
      if (c?.status !== 'open' || !c.due_at || c.due_at <= now.toISOString()) continue;
      const notice = byReader.get(f.answerer_id) ?? { first: f, items: [] };
      notice.items.push({ commitment: c, owner: c.owner_id ? (people.get(c.owner_id) ?? null) : null });
      byReader.set(f.answerer_id, notice);
    }
    const messages: NewMessage[] = [];
    for (const [readerId, { first, items }] of byReader) {
      const reader = people.get(readerId);
      if (!reader) continue;
      reminded += items.length;
      messages.push({
        ...followUpMessage('due_today', first, reader, dueTodayMessage(reader, items, now)),
        commitment_id: items.length === 1 ? first.commitment_id : null,
      });
    }
    await enqueue(db, scope.org.id, now.toISOString(), messages);
  });
  return { claimed: rows.length, reminded };
}

/** The columns of a commitment the tick's messages and rules read. */
type TickCommitment = Pick<
  Commitment,
  'id' | 'what' | 'outcome' | 'due_date' | 'due_time' | 'due_at' | 'status' | 'owner_id' | 'delegated_by_id'
>;

function tickCommitments(db: Db, orgId: number, ids: number[]): Promise<TickCommitment[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('commitments')
    .select([
      'id',
      'what',
      'outcome',
      'due_date',
      'due_time',
      'due_at',
      'status',
      'owner_id',
      'delegated_by_id',
    ])
    .where(notIndexed(db, 'organization_id'), '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

interface Loaded {
  commitments: Map<number, TickCommitment>;
  withLinks: Map<number, number[]>;
  people: Map<number, Person>;
  calendars: Map<number, WorkCalendar>;
}

/** Groups claimed rows by organization and loads what their messages name, a few queries a group. */
async function eachOrganization(
  db: Db,
  clock: Clock,
  rows: FollowUp[],
  work: (scope: Scope, group: FollowUp[], loaded: Loaded) => Promise<void>,
): Promise<void> {
  for (const [orgId, group] of groupBy(rows, (f) => f.organization_id)) {
    const org = await getOrganization(db, orgId);
    const commitments = await tickCommitments(
      db,
      orgId,
      group.map((f) => f.commitment_id),
    );
    const withLinks = await peopleWith(
      db,
      orgId,
      commitments.map((c) => c.id),
    );
    const ids = [
      ...group.flatMap((f) => [f.answerer_id, f.hearer_id]),
      ...commitments.flatMap((c) => [c.owner_id, c.delegated_by_id, ...(withLinks.get(c.id) ?? [])]),
    ].filter((id): id is number => id !== null);
    const people = new Map((await getPeople(db, orgId, ids)).map((p) => [p.id, p]));
    const calendars = await loadCalendars(
      db,
      orgId,
      [...new Set(group.map((f) => f.answerer_id))],
      clock.now(),
    );
    await work({ db, clock, org, actor: null }, group, {
      commitments: new Map(commitments.map((c) => [c.id, c])),
      withLinks,
      people,
      calendars,
    });
  }
}
