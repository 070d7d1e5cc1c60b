import type { Commitment, FollowUp, Person } from '../db/schema.js';
import { latestFollowUps } from '../followups/followups.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { describeEvery } from './commitments.recurring.js';
import { peopleWith, prerequisitesOf } from './commitments.repository.js';
import {
  isOverdue,
  type LimboReason,
  limboReasons,
  type StallReason,
  stallReasons,
} from './commitments.rules.js';

/** A commitment with everything a screen or a rule needs, loaded for many at once. */
export interface CommitmentView {
  commitment: Commitment;
  owner: Person | null;
  delegatedBy: Person | null;
  with: Person[];
  prerequisiteIds: number[];
  followUp: FollowUp | null;
  overdue: boolean;
  stalled: StallReason[];
  limbo: LimboReason[];
  /** A recurring step's rhythm in words ("every week on Friday"); null for a one-off. */
  every: string | null;
}

export async function loadViews(scope: Scope, commitments: Commitment[]): Promise<CommitmentView[]> {
  const ids = commitments.map((c) => c.id);
  const [withLinks, prerequisites, followUps] = await Promise.all([
    peopleWith(scope.db, scope.org.id, ids),
    prerequisitesOf(scope.db, scope.org.id, ids),
    latestFollowUps(scope.db, scope.org.id, ids),
  ]);
  const personIds = commitments.flatMap((c) => [
    c.owner_id,
    c.delegated_by_id,
    ...(withLinks.get(c.id) ?? []),
  ]);
  const people = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        personIds.filter((id): id is number => id !== null),
      )
    ).map((p) => [p.id, p]),
  );
  const now = scope.clock.now();
  return commitments.map((c) => {
    const owner = c.owner_id ? (people.get(c.owner_id) ?? null) : null;
    const followUp = followUps.get(c.id) ?? null;
    return {
      commitment: c,
      owner,
      delegatedBy: c.delegated_by_id ? (people.get(c.delegated_by_id) ?? null) : null,
      with: (withLinks.get(c.id) ?? [])
        .map((id) => people.get(id))
        .filter((p): p is Person => p !== undefined),
      prerequisiteIds: prerequisites.get(c.id) ?? [],
      followUp,
      overdue: isOverdue(c, now),
      stalled: stallReasons(c, followUp, now),
      limbo: c.status === 'open' ? limboReasons(c) : [],
      every: c.every ? describeEvery(c.every) : null,
    };
  });
}
