import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coach } from '../coach/coach.classify.js';
import type { Commitment, FollowUp } from '../db/schema.js';
import { answererFor, hearerFor, isBuyBack, limboReasons, stallReasons } from './commitments.rules.js';

const _zone = 'America/New_York';
const DAY_MS = 86_400_000;
const msBefore = (instant: string, ms = 1): Date => new Date(Date.parse(instant) - ms);

describe('limboReasons', () => {
  it('finds nothing missing on a real next step', () => {
    assert.deepEqual(limboReasons({ owner_id: 2, due_date: '2026-11-27', outcome: 'Signed order form' }), []);
  });

  it('lists a missing owner, date and outcome', () => {
    assert.deepEqual(limboReasons({ owner_id: null, due_date: null, outcome: null }), [
      'owner',
      'due',
      'outcome',
    ]);
  });

  it('treats a blank outcome as no outcome', () => {
    assert.deepEqual(limboReasons({ owner_id: 2, due_date: '2026-11-27', outcome: '   ' }), ['outcome']);
  });
});

type StallCommitment = Pick<Commitment, 'status' | 'due_at' | 'renegotiations' | 'last_activity_at'>;
type StallFollowUp = Pick<
  FollowUp,
  'status' | 'fire_at' | 'sent_at' | 'answer_due_at' | 'outcome' | 'next_commitment_id'
>;

/** Due Thursday 2026-11-26 (end of day in New York), active recently, never renegotiated. */
const dueThursday = (extra: Partial<StallCommitment> = {}): StallCommitment => ({
  status: 'open',
  due_at: '2026-11-27T04:59:59.999Z',
  renegotiations: 0,
  last_activity_at: '2026-11-26T15:00:00.000Z',
  ...extra,
});

/** Its follow-up, sent Friday 09:00 New York time; the answer is due Tuesday 09:00. */
const sentFriday = (extra: Partial<StallFollowUp> = {}): StallFollowUp => ({
  status: 'sent',
  fire_at: '2026-11-27T14:00:00.000Z',
  sent_at: '2026-11-27T14:00:00.000Z',
  answer_due_at: '2026-12-01T14:00:00.000Z',
  outcome: null,
  next_commitment_id: null,
  ...extra,
});

const stalled = (c: StallCommitment, f: StallFollowUp | null, now: Date | string) =>
  stallReasons(c, f, typeof now === 'string' ? new Date(now) : now);

describe('stallReasons: overdue with the follow-up unanswered', () => {
  const windowEnds = '2026-12-01T14:00:00.000Z';

  it('stalls once the answer window has passed', () => {
    assert.deepEqual(stalled(dueThursday(), sentFriday(), windowEnds), ['unanswered']);
  });

  it('does not stall a millisecond before the answer window ends', () => {
    assert.deepEqual(stalled(dueThursday(), sentFriday(), msBefore(windowEnds)), []);
  });

  it('does not stall on a follow-up that has not gone out yet', () => {
    const f = sentFriday({ status: 'scheduled', answer_due_at: null });
    assert.deepEqual(stalled(dueThursday(), f, '2026-12-03T14:00:00.000Z'), []);
  });

  it('counts a follow-up the system already marked unanswered', () => {
    assert.deepEqual(stalled(dueThursday(), sentFriday({ status: 'unanswered' }), windowEnds), [
      'unanswered',
    ]);
  });

  it('does not stall an answered or cancelled follow-up', () => {
    const answered = sentFriday({ status: 'answered', outcome: 'partly' });
    assert.deepEqual(stalled(dueThursday(), answered, '2026-12-03T14:00:00.000Z'), []);
    const cancelled = sentFriday({ status: 'cancelled' });
    assert.deepEqual(stalled(dueThursday(), cancelled, '2026-12-03T14:00:00.000Z'), []);
  });

  it('does not stall a commitment that is not overdue any more', () => {
    const moved = dueThursday({ due_at: '2026-12-05T04:59:59.999Z' });
    assert.deepEqual(stalled(moved, sentFriday(), '2026-12-02T14:00:00.000Z'), []);
  });

  it('ignores closed commitments entirely', () => {
    const closed = dueThursday({
      status: 'done',
      renegotiations: 3,
      last_activity_at: '2026-10-01T00:00:00.000Z',
    });
    assert.deepEqual(stalled(closed, sentFriday(), '2026-12-03T14:00:00.000Z'), []);
  });
});

describe('stallReasons: reported not done', () => {
  const now = '2026-11-30T15:00:00.000Z';

  it('stalls when the answer is "not done" and no next step was agreed', () => {
    const f = sentFriday({ status: 'answered', outcome: 'not_done' });
    assert.deepEqual(stalled(dueThursday(), f, now), ['not_done']);
  });

  it('does not stall when a next step was agreed', () => {
    const f = sentFriday({ status: 'answered', outcome: 'not_done', next_commitment_id: 42 });
    assert.deepEqual(stalled(dueThursday(), f, now), []);
  });

  it('does not stall when the answer is "partly" or "done"', () => {
    assert.deepEqual(stalled(dueThursday(), sentFriday({ status: 'answered', outcome: 'partly' }), now), []);
    assert.deepEqual(stalled(dueThursday(), sentFriday({ status: 'answered', outcome: 'done' }), now), []);
  });
});

