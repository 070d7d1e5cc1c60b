import { type Db, inTransaction } from '../db/database.js';
import type { Commitment, Organization, Person } from '../db/schema.js';
import { attendeesOf } from '../meetings/meetings.repository.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import type { Clock } from '../shared/clock.js';
import { formatId } from '../shared/ids.js';
import { localDate } from '../shared/time.js';
import { recordEvent } from './commitments.events.js';
import { nextOccurrence } from './commitments.recurring.js';
import { peopleWith } from './commitments.repository.js';
import { createCommitment } from './commitments.usecases.js';

/** How many occurrences the scheduler looks at a time. */
const RENEW_BATCH = 200;
/** A series is never followed further than this looking for its latest occurrence. */
const MOST_OCCURRENCES_WALKED = 1000;

type Renewing = Omit<Scope, 'actor'>;

/**
 * Claims an occurrence for renewal: it is marked renewed, once, and comes back as it is now
 * (another process or a request may have changed it since it was read). Null when someone else
 * claimed it first.
 */
async function claim(db: Db, c: Pick<Commitment, 'id'>, at: string): Promise<Commitment | null> {
  const claimed = await db
    .updateTable('commitments')
    .set({ renewed_at: at })
    .where('id', '=', c.id)
    .where('every', 'is not', null)
    .where('renewed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

const ended = (db: Db, scope: Renewing, c: Commitment, why: string) =>
  recordEvent(db, { ...scope, actor: null }, c.id, 'series_ended', { why });

/**
 * The next occurrence of a recurring step, made once: when the step closes (done, missed) or
 * its date has passed for its owner. An owner who left, or a rule that has run out, ends the
 * series. Two processes never make the same next: the occurrence is claimed (`renewed_at`)
 * before its next is written, in the same transaction.
 */
export async function renew(db: Db, scope: Renewing, read: Commitment): Promise<Commitment | null> {
  if (read.every === null || read.renewed_at !== null) return null;
  const at = scope.clock.now().toISOString();
  const c = await claim(db, read, at);
  if (!c?.every) return null;
  if (c.status === 'dropped') {
    await ended(db, scope, c, `${formatId('commitment', c.id)} dropped`);
    return null;
  }
  const people = await getPeople(
    db,
    scope.org.id,
    [c.owner_id, c.created_by_id, c.delegated_by_id].filter((id): id is number => id !== null),
  );
  const member = (id: number | null) =>
    people.find((p) => p.id === id && p.kind === 'member' && p.deactivated_at === null);
  const owner = people.find((p) => p.id === c.owner_id && p.deactivated_at === null);
  // Whoever makes the next: who made this one, or who delegated it, or its owner; never a contact.
  const actor: Person | undefined =
    member(c.created_by_id) ?? member(c.delegated_by_id) ?? member(c.owner_id);
  const due =
    owner && c.due_date !== null
      ? nextOccurrence(c.every, c.due_date, localDate(scope.clock.now(), owner.time_zone))
      : null;
  if (!owner || !actor || due === null) {
    await ended(
      db,
      scope,
      c,
      !owner ? 'its owner left' : !actor ? 'nobody here to make it' : 'its rule has run out',
    );
    return null;
  }
  const withIds = (await peopleWith(db, scope.org.id, [c.id])).get(c.id) ?? [];
  const withPeople = (await getPeople(db, scope.org.id, withIds)).filter((p) => !p.deactivated_at);
  const first = await db
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
    ask: first?.ask ?? null,
    followsId: null,
    source: c.source,
    visibility: c.visibility,
    every: c.every,
    repeatsId: c.id,
    // The same people hear it as heard the one before: its delegator, or the meeting's manager.
    delegatedById: c.delegated_by_id,
    attendeeIds: c.meeting_id
      ? ((await attendeesOf(db, scope.org.id, [c.meeting_id])).get(c.meeting_id) ?? [])
      : [],
  });
  // The owner agreed to the rhythm, not to each date: an agreed series stays agreed.
  const next =
    c.agreed_at === null
      ? commitment
      : await db
          .updateTable('commitments')
          .set({ agreed_at: at })
          .where('id', '=', commitment.id)
          .returningAll()
          .executeTakeFirstOrThrow();
  await recordEvent(db, { ...scope, actor: null }, c.id, 'renewed', {
    next: formatId('commitment', next.id),
    due,
  });
  return next;
}

