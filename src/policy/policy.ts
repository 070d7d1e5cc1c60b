import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { getCommitmentOrFail } from '../commitments/commitments.repository.js';
import type { Commitment, Person } from '../db/schema.js';
import type { Scope } from '../organizations/scope.js';
import { managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { AppError, notFound } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';

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
  return access.everything || owner.kind === 'contact' || access.mine.includes(owner.id);
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
