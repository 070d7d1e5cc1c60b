import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LimboReason, StallReason } from '../commitments/commitments.rules.js';
import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Commitment, FollowUp, FollowUpStatus } from '../db/schema.js';
import { type AnsweredItem, buildAgenda } from './agendas.build.js';

const today = '2026-11-30';

function commitment(id: number, dueDate: string | null, extra: Partial<Commitment> = {}): Commitment {
  return {
    id,
    organization_id: 1,
    what: `Item ${id}`,
    owner_id: 2,
    outcome: 'Signed order form',
    due_date: dueDate,
    due_time: null,
    due_at: dueDate ? `${dueDate}T23:59:59.999Z` : null,
    vague_due: null,
    status: 'open',
    source: 'meeting',
    meeting_id: 1,
    plan_id: null,
    delegated_by_id: 1,
    created_by_id: 1,
    needs: null,
    follows_id: null,
    renegotiations: 0,
    created_at: '2026-11-01T12:00:00.000Z',
    last_activity_at: '2026-11-25T12:00:00.000Z',
    closed_at: null,
    done_on: null,
    visibility: 'internal',
    note_line_id: null,
    answered_not_done: 0,
    agreed_at: '2026-11-01T12:00:00.000Z',
    proposal: null,
    help_asked: null,
    agreement_answered_at: null,
    every: null,
    repeats_id: null,
    renewed_at: null,
    ...extra,
  };
}

function followUp(commitmentId: number, status: FollowUpStatus, extra: Partial<FollowUp> = {}): FollowUp {
  return {
    id: commitmentId * 10,
    organization_id: 1,
    commitment_id: commitmentId,
    status,
    fire_at: '2026-11-23T14:00:00.000Z',
    answerer_id: 2,
    hearer_id: 1,
    ask: null,
    sent_at: status === 'scheduled' ? null : '2026-11-23T14:00:00.000Z',
    late: 0,
    answer_due_at: '2026-11-25T14:00:00.000Z',
    unanswered_at: null,
    remind_at: null,
    answered_at: null,
    outcome: null,
    happened: null,
    learned: null,
    next_commitment_id: null,
    created_at: '2026-11-20T12:00:00.000Z',
    ...extra,
  };
}

interface ViewOptions {
  overdue?: boolean;
  stalled?: StallReason[];
  limbo?: LimboReason[];
  followUp?: FollowUp | null;
}

function view(c: Commitment, options: ViewOptions = {}): CommitmentView {
  return {
    commitment: c,
    owner: null,
    delegatedBy: null,
    with: [],
    prerequisiteIds: [],
    followUp: options.followUp ?? null,
    overdue: options.overdue ?? false,
    stalled: options.stalled ?? [],
    limbo: options.limbo ?? [],
    every: null,
  };
}

const ids = (items: { view: CommitmentView }[]): number[] => items.map((i) => i.view.commitment.id);

const agendaOf = (
  pending: CommitmentView[],
  planItems: CommitmentView[] = [],
  answered: AnsweredItem[] = [],
) => buildAgenda({ pending, answered, planItems, today });

describe('buildAgenda: pending items', () => {
  const plainLater = view(commitment(1, '2026-12-05'));
  const undated = view(commitment(2, null), { limbo: ['due'] });
  const overdue = view(commitment(3, '2026-11-25'), { overdue: true });
  const renegotiated = view(commitment(4, '2026-12-03'), { stalled: ['renegotiated'] });
  const followUpUnanswered = view(commitment(5, '2026-11-27'), {
    overdue: true,
    followUp: followUp(5, 'unanswered'),
  });
  const stalledUnanswered = view(commitment(6, '2026-11-20'), {
    overdue: true,
    stalled: ['unanswered'],
    followUp: followUp(6, 'sent'),
  });
  const plainSooner = view(commitment(7, '2026-12-01'));

  const agenda = agendaOf([
    plainLater,
    undated,
    overdue,
    renegotiated,
    followUpUnanswered,
    stalledUnanswered,
    plainSooner,
  ]);

  it('puts items whose follow-up is unanswered first, then overdue or stalled, then the rest', () => {
    assert.deepEqual(ids(agenda.pending), [6, 5, 3, 4, 7, 1, 2]);
  });

  it('orders each group by due date, with undated items last', () => {
    const rest = agendaOf([undated, plainLater, plainSooner]);
    assert.deepEqual(ids(rest.pending), [7, 1, 2]);
  });

  it('keeps items due at the same instant in the order they were created', () => {
    const sameDay = agendaOf([view(commitment(9, '2026-12-01')), view(commitment(8, '2026-12-01'))]);
    assert.deepEqual(ids(sameDay.pending), [8, 9]);
  });

  it('does not reorder the list it was given', () => {
    const input = [plainLater, overdue];
    buildAgenda({ pending: input, answered: [], planItems: [], today });
    assert.deepEqual(
      input.map((v) => v.commitment.id),
      [1, 3],
    );
  });
});

