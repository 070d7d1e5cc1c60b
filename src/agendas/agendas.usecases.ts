import {
  commitmentIdsOfMeetings,
  findCommitments,
  getCommitments,
  openCommitmentsWith,
} from '../commitments/commitments.repository.js';
import { loadViews } from '../commitments/commitments.views.js';
import type { Db } from '../db/database.js';
import type { Commitment, FollowUp, Meeting, Person, Plan, Series } from '../db/schema.js';
import { attendeesOf, findSeriesByPair, meetingsOfSeries } from '../meetings/meetings.repository.js';
import { pairKey } from '../meetings/meetings.rules.js';
import { planSeen } from '../meetings/meetings.usecases.js';
import { requireActor, type Scope, today } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { getPlan, openPlansOf } from '../plans/plans.repository.js';
import { accessOf, commitmentsSeen, mayActFor, seriesFor, visibleSql } from '../policy/policy.js';
import { invalid, notFound } from '../shared/errors.js';
import { type Agenda, buildAgenda } from './agendas.build.js';

const AGENDA_LIMIT = 500;
/** A series' first meeting shows the answers of the two weeks before it. */
export const FIRST_MEETING_LOOKBACK_DAYS = 14;

const lookbackFrom = (instant: string): string =>
  new Date(Date.parse(instant) - FIRST_MEETING_LOOKBACK_DAYS * 86_400_000).toISOString();

/** What an agenda is for: a series of meetings, a plan under review, or both. */
export interface AgendaSubject {
  series: Series | null;
  plan: Plan | null;
}

export interface AgendaResult extends AgendaSubject {
  title: string;
  previous: Meeting | null;
  agenda: Agenda;
}

/** The series named by id (one whose agenda the scope may read), or the acting person's 1:1 series with someone. */
export async function findSeries(scope: Scope, ref: { series?: string; with?: string }): Promise<Series> {
  if (ref.series) return seriesFor(scope, ref.series);
  if (!ref.with)
    throw invalid(
      'missing_series',
      'Say which agenda: --series ID, --with EMAIL for your 1:1 with them, or --plan ID for a review.',
    );
  const actor = requireActor(scope);
  const other = await resolvePerson(scope, ref.with, { preferMembers: true });
  const series = await findSeriesByPair(scope.db, scope.org.id, pairKey(actor.id, other.id));
  if (!series) {
    throw notFound(
      'series',
      `with ${other.name}`,
      `Start your first 1:1: ft meeting start --kind one_on_one --with ${other.email}`,
    );
  }
  return series;
}

/** An agenda by the command's options: a series, a 1:1 partner, or a plan. */
export async function findAgendaSubject(
  scope: Scope,
  ref: { series?: string; with?: string; plan?: string },
): Promise<AgendaSubject> {
  const plan = ref.plan ? await planSeen(scope, ref.plan) : null;
  const series = ref.series || ref.with || !plan ? await findSeries(scope, ref) : null;
  return { series, plan };
}

/**
 * The agenda of the next meeting (or of `current`, just started): pending items first.
 *
 * - A 1:1 lists every open commitment of the other person, wherever it came from, and what
 *   is still open from earlier meetings of the series; the answers they gave since the last
 *   1:1; their plans' open steps, and the plans with no next step at all.
 * - A review of a plan (a deal or account review) lists the commitments tied to the plan or
 *   made by or with its customer's contacts, not unrelated ones.
 * - Any other series lists what is still open from its earlier meetings.
 *
 * A signed-in member sees, of all this, the commitments the policy lets them see.
 */