/**
 * `ft drop` on an occurrence ends its series: nothing comes after its latest occurrence, even
 * one made already (its date passed before the drop). Followed forward from the dropped one;
 * a next made meanwhile by the scheduler is found and ended too.
 */
export async function endSeries(db: Db, scope: Renewing, dropped: Commitment): Promise<void> {
  if (dropped.every === null) return;
  const at = scope.clock.now().toISOString();
  let latest = dropped;
  const nextOf = (c: Commitment) =>
    db
      .selectFrom('commitments')
      .selectAll()
      .where('organization_id', '=', scope.org.id)
      .where('repeats_id', '=', c.id)
      .executeTakeFirst();
  let next = await nextOf(latest);
  for (let walked = 0; walked < MOST_OCCURRENCES_WALKED; walked++) {
    if (next) {
      latest = next;
      next = await nextOf(latest);
      continue;
    }
    if (await claim(db, latest, at)) {
      await ended(db, scope, latest, `${formatId('commitment', dropped.id)} dropped`);
      return;
    }
    // Renewed meanwhile: its next is there now, or it had ended already.
    next = await nextOf(latest);
    if (!next) return;
  }
}

/**
 * What the scheduler renews: recurring occurrences whose date has passed in their owner's zone
 * (one closed is renewed as it closes; one closed without, as its date passes). Each in a transaction of its own, so one that
 * cannot be renewed (a rule that cannot be read) ends its series and holds nothing else back.
 * Returns how many it renewed.
 */
export async function renewDue(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  // No zone is more than 14 hours ahead of UTC: a date before this has passed somewhere, maybe here.
  const latest = localDate(new Date(now.getTime() + 14 * 3_600_000), 'UTC');
  const orgs = new Map<number, Organization>();
  let renewed = 0;
  // Read along the partial index commitments_to_renew (due_date, id): one row per live series.
  for (let after = { due: '', id: 0 }; ; ) {
    const rows = await db
      .selectFrom('commitments')
      .selectAll()
      .where('every', 'is not', null)
      .where('renewed_at', 'is', null)
      .where('due_date', '<', latest)
      .where((eb) =>
        eb.or([
          eb('due_date', '>', after.due),
          eb.and([eb('due_date', '=', after.due), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy('due_date')
      .orderBy('id')
      .limit(RENEW_BATCH)
      .execute();
    const last = rows.at(-1);
    if (!last) return renewed;
    after = { due: last.due_date ?? '', id: last.id };
    const zones = new Map(
      (
        await db
          .selectFrom('people')
          .select(['id', 'time_zone'])
          .where('id', 'in', [...new Set(rows.map((r) => r.owner_id ?? 0))])
          .execute()
      ).map((p) => [p.id, p.time_zone]),
    );
    for (const c of rows) {
      const zone = c.owner_id === null ? undefined : zones.get(c.owner_id);
      const due = c.status !== 'open' || zone === undefined || (c.due_date ?? '') < localDate(now, zone);
      if (!due) continue;
      const org = orgs.get(c.organization_id) ?? (await getOrganization(db, c.organization_id));
      orgs.set(org.id, org);
      try {
        if (await inTransaction(db, (trx) => renew(trx, { db: trx, clock, org }, c))) renewed += 1;
      } catch (error) {
        // Claimed and ended, with what went wrong: it is not tried again at every tick.
        const scope = { db, clock, org };
        const why = `not renewed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
        await inTransaction(db, async (trx) => {
          if (await claim(trx, c, now.toISOString())) await ended(trx, { ...scope, db: trx }, c, why);
        });
      }
    }
    if (rows.length < RENEW_BATCH) return renewed;
  }
}
