import type { Commitment, CommitmentStatus, Person } from '../db/schema.js';
import { followUpsOf } from '../followups/followups.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople, managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { resolvePerson } from '../people/people.usecases.js';
import { invalid } from '../shared/errors.js';
import { eventsOf, findCommitments } from './commitments.repository.js';
import { getCommitmentOrFail } from './commitments.usecases.js';
import { type CommitmentView, loadViews } from './commitments.views.js';

export const statuses: CommitmentStatus[] = ['open', 'done', 'missed', 'dropped'];
export const LIST_LIMIT = 1000;

export interface ListQuery {
  owner?: string | undefined;
  team?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  stalled?: boolean | undefined;
  limbo?: boolean | undefined;
}

/** Commitments by owner or team and status, narrowed by the rules that need the clock. */
export async function listCommitments(scope: Scope, query: ListQuery): Promise<CommitmentView[]> {
  if (query.status && !statuses.includes(query.status as CommitmentStatus)) {
    throw invalid(
      'invalid_status',
      `--status must be one of ${statuses.join(', ')} (got "${query.status}").`,
    );
  }
  let ownerIds: number[] | undefined;
  if (query.owner) ownerIds = [(await resolvePerson(scope, query.owner)).id];
  if (query.team) {
    const manager = await resolvePerson(scope, query.team);
    ownerIds = [manager.id, ...reportsOf(manager.id, await managerLinks(scope.db, scope.org.id))];
  }
  const narrowing = query.overdue || query.stalled || query.limbo;
  const status = (query.status as CommitmentStatus | undefined) ?? (narrowing ? 'open' : undefined);
  const rows = await findCommitments(scope.db, scope.org.id, {
    ownerIds,
    statuses: status ? [status] : undefined,
    dueBefore: query.overdue ? scope.clock.now().toISOString() : undefined,
    limit: LIST_LIMIT,
  });
  return (await loadViews(scope, rows)).filter(
    (v) =>
      (!query.overdue || v.overdue) &&
      (!query.stalled || v.stalled.length > 0) &&
      (!query.limbo || v.limbo.length > 0),
  );
}

/** One commitment with its follow-ups, its timeline and the commitments linked to it. */
export async function showCommitment(scope: Scope, ref: string) {
  const c = await getCommitmentOrFail(scope.db, scope, ref);
  const [view] = await loadViews(scope, [c]);
  const events = await eventsOf(scope.db, scope.org.id, c.id);
  const followUps = await followUpsOf(scope.db, scope.org.id, [c.id]);
  const next = await scope.db
    .selectFrom('commitments')
    .selectAll()
    .where('organization_id', '=', scope.org.id)
    .where('follows_id', '=', c.id)
    .execute();
  const people = new Map<number, Person>(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        events.map((e) => e.actor_id).filter((id): id is number => id !== null),
      )
    ).map((p) => [p.id, p]),
  );
  return { view: view as CommitmentView, events, followUps, next: next as Commitment[], people };
}