export async function agendaFor(
  scope: Scope,
  subject: AgendaSubject,
  current: Meeting | null = null,
): Promise<AgendaResult> {
  const { db } = scope;
  const org = scope.org.id;
  const meetings = subject.series
    ? (await meetingsOfSeries(db, org, subject.series.id)).filter(
        (m) => m.id !== current?.id && (!current || m.starts_at <= current.starts_at),
      )
    : [];
  const earlierIds = meetings.map((m) => m.id);
  const previous = meetings.at(-1) ?? null;
  const planId = subject.plan?.id ?? current?.plan_id ?? null;
  const plan = planId ? ((await getPlan(db, org, planId)) ?? null) : await planOfSeries(db, org, meetings);
  const attendeeIds = [
    ...new Set(
      [...(await attendeesOf(db, org, [...earlierIds, ...(current ? [current.id] : [])])).values()].flat(),
    ),
  ];
  const me = current?.author_id ?? scope.actor?.id;
  const counterparts = attendeeIds.filter((id) => id !== me);
  const oneOnOne = (subject.series?.kind ?? current?.kind) === 'one_on_one';
  const access = await accessOf(scope);
  const visible = visibleSql(access);
  const conditions = visible ? [visible] : [];

  const pendingIds = new Set<number>();
  const pending: Commitment[] = [];
  const add = (rows: Commitment[]) => {
    for (const c of rows) {
      if (pendingIds.has(c.id)) continue;
      pendingIds.add(c.id);
      pending.push(c);
    }
  };
  add(
    await findCommitments(db, org, {
      meetingIds: earlierIds,
      statuses: ['open'],
      conditions,
      limit: AGENDA_LIMIT,
    }),
  );
  if (oneOnOne) {
    add(
      await findCommitments(db, org, {
        ownerIds: counterparts,
        statuses: ['open'],
        conditions,
        limit: AGENDA_LIMIT,
      }),
    );
  }
  let contacts: Person[] = [];
  if (plan) {
    add(
      await findCommitments(db, org, {
        planIds: [plan.id],
        statuses: ['open'],
        conditions,
        limit: AGENDA_LIMIT,
      }),
    );
    contacts = await customerContacts(db, org, plan, attendeeIds);
    const contactIds = contacts.map((p) => p.id);
    add(
      await findCommitments(db, org, {
        ownerIds: contactIds,
        statuses: ['open'],
        conditions,
        limit: AGENDA_LIMIT,
      }),
    );
    const withContacts = await openCommitmentsWith(db, org, contactIds, AGENDA_LIMIT);
    const seen = await commitmentsSeen(
      scope,
      access,
      withContacts.map((c) => c.id),
    );
    add(withContacts.filter((c) => seen.has(c.id)));
  }

  const since = previous?.starts_at ?? lookbackFrom(current?.starts_at ?? scope.clock.now().toISOString());
  const answers = await answeredSince(db, org, since, {
    meetingIds: earlierIds,
    answererIds: oneOnOne ? counterparts : [],
    commitmentIds: plan ? [...pendingIds] : [],
  });
  const answeredSeen = await commitmentsSeen(
    scope,
    access,
    answers.map((f) => f.commitment_id),
  );
  const answered = answers.filter((f) => answeredSeen.has(f.commitment_id));
  const answeredCommitments = new Map(
    (
      await getCommitments(
        db,
        org,
        answered.flatMap((f) => [f.commitment_id, f.next_commitment_id ?? f.commitment_id]),
      )
    ).map((c) => [c.id, c]),
  );
  const answerers = new Map(
    (
      await getPeople(
        db,
        org,
        answered.map((f) => f.answerer_id),
      )
    ).map((p) => [p.id, p]),
  );
  // The plans to look at: the person's in a 1:1, the plan under review otherwise.
  const plans = plan
    ? [plan]
    : oneOnOne
      ? (await openPlansOf(db, org, counterparts)).filter((p) => mayActFor(access, p.owner_id))
      : [];
  const planItems = await findCommitments(db, org, {
    planIds: plans.map((p) => p.id),
    statuses: ['open'],
    conditions,
    limit: AGENDA_LIMIT,
  });
  const withSteps = new Set(planItems.map((c) => c.plan_id));

  const agenda = buildAgenda({
    pending: await loadViews(scope, pending),
    answered: answered.flatMap((f) => {
      const commitment = answeredCommitments.get(f.commitment_id);
      if (!commitment) return [];
      const next = f.next_commitment_id ? (answeredCommitments.get(f.next_commitment_id) ?? null) : null;
      return [{ followUp: f, commitment, answerer: answerers.get(f.answerer_id) ?? null, next }];
    }),
    planItems: await loadViews(scope, planItems),
    plansWithoutSteps: plans.filter((p) => !withSteps.has(p.id)),
    today: today(scope),
  });
  const title = subject.series?.name ?? (plan ? `Review of ${plan.name}` : 'Agenda');
  return { title, series: subject.series, plan, previous, agenda };
}

/** The plan a series of reviews is about: the latest one a meeting of it named. */
async function planOfSeries(db: Db, orgId: number, meetings: Meeting[]): Promise<Plan | null> {
  const planId = [...meetings].reverse().find((m) => m.plan_id !== null)?.plan_id;
  return planId ? ((await getPlan(db, orgId, planId)) ?? null) : null;
}

/** A plan's customer: the contacts at its company, and the contacts in the meetings about it. */
async function customerContacts(db: Db, orgId: number, plan: Plan, attendeeIds: number[]): Promise<Person[]> {
  const attending = (await getPeople(db, orgId, attendeeIds)).filter((p) => p.kind === 'contact');
  const company = plan.company
    ? await db
        .selectFrom('people')
        .selectAll()
        .where('organization_id', '=', orgId)
        .where('kind', '=', 'contact')
        .where((eb) => eb(eb.fn('lower', ['company']), '=', (plan.company as string).toLowerCase()))
        .execute()
    : [];
  return [...new Map([...attending, ...company].map((p) => [p.id, p])).values()];
}

/**
 * Follow-ups answered since a time: on the series' commitments, by the other person of a
 * 1:1, or on the commitments a review lists. A few index-backed queries, merged.
 */
async function answeredSince(
  db: Db,
  orgId: number,
  since: string,
  on: { meetingIds: number[]; answererIds: number[]; commitmentIds: number[] },
): Promise<FollowUp[]> {
  const commitmentIds = [...(await commitmentIdsOfMeetings(db, orgId, on.meetingIds)), ...on.commitmentIds];
  const [onCommitments, byAnswerers] = await Promise.all([
    commitmentIds.length === 0
      ? []
      : db
          .selectFrom('follow_ups')
          .selectAll()
          .where('organization_id', '=', orgId)
          .where('commitment_id', 'in', [...new Set(commitmentIds)].slice(0, 5000))
          .where('status', '=', 'answered')
          .where('answered_at', '>=', since)
          .limit(AGENDA_LIMIT)
          .execute(),
    on.answererIds.length === 0
      ? []
      : db
          .selectFrom('follow_ups')
          .selectAll()
          .where('organization_id', '=', orgId)
          .where('answerer_id', 'in', on.answererIds)
          .where('status', '=', 'answered')
          .where('answered_at', '>=', since)
          .limit(AGENDA_LIMIT)
          .execute(),
  ]);
  const unique = new Map([...onCommitments, ...byAnswerers].map((f) => [f.id, f]));
  return [...unique.values()]
    .sort((a, b) => (a.answered_at ?? '').localeCompare(b.answered_at ?? '') || a.id - b.id)
    .slice(0, AGENDA_LIMIT);
}
