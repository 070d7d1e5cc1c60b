import { findCommitments, updateCommitment } from '../commitments/commitments.repository.js';
import { handOver, scheduleContext } from '../commitments/commitments.usecases.js';
import { inTransaction } from '../db/database.js';
import type { Commitment, Person } from '../db/schema.js';
import { nextDigestAt } from '../followups/digest.js';
import { pendingStatuses } from '../followups/followups.repository.js';
import { recomputeSchedules, rescheduleFollowUp } from '../followups/followups.scheduling.js';
import { updateOrganization } from '../organizations/organizations.repository.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { accessOf, mayEditPerson, mayManagePeople, notAllowed } from '../policy/policy.js';
import { conflict, invalid } from '../shared/errors.js';
import { limits, optionalLine } from '../shared/text.js';
import { canonicalZone, checkZone, dueInstant } from '../shared/time.js';
import { findByEmail, getPeople, managerLinks } from './people.repository.js';
import { reportsOf } from './people.rules.js';
import { checkEmail, checkName, resolveMember, resolvePerson, seenPerson } from './people.usecases.js';

export interface PersonEdit {
  name?: string | undefined;
  email?: string | undefined;
  timeZone?: string | undefined;
  /** A member, or null for none. */
  manager?: string | null | undefined;
  partner?: string | null | undefined;
  company?: string | null | undefined;
  /** The daily digest at 08:00 local, on or off: a member's own choice. */
  digest?: boolean | undefined;
}

/**
 * Corrects who someone is: their name, e-mail, zone, manager, accountability partner or
 * company. A new zone moves the due instants of their open commitments (a date means the
 * end of that day where they are) and the times of the follow-ups they answer.
 */
export async function editPerson(scope: Scope, ref: string, input: PersonEdit) {
  requireActor(scope);
  const person = await seenPerson(scope, ref);
  const asked = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (!mayEditPerson(await accessOf(scope), person, asked)) {
    throw notAllowed(
      `Only an admin may change that about ${person.name}; you may change your own name, time zone, accountability partner and daily digest.`,
    );
  }
  const values: Partial<Person> = {};
  if (input.name !== undefined) values.name = checkName(input.name);
  if (input.email !== undefined) values.email = await checkEmail(input.email);
  if (input.timeZone !== undefined) {
    values.time_zone = canonicalZone(checkZone(input.timeZone)) as string;
    // The digest comes at 08:00 in the new zone.
    if (person.daily_digest === 1) values.digest_at = nextDigestAt(scope.clock.now(), values.time_zone);
  }
  if (input.company !== undefined) {
    if (person.kind !== 'contact') throw invalid('member_company', 'A company is for customer contacts.');
    values.company = optionalLine(input.company, 'A company', limits.company);
  }
  if (input.digest !== undefined) {
    if (person.kind !== 'member') throw invalid('contact_digest', 'The daily digest is for members.');
    values.daily_digest = input.digest ? 1 : 0;
    values.digest_at = input.digest
      ? nextDigestAt(
          scope.clock.now(),
          canonicalZone(checkZone(input.timeZone ?? person.time_zone)) as string,
        )
      : null;
  }
  if (person.kind === 'contact' && (input.manager || input.partner)) {
    throw invalid('contact_cannot_have_manager', 'A contact has no manager or accountability partner.');
  }
  if (input.manager !== undefined) {
    const manager = input.manager === null ? null : await resolveMember(scope, input.manager, 'manager');
    if (manager) {
      const below = reportsOf(person.id, await managerLinks(scope.db, scope.org.id));
      if (manager.id === person.id || below.includes(manager.id)) {
        throw invalid(
          'manager_loop',
          `${manager.name} reports to ${person.name}; a manager cannot report to their report.`,
        );
      }
    }
    values.manager_id = manager?.id ?? null;
  }
  if (input.partner !== undefined) {
    const partner = input.partner === null ? null : await resolveMember(scope, input.partner, 'partner');
    if (partner?.id === person.id)
      throw invalid('partner_self', 'Someone cannot be their own accountability partner.');
    values.partner_id = partner?.id ?? null;
  }
  const changed = Object.entries(values).filter(([key, value]) => person[key as keyof Person] !== value);
  if (changed.length === 0) {
    throw invalid(
      'nothing_to_change',
      'Say what to change: --name, --email, --tz, --manager, --partner, --company or --digest.',
    );
  }
  return inTransaction(scope.db, async (trx) => {
    if (values.email && values.email !== person.email) {
      const other = await findByEmail(trx, scope.org.id, values.email);
      if (other)
        throw conflict(
          'email_taken',
          `${values.email} already belongs to ${other.name}; two people cannot share one.`,
        );
    }
    const [updated] = await trx
      .updateTable('people')
      .set(Object.fromEntries(changed))
      .where('id', '=', person.id)
      .returningAll()
      .execute();
    const moved =
      values.time_zone && values.time_zone !== person.time_zone
        ? await moveToZone(trx, scope, updated as Person)
        : 0;
    return {
      person: updated as Person,
      changed: changed.map(([key]) => key).filter((key) => key !== 'digest_at'),
      commitmentsMoved: moved,
    };
  });
}