describe('stallReasons: renegotiated', () => {
  const now = '2026-11-25T15:00:00.000Z';

  it('stalls when the due date was moved twice', () => {
    assert.deepEqual(stalled(dueThursday({ renegotiations: 2 }), null, now), ['renegotiated']);
    assert.deepEqual(stalled(dueThursday({ renegotiations: 5 }), null, now), ['renegotiated']);
  });

  it('does not stall when the due date was moved once', () => {
    assert.deepEqual(stalled(dueThursday({ renegotiations: 1 }), null, now), []);
  });
});

describe('stallReasons: no activity', () => {
  const lastActivity = '2026-11-10T15:00:00.000Z';
  const fourteenDaysLater = new Date(Date.parse(lastActivity) + 14 * DAY_MS).toISOString();
  const openUndated = (): StallCommitment => dueThursday({ due_at: null, last_activity_at: lastActivity });

  it('stalls after 14 days without activity', () => {
    assert.equal(fourteenDaysLater, '2026-11-24T15:00:00.000Z');
    assert.deepEqual(stalled(openUndated(), null, fourteenDaysLater), ['inactive']);
  });

  it('does not stall a millisecond before 14 days have passed', () => {
    assert.deepEqual(stalled(openUndated(), null, msBefore(fourteenDaysLater)), []);
  });
});

describe('stallReasons: several at once', () => {
  it('lists every reason that applies, in a stable order', () => {
    const c = dueThursday({ renegotiations: 2, last_activity_at: '2026-11-10T15:00:00.000Z' });
    assert.deepEqual(stalled(c, sentFriday(), '2026-12-01T14:00:00.000Z'), [
      'unanswered',
      'renegotiated',
      'inactive',
    ]);
  });
});

describe('isBuyBack', () => {
  const manager = { id: 1, manager_id: null };
  const seller = { id: 2, manager_id: 1 };
  const peer = { id: 3, manager_id: 1 };
  const delegator = { id: 4, manager_id: null };

  it("is a buy-back when a report's task goes to their manager", () => {
    assert.equal(isBuyBack(seller, manager, null, null), true);
  });

  it('is a buy-back when the task goes back to whoever delegated it', () => {
    assert.equal(isBuyBack(seller, delegator, delegator.id, null), true);
  });

  it('is a buy-back when the coach reads the reason as taking it back, even to a peer', () => {
    assert.equal(isBuyBack(seller, peer, manager.id, coach('Leave it with me for now').label), true);
  });

  it('recognises the other ways of keeping a task', () => {
    for (const reason of [
      "I'll look at it",
      'ill take it',
      'let me handle it',
      "I'll deal with it tomorrow",
    ]) {
      assert.equal(isBuyBack(seller, peer, null, coach(reason).label), true, reason);
    }
  });

  it('is not a buy-back when the task goes to a peer', () => {
    assert.equal(isBuyBack(seller, peer, manager.id, null), false);
    assert.equal(isBuyBack(seller, peer, manager.id, coach('Sam knows the account better').label), false);
  });

  it('is not a buy-back when the task had no owner or stays with the same person', () => {
    assert.equal(isBuyBack(null, manager, manager.id, 'buy_back'), false);
    assert.equal(isBuyBack(seller, seller, manager.id, 'buy_back'), false);
  });
});

describe('answererFor', () => {
  it('asks the owner to answer their own commitment', () => {
    assert.equal(answererFor({ id: 2, kind: 'member' }, 1), 2);
  });

  it("asks the member who made a customer's commitment with them, not the customer", () => {
    assert.equal(answererFor({ id: 9, kind: 'contact' }, 2), 2);
  });
});

describe('hearerFor', () => {
  const seller = { id: 2, kind: 'member' as const, manager_id: 1, partner_id: 5 };

  it('tells whoever delegated the commitment', () => {
    assert.equal(hearerFor(seller, 4, [1, 2]), 4);
  });

  it("tells the owner's manager about a commitment to oneself made in a meeting with them", () => {
    assert.equal(hearerFor(seller, null, [1, 2]), 1);
    assert.equal(hearerFor(seller, seller.id, [1, 2]), 1);
  });

  it('tells the accountability partner when the manager was not in the meeting', () => {
    assert.equal(hearerFor(seller, null, [2, 7]), 5);
    assert.equal(hearerFor(seller, seller.id, []), 5);
  });

  it('tells nobody when there is no delegator, manager in the room or partner', () => {
    assert.equal(hearerFor({ ...seller, partner_id: null }, null, [2]), null);
  });

  it("tells nobody through the customer on a customer's commitment", () => {
    assert.equal(hearerFor({ id: 9, kind: 'contact', manager_id: null, partner_id: null }, 2, [2, 9]), null);
  });
});
