import { type Db, inTransaction } from '../db/database.js';
import type { Commitment, Organization } from '../db/schema.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import type { Clock } from '../shared/clock.js';
import { localDate } from '../shared/time.js';
import { recordEvent } from './commitments.events.js';
import { nextOccurrence } from './commitments.recurring.js';
import { peopleWith } from './commitments.repository.js';
import { createCommitment } from './commitments.usecases.js';

/** How many occurrences one transaction renews. */
const RENEW_BATCH = 200;

/**
 * The next occurrence of a recurring step, made once: when the step closes (done, missed) or
 * its date has passed for its owner. A dropped step ends its series, and so does an owner who
 * left or a rule that has run out. Two processes never make the same next: the occurrence is
 * claimed (`renewed_at`) before its next is written, in the same transaction.
 */
export async function renew(db: Db, scope: Omit<Scope, 'actor'>, c: Commitment): Promise<Commitment | null> {
  if (c.every === null || c.renewed_at !== null) return null;
  const at = scope.clock.now().toISOString();
  const claimed = await db
    .updateTable('commitments')
    .set({ renewed_at: at })
    .where('id', '=', c.id)
    .where('renewed_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  const [owner, creator] = await peopleOf(db, scope.org.id, c.owner_id, c.created_by_id);
  const due =
    c.status === 'dropped' || !owner || c.due_date === null
      ? null
      : nextOccurrence(c.every, c.due_date, localDate(scope.clock.now(), owner.time_zone));
  const actor = creator && !creator.deactivated_at ? creator : owner;
  if (!owner || owner.deactivated_at || !actor || due === null) {
    await recordEvent(db, { ...scope, actor: null }, c.id, 'series_ended', {
      why: c.status === 'dropped' ? 'dropped' : due === null && owner ? 'the rule has run out' : 'no owner',
    });
    return null;
  }
  const withIds = (await peopleWith(db, scope.org.id, [c.id])).get(c.id) ?? [];
  const withPeople = (await getPeople(db, scope.org.id, withIds)).filter((p) => !p.deactivated_at);
  const ask = await db
    .selectFrom('follow_ups')
    .select('ask')
    .where('organization_id', '=', scope.org.id)
    .where('commitment_id', '=', c.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const { commitment } = await createCommitment(db, { ...scope, actor }, actor, {
    what: c.what,
    owner,
    due: { kind: 'date', due: { date: due, time: c.due_time } },
    with: withPeople,
    outcome: c.outcome,
    meetingId: null,
    planId: c.plan_id,
    prerequisiteIds: [],
    needs: c.needs,
    ask: ask?.ask ?? null,
    followsId: null,
    visibility: c.visibility,
    every: c.every,
    repeatsId: c.id,
  });
  // The owner agreed to the rhythm, not to each date: an agreed series stays agreed.
  const next = await db
    .updateTable('commitments')
    .set({ delegated_by_id: c.delegated_by_id, agreed_at: c.agreed_at === null ? null : at })
    .where('id', '=', commitment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(db, { ...scope, actor: null }, c.id, 'renewed', { next: `c${next.id}`, due });
  return next;
}

/**
 * What the scheduler renews: recurring occurrences closed without their next, and open ones
 * whose date has passed in their owner's zone. Returns how many it renewed.
 */
export async function renewDue(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  // No zone is more than 14 hours ahead of UTC: a date before this has passed somewhere, maybe here.
  const latest = localDate(new Date(now.getTime() + 14 * 3_600_000), 'UTC');
  let renewed = 0;
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('commitments')
      .selectAll()
      .where('every', 'is not', null)
      .where('renewed_at', 'is', null)
      .where((eb) => eb.or([eb('status', '<>', 'open'), eb('due_date', '<', latest)]))
      .where('id', '>', after)
      .orderBy('id')
      .limit(RENEW_BATCH)
      .execute();
    if (rows.length === 0) return renewed;
    after = rows.at(-1)?.id ?? after;
    const owners = new Map(
      (
        await db
          .selectFrom('people')
          .select(['id', 'time_zone'])
          .where(
            'id',
            'in',
            rows.map((r) => r.owner_id ?? 0),
          )
          .execute()
      ).map((p) => [p.id, p.time_zone]),
    );
    const due = rows.filter((c) => {
      if (c.status !== 'open') return true;
      const zone = c.owner_id === null ? undefined : owners.get(c.owner_id);
      return zone === undefined || (c.due_date !== null && c.due_date < localDate(now, zone));
    });
    const orgs = new Map<number, Organization>();
    await inTransaction(db, async (trx) => {
      for (const c of due) {
        const org = orgs.get(c.organization_id) ?? (await getOrganization(trx, c.organization_id));
        orgs.set(org.id, org);
        if (await renew(trx, { db: trx, clock, org }, c)) renewed += 1;
      }
    });
    if (rows.length < RENEW_BATCH) return renewed;
  }
}

async function peopleOf(db: Db, orgId: number, ownerId: number | null, creatorId: number) {
  const people = await getPeople(db, orgId, ownerId === null ? [creatorId] : [ownerId, creatorId]);
  return [people.find((p) => p.id === ownerId), people.find((p) => p.id === creatorId)] as const;
}