/** Open commitments keep their dates, now ending in the person's new zone; follow-ups follow. */
async function moveToZone(db: Scope['db'], scope: Scope, person: Person): Promise<number> {
  const open = await findCommitments(db, scope.org.id, {
    ownerIds: [person.id],
    statuses: ['open'],
    limit: 1_000_000,
  });
  const dated = open.filter((c) => c.due_date);
  for (const c of dated) {
    await updateCommitment(db, c.id, {
      due_at: dueInstant({ date: c.due_date as string, time: c.due_time }, person.time_zone).toISOString(),
    });
  }
  await recomputeSchedules(db, { ...scope, db }, [person.id]);
  return dated.length;
}

/**
 * Someone left. Nothing of theirs is deleted: their open commitments and plans go to their
 * manager (or to whoever is named), the follow-ups they would hear go there too, their reports
 * get that person as manager, and they no longer act, own or get mail.
 */
export async function deactivatePerson(scope: Scope, ref: string, to: string | undefined) {
  const actor = requireActor(scope);
  const person = await seenPerson(scope, ref);
  if (!mayManagePeople(await accessOf(scope))) throw notAllowed('Only an admin may deactivate people.');
  if (person.deactivated_at) throw conflict('person_inactive', `${person.name} was deactivated already.`);
  if (person.id === actor.id)
    throw invalid('deactivate_self', 'Someone else deactivates you: ask your manager or an admin.');
  const [manager] = person.manager_id ? await getPeople(scope.db, scope.org.id, [person.manager_id]) : [];
  const heir = to
    ? await resolvePerson(scope, to, { active: true, preferMembers: true })
    : manager && !manager.deactivated_at
      ? manager
      : null;
  if (heir?.id === person.id)
    throw invalid('same_person', `${person.name} cannot hand their work to themselves.`);
  return inTransaction(scope.db, async (trx) => {
    const open = await findCommitments(trx, scope.org.id, {
      ownerIds: [person.id],
      statuses: ['open'],
      limit: 1_000_000,
    });
    if (open.length && !heir) {
      throw invalid(
        'needs_heir',
        `${person.name} owns ${open.length} open commitment${open.length === 1 ? '' : 's'} and has no manager to take them: add --to PERSON.`,
      );
    }
    const handed: Commitment[] = [];
    for (const c of open) {
      handed.push(
        (await handOver(trx, scope, c, heir as Person, `${person.name} left`, { buyBack: false })).commitment,
      );
    }
    // Follow-ups they answer for customers' steps, and those whose answers they hear.
    if (heir) {
      const answering = await trx
        .selectFrom('follow_ups')
        .select('commitment_id')
        .where('organization_id', '=', scope.org.id)
        .where('answerer_id', '=', person.id)
        .where('status', 'in', pendingStatuses)
        .execute();
      const stranded = await trx
        .selectFrom('commitments')
        .selectAll()
        .where('organization_id', '=', scope.org.id)
        .where('id', 'in', answering.map((f) => f.commitment_id).concat([-1]))
        .execute();
      for (const c of stranded) {
        // The customer's step is now followed up by the heir, as the member who made it.
        const updated = await updateCommitment(trx, c.id, { delegated_by_id: heir.id });
        const [owner] = c.owner_id ? await getPeople(trx, scope.org.id, [c.owner_id]) : [];
        if (owner) await rescheduleFollowUp(trx, scope, await scheduleContext(trx, scope, updated, owner));
      }
      await trx
        .updateTable('follow_ups')
        .set({ hearer_id: heir.id })
        .where('organization_id', '=', scope.org.id)
        .where('hearer_id', '=', person.id)
        .where('status', 'in', pendingStatuses)
        .execute();
      await trx
        .updateTable('plans')
        .set({ owner_id: heir.id })
        .where('organization_id', '=', scope.org.id)
        .where('owner_id', '=', person.id)
        .where('outcome', '=', 'open')
        .execute();
    }
    const reports = await trx
      .updateTable('people')
      .set({ manager_id: heir?.kind === 'member' ? heir.id : (manager?.id ?? null) })
      .where('organization_id', '=', scope.org.id)
      .where('manager_id', '=', person.id)
      .returning('id')
      .execute();
    await trx
      .updateTable('people')
      .set({ partner_id: null })
      .where('organization_id', '=', scope.org.id)
      .where('partner_id', '=', person.id)
      .execute();
    await trx
      .updateTable('people')
      .set({ deactivated_at: nowIso(scope) })
      .where('id', '=', person.id)
      .execute();
    if (scope.org.default_actor_id === person.id) {
      await updateOrganization(trx, scope.org.id, {
        default_actor_id: heir?.kind === 'member' ? heir.id : actor.id,
      });
    }
    return { person, heir, handed, reports: reports.length };
  });
}
