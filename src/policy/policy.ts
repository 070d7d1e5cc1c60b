import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { getCommitmentOrFail } from '../commitments/commitments.repository.js';
import type { Commitment, Meeting, NoteLine, Person, Plan, Series } from '../db/schema.js';
import { attendeesOf, getMeeting, getSeries, peopleOfSeries } from '../meetings/meetings.repository.js';
import type { Scope } from '../organizations/scope.js';
import { managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { getPlan } from '../plans/plans.repository.js';
import { AppError, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';

/**
 * Who may see and do what: decided here, and only here, for the command line, the API and the
 * web pages alike.
 *
 * A member signed in to the server sees their own commitments and those of everyone below
 * them in the reporting line (any depth), the ones they or those below them asked for or
 * agreed (a customer's steps among them), the ones they are named with (the counterpart), the
 * ones of the people they are the accountability partner of, and those of the meetings they
 * attended. They change their own, those below them, and the ones they or those below them
 * asked for or agreed. An admin sees and changes everything in the organization. Nobody
 * sees anything of another organization: what is not theirs to see is "not found", as if it
 * did not exist. The command line working on its own data, without a server, sees everything:
 * whoever can open the data can read all of it.
 */
export type Access =
  | { everything: true }
  | {
      everything: false;
      me: number;
      /** The member and everyone below them in the reporting line. */
      mine: number[];
      /** The people whose accountability partner the member is. */
      partnerOf: number[];
    };

const EVERYTHING: Access = { everything: true };

export async function accessOf(scope: Scope): Promise<Access> {
  const actor = scope.actor;
  if (!scope.bySession) return EVERYTHING;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first.', 401);
  if (actor.role === 'admin') return EVERYTHING;
  const links = await managerLinks(scope.db, scope.org.id);
  const partners = await scope.db
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', scope.org.id)
    .where('partner_id', '=', actor.id)
    .execute();
  return {
    everything: false,
    me: actor.id,
    mine: [actor.id, ...reportsOf(actor.id, links)],
    partnerOf: partners.map((p) => p.id),
  };
}

/** The commitments (aliased `c`) the access lets one see, as SQL; null when that is all of them. */
export function visibleSql(access: Access): RawBuilder<SqlBool> | null {
  if (access.everything) return null;
  const owners = [...access.mine, ...access.partnerOf];
  const mine = sql.join(access.mine);
  return sql<SqlBool>`(c.owner_id in (${sql.join(owners)})
    or c.delegated_by_id in (${mine}) or c.created_by_id in (${mine})
    or exists (select 1 from commitment_people p
      where p.organization_id = c.organization_id and p.commitment_id = c.id and p.person_id = ${access.me})
    or exists (select 1 from meeting_attendees a
      where a.organization_id = c.organization_id and a.meeting_id = c.meeting_id and a.person_id = ${access.me}))`;
}

/**
 * Whether the access may change this commitment: its owner, whoever asked for it or agreed it
 * (for a customer's step, the member responsible for it), and anyone above them.
 */
export function mayChange(
  access: Access,
  c: Pick<Commitment, 'owner_id' | 'delegated_by_id' | 'created_by_id'>,
): boolean {
  if (access.everything) return true;
  return [c.owner_id, c.delegated_by_id, c.created_by_id].some(
    (id) => id !== null && access.mine.includes(id),
  );
}

/** Whether the access may give a step to this person: themselves, someone below them, or a customer contact. */
export function mayAssignTo(access: Access, owner: Pick<Person, 'id' | 'kind'>): boolean {
  return owner.kind === 'contact' || mayActFor(access, owner.id);
}

/**
 * The commitment a reference names, when the scope may see it (otherwise "not found", the same
 * answer as for one that does not exist) and, to change it, may change it (otherwise 403).
 */
export async function commitmentFor(
  scope: Scope,
  ref: string,
  action: 'read' | 'change',
): Promise<Commitment> {
  const c = await getCommitmentOrFail(scope.db, scope, ref);
  const access = await accessOf(scope);
  const visible = visibleSql(access);
  if (visible) {
    const seen = await scope.db
      .selectFrom('commitments as c')
      .select('c.id')
      .where('c.organization_id', '=', scope.org.id)
      .where('c.id', '=', c.id)
      .where(visible)
      .executeTakeFirst();
    if (!seen) throw notFound('commitment', formatId('commitment', c.id), 'See `ft list` for the ids.');
  }
  if (action === 'change' && !mayChange(access, c)) {
    throw new AppError(
      'not_allowed',
      `Only ${formatId('commitment', c.id)}'s owner, their managers and whoever asked for it may change it.`,
      403,
    );
  }
  return c;
}

/** Whose pending follow-ups the access lists: a member's own to answer; everything, everyone's. */
export function followUpsListedFor(access: Access, actor: Pick<Person, 'id'> | null): number | undefined {
  return access.everything ? undefined : actor?.id;
}

/** Whether the access may add people and invite them: an admin (or the command line on its own data). */
export function mayManagePeople(access: Access): boolean {
  return access.everything;
}

/** Whether the access may add this kind of person: a customer contact, any member; a member, an admin. */
export function mayAddPerson(access: Access, kind: 'member' | 'contact'): boolean {
  return kind === 'contact' || mayManagePeople(access);
}

// ── People, plans, stats, the outbox and the organization's settings ──────────────────────────
//
// Every member sees the organization's active people, members and contacts alike (name, e-mail,
// kind, company, manager, zone): they name them when agreeing steps. Only an admin sees the
// people who left; a member sees the accountability partner and role of themselves and of those
// below them. An admin adds, corrects and deactivates people; a member corrects their own name,
// time zone and accountability partner. A plan is seen and closed by its owner, everyone above
// them and an admin; its commitments each by the commitment rules above. Stats: a member's own
// and those of anyone below them; the whole organization's, an admin's. The outbox (every
// message, with its links), the holidays and the settings are an admin's to change and the
// outbox an admin's to read; every member reads the settings (when follow-ups fire).

/** Seen, but not theirs to do: a 403 with a stable code. */
export const notAllowed = (message: string): AppError => new AppError('not_allowed', message, 403);

/** Whether the access speaks for this person: themselves or someone below them (an admin: anyone). */
export function mayActFor(access: Access, personId: number): boolean {
  return access.everything || access.mine.includes(personId);
}

/** Whether the access runs the organization: its settings, holidays and outbox. An admin. */
export function mayRunOrganization(access: Access): boolean {
  return access.everything;
}

/** Refuses, with what only an admin may do, anyone who does not run the organization. */
export function requireAdmin(access: Access, what: string): void {
  if (!mayRunOrganization(access)) throw notAllowed(`Only an admin may ${what}.`);
}

/** Whether the access sees this person at all: anyone active; those who left, an admin. */
export function maySeePerson(access: Access, person: Pick<Person, 'deactivated_at'>): boolean {
  return access.everything || person.deactivated_at === null;
}

/** Whether the access sees a person's accountability partner and role: theirs and those below them. */
export function maySeeDetailsOf(access: Access, person: Pick<Person, 'id'>): boolean {
  return mayActFor(access, person.id);
}

/** What a member may correct about themselves; an admin corrects anything about anyone. */
export const selfEditable = ['name', 'timeZone', 'partner', 'digest'] as const;

/** Whether the access may change these fields of this person. */
export function mayEditPerson(access: Access, person: Pick<Person, 'id'>, fields: string[]): boolean {
  if (access.everything) return true;
  return person.id === access.me && fields.every((f) => (selfEditable as readonly string[]).includes(f));
}

/** The owners whose plans the access sees (themselves and those below them); null for every plan. */
export function planOwnersSeen(access: Access): number[] | null {
  return access.everything ? null : access.mine;
}

/**
 * The plan a reference names, when the scope may see it (and so close it): otherwise "not found",
 * as for one that does not exist.
 */
export async function planFor(scope: Scope, ref: string): Promise<Plan> {
  const id = parseId('plan', ref);
  const plan = await getPlan(scope.db, scope.org.id, id);
  if (!plan || !mayActFor(await accessOf(scope), plan.owner_id)) {
    throw notFound('plan', formatId('plan', id), 'See `ft plan list` for the ids.');
  }
  return plan;
}

/** Whether the access sees these stats: a person's or a team's it speaks for, or the organization's. */
export function maySeeStats(access: Access, subject: Pick<Person, 'id'> | 'organization'): boolean {
  return subject === 'organization' ? access.everything : mayActFor(access, subject.id);
}

/**
 * Time away is recorded, seen and removed by the person, those above them and an admin (its
 * note may be private); holidays are everyone's to read and an admin's to change.
 */
export function awayOwnersSeen(access: Access): number[] | null {
  return access.everything ? null : access.mine;
}

// ── Meetings ─────────────────────────────────────────────────────────────────────────────────
//
// A meeting is seen by its attendees, by everyone above an attendee in the reporting line and by
// an admin; to anyone else, and to another organization, it does not exist. Those same people add
// its notes, end it and send its wrap-up. A member starts meetings with the people below them and
// with customer contacts (a manager runs the 1:1s with their reports); an admin with anyone. A
// series' agenda is read by its people, those above them and an admin. A line of notes its author
// marked private is seen by its author alone, on every surface, whoever else sees the meeting.

/** Whether the access sees a meeting with these attendees: one of them, someone above one, an admin. */
export function maySeeMeeting(access: Access, attendeeIds: number[]): boolean {
  return attendeeIds.some((id) => mayActFor(access, id)) || access.everything;
}

/**
 * Whether the access may add notes to a meeting, end it and send its wrap-up: a member who
 * attended, a manager above an attendee, or an admin. Today the same people who see it; a rule
 * of its own, so that either can change alone.
 */
export function mayRunMeeting(access: Access, attendeeIds: number[]): boolean {
  return maySeeMeeting(access, attendeeIds);
}

/** Whether the access may start a meeting with these others: each below them or a customer contact (an admin: anyone). */
export function mayStartMeetingWith(access: Access, others: Pick<Person, 'id' | 'kind'>[]): boolean {
  return access.everything || others.every((p) => p.kind === 'contact' || access.mine.includes(p.id));
}

/** Whether the access reads the agenda of a series with these people: theirs, those below them's, an admin any. */
export function mayReadAgenda(access: Access, peopleIds: number[]): boolean {
  return peopleIds.some((id) => mayActFor(access, id)) || access.everything;
}

/** Whether this person sees a line of notes: anyone who sees the meeting, unless the line is another's private one. */
export function maySeeNoteLine(
  actor: Pick<Person, 'id'> | null,
  line: Pick<NoteLine, 'private' | 'author_id'>,
): boolean {
  return line.private === 0 || line.author_id === actor?.id;
}

/** The meetings (aliased `m`) the access sees, as SQL; null when that is all of them. */
export function meetingsSeenSql(access: Access): RawBuilder<SqlBool> | null {
  if (access.everything) return null;
  return sql<SqlBool>`exists (select 1 from meeting_attendees a
    where a.organization_id = m.organization_id and a.meeting_id = m.id and a.person_id in (${sql.join(access.mine)}))`;
}

/** The series (aliased `s`) whose agenda the access reads, as SQL; null when that is all of them. */
export function seriesSeenSql(access: Access): RawBuilder<SqlBool> | null {
  if (access.everything) return null;
  return sql<SqlBool>`exists (select 1 from meetings sm
    join meeting_attendees sa on sa.organization_id = sm.organization_id and sa.meeting_id = sm.id
    where sm.organization_id = s.organization_id and sm.series_id = s.id and sa.person_id in (${sql.join(access.mine)}))`;
}

const meetingNotFound = (id: number): AppError =>
  notFound('meeting', formatId('meeting', id), 'Start one with `ft meeting start`.');

/**
 * The meeting a reference names, when the scope may see it (otherwise "not found", as for one
 * that does not exist) and, to run it (notes, end, wrap-up), may run it (otherwise 403).
 */
export async function meetingFor(scope: Scope, ref: string, action: 'read' | 'run'): Promise<Meeting> {
  const id = parseId('meeting', ref);
  const meeting = await getMeeting(scope.db, scope.org.id, id);
  if (!meeting) throw meetingNotFound(id);
  const access = await accessOf(scope);
  if (access.everything) return meeting;
  const attendees = (await attendeesOf(scope.db, scope.org.id, [id])).get(id) ?? [];
  if (!maySeeMeeting(access, attendees)) throw meetingNotFound(id);
  if (action === 'run' && !mayRunMeeting(access, attendees)) {
    throw notAllowed(
      `Only ${formatId('meeting', id)}'s attendees, their managers and an admin may add notes, end it or send its wrap-up.`,
    );
  }
  return meeting;
}

/** The series a reference names, when the scope may read its agenda: otherwise "not found". */
export async function seriesFor(scope: Scope, ref: string): Promise<Series> {
  const id = parseId('series', ref);
  const series = await getSeries(scope.db, scope.org.id, id);
  const access = await accessOf(scope);
  if (!series || !mayReadAgenda(access, access.everything ? [] : await peopleOfSeries(scope.db, series))) {
    throw notFound('series', formatId('series', id), 'See `ft series list` for the ids.');
  }
  return series;
}

/** Which of these commitments the access sees: all of them, or those the commitment rules let it. */
export async function commitmentsSeen(scope: Scope, access: Access, ids: number[]): Promise<Set<number>> {
  const visible = visibleSql(access);
  if (!visible || ids.length === 0) return new Set(ids);
  const rows = await scope.db
    .selectFrom('commitments as c')
    .select('c.id')
    .where('c.organization_id', '=', scope.org.id)
    .where('c.id', 'in', [...new Set(ids)])
    .where(visible)
    .execute();
  return new Set(rows.map((r) => r.id));
}
