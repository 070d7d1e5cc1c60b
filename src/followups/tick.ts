import { type NewEvent, recordEvents } from '../commitments/commitments.events.js';
import { getCommitments, peopleWith } from '../commitments/commitments.repository.js';
import { type Db, inTransaction } from '../db/database.js';
import type { Commitment, FollowUp, Person } from '../db/schema.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import { policyOf, type Scope } from '../organizations/scope.js';
import { enqueue, type NewMessage } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import type { Clock } from '../shared/clock.js';
import { groupBy } from '../shared/collections.js';
import { formatId } from '../shared/ids.js';
import { askMessage, followUpMessage, unansweredMessage } from './followups.messages.js';
import { answerDueAt } from './followups.policy.js';
import { claimDue, updateFollowUps } from './followups.repository.js';

/** A follow-up sent more than this after its time was missed while nothing ran, and says so. */
export const LATE_AFTER_MS = 15 * 60_000;
const BATCH = 500;

export interface TickResult {
  sent: number;
  late: number;
  unanswered: number;
}

/**
 * Fires everything whose time has come, across organizations, in batches. Each batch is one
 * transaction: rows are claimed, their messages written to the outbox with an idempotency
 * key, and the claim commits with them, so a crash loses nothing and repeats nothing.
 */
export async function tick(db: Db, clock: Clock): Promise<TickResult> {
  const result: TickResult = { sent: 0, late: 0, unanswered: 0 };
  for (;;) {
    const claimed = await inTransaction(db, (trx) => sendDue(trx, clock));
    result.sent += claimed.sent;
    result.late += claimed.late;
    if (claimed.claimed < BATCH) break;
  }
  for (;;) {
    const claimed = await inTransaction(db, (trx) => markUnanswered(trx, clock));
    result.unanswered += claimed;
    if (claimed < BATCH) break;
  }
  return result;
}

async function sendDue(db: Db, clock: Clock) {
  const now = clock.now();
  const rows = await claimDue(db, 'fire_at', 'scheduled', 'sent', now.toISOString(), BATCH, {
    sent_at: now.toISOString(),
  });
  let late = 0;
  await eachOrganization(db, clock, rows, async (scope, group, { commitments, withLinks, people }) => {
    const messages: NewMessage[] = [];
    const events: NewEvent[] = [];
    // Rows sent together mostly share their answer window: one UPDATE per distinct stamp.
    const stamps = new Map<string, { late: number; answer_due_at: string; ids: number[] }>();
    for (const f of group) {
      const c = commitments.get(f.commitment_id);
      const answerer = people.get(f.answerer_id);
      if (!c || !answerer) continue;
      const isLate = now.getTime() - new Date(f.fire_at).getTime() > LATE_AFTER_MS;
      if (isLate) late += 1;
      const answerDue = answerDueAt(now, answerer.time_zone, policyOf(scope.org)).toISOString();
      const key = `${isLate}|${answerDue}`;
      const stamp = stamps.get(key) ?? { late: isLate ? 1 : 0, answer_due_at: answerDue, ids: [] };
      stamp.ids.push(f.id);
      stamps.set(key, stamp);
      const text = askMessage({
        followUpId: f.id,
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
    for (const { ids, ...stamp } of stamps.values()) await updateFollowUps(db, ids, stamp);
    await recordEvents(db, scope, events, null);
    await enqueue(db, scope.org.id, now.toISOString(), messages);
  });
  return { claimed: rows.length, sent: rows.length, late };
}

async function markUnanswered(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await claimDue(db, 'answer_due_at', 'sent', 'unanswered', now.toISOString(), BATCH, {
    unanswered_at: now.toISOString(),
  });
  await eachOrganization(db, clock, rows, async (scope, group, { commitments, people }) => {
    const messages: NewMessage[] = [];
    const events: NewEvent[] = [];
    for (const f of group) {
      const c = commitments.get(f.commitment_id);
      const answerer = people.get(f.answerer_id);
      const hearer = f.hearer_id ? people.get(f.hearer_id) : undefined;
      if (!c || !answerer) continue;
      events.push({
        commitmentId: c.id,
        kind: 'follow_up_unanswered',
        data: { follow_up: formatId('follow_up', f.id) },
      });
      if (!hearer) continue;
      const text = unansweredMessage({
        followUpId: f.id,
        commitment: c,
        answerer,
        hearer,
        sentAt: f.sent_at ?? f.fire_at,
        now,
      });
      messages.push(followUpMessage('unanswered', f, hearer, text));
    }
    await recordEvents(db, scope, events, null);
    await enqueue(db, scope.org.id, now.toISOString(), messages);
  });
  return rows.length;
}

interface Loaded {
  commitments: Map<number, Commitment>;
  withLinks: Map<number, number[]>;
  people: Map<number, Person>;
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
    const commitments = await getCommitments(
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
    await work({ db, clock, org, actor: null }, group, {
      commitments: new Map(commitments.map((c) => [c.id, c])),
      withLinks,
      people,
    });
  }
}