describe('buildAgenda: flags', () => {
  const flagsOf = (v: CommitmentView): string[] => agendaOf([v]).pending[0]?.flags ?? [];

  it('flags an unanswered follow-up and how many days the item is overdue', () => {
    const v = view(commitment(5, '2026-11-27'), { overdue: true, followUp: followUp(5, 'unanswered') });
    assert.deepEqual(flagsOf(v), ['follow-up unanswered', 'overdue 3 days']);
  });

  it('says "follow-up unanswered" once when the item is also stalled for it', () => {
    const v = view(commitment(6, '2026-11-20'), {
      overdue: true,
      stalled: ['unanswered'],
      followUp: followUp(6, 'unanswered'),
    });
    assert.deepEqual(flagsOf(v), ['overdue 10 days', 'stalled: overdue, follow-up unanswered']);
  });

  it('says "overdue 1 day" in the singular', () => {
    assert.deepEqual(flagsOf(view(commitment(3, '2026-11-29'), { overdue: true })), ['overdue 1 day']);
  });

  it('says just "overdue" for an item whose due time today has passed', () => {
    assert.deepEqual(flagsOf(view(commitment(3, today), { overdue: true })), ['overdue']);
  });

  it('names every stall reason', () => {
    const v = view(commitment(4, '2026-12-03'), { stalled: ['not_done', 'renegotiated', 'inactive'] });
    assert.deepEqual(flagsOf(v), [
      'stalled: reported not done, no next step',
      'stalled: due date moved twice or more',
      'stalled: no activity for 14 days',
    ]);
  });

  it('says what an item in limbo lacks', () => {
    const v = view(commitment(2, null, { owner_id: null, outcome: null }), {
      limbo: ['owner', 'due', 'outcome'],
    });
    assert.deepEqual(flagsOf(v), ['limbo: no owner, no due, no outcome']);
  });

  it('flags nothing on an item that is on track', () => {
    assert.deepEqual(flagsOf(view(commitment(1, '2026-12-05'), { followUp: followUp(1, 'scheduled') })), []);
  });
});

describe('buildAgenda: plan items', () => {
  it('does not repeat a plan item that is already pending', () => {
    const shared = view(commitment(1, '2026-12-05'));
    const agenda = agendaOf([shared], [shared, view(commitment(11, '2026-12-02'))]);
    assert.deepEqual(ids(agenda.pending), [1]);
    assert.deepEqual(ids(agenda.plans), [11]);
  });

  it('orders plan items by due date, undated last, with their flags', () => {
    const agenda = agendaOf(
      [],
      [
        view(commitment(12, null), { limbo: ['due'] }),
        view(commitment(13, '2026-12-10')),
        view(commitment(14, '2026-11-28'), { overdue: true }),
      ],
    );
    assert.deepEqual(ids(agenda.plans), [14, 13, 12]);
    assert.deepEqual(
      agenda.plans.map((p) => p.flags),
      [['overdue 2 days'], [], ['limbo: no due']],
    );
  });
});

describe('buildAgenda: answered follow-ups', () => {
  const answered = (id: number, answeredAt: string): AnsweredItem => ({
    followUp: followUp(id, 'answered', { answered_at: answeredAt, outcome: 'done' }),
    commitment: commitment(id, '2026-11-20', { status: 'done' }),
    answerer: null,
    next: null,
  });

  it('lists answers in the order they came in', () => {
    const agenda = agendaOf(
      [],
      [],
      [
        answered(21, '2026-11-27T09:00:00.000Z'),
        answered(22, '2026-11-24T09:00:00.000Z'),
        answered(23, '2026-11-25T16:30:00.000Z'),
      ],
    );
    assert.deepEqual(
      agenda.answered.map((a) => a.commitment.id),
      [22, 23, 21],
    );
  });
});
