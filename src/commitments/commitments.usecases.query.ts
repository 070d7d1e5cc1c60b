import type { Commitment, CommitmentStatus, Person } from '../db/schema.js';
import { followUpsOf } from '../followups/followups.repository.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople, managerLinks } from '../people/people.repository.js';
import { reportsOf } from '../people/people.rules.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, commitmentFor, visibleSql } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';
import { quoted } from '../shared/text.js';
import {
  type CommitmentFilter,
  countCommitments,
  eventsOf,
  findCommitments,
  type ListCursor,
} from './commitments.repository.js';
import { LIST_LIMIT } from './commitments.rules.js';
import { limboSql, overdueSql, stalledSql, unagreedSql } from './commitments.sql.js';
import { type CommitmentView, loadViews } from './commitments.views.js';

export const statuses: CommitmentStatus[] = ['open', 'done', 'missed', 'dropped'];
const PAGE = 1000;

export interface ListQuery {
  owner?: string | undefined;
  team?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  stalled?: boolean | undefined;
  limbo?: boolean | undefined;
  /** Delegated, and its owner has not agreed yet. */
  unagreed?: boolean | undefined;
  limit?: string | undefined;
  all?: boolean | undefined;
  /** The cursor a previous page ended with. */
  after?: string | undefined;
}

export interface ListResult {
  views: CommitmentView[];
  /** How many match in all. */
  total: number;
  /** The cursor to ask for the next page with, when there is one. */
  next: string | null;
}

const encodeCursor = (c: ListCursor): string =>
  Buffer.from(JSON.stringify([c.dueAt, c.id])).toString('base64url');

function decodeCursor(text: string): ListCursor {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    // What a cursor holds goes into SQL: an instant's characters, and an id an integer column takes.
    const instant = typeof dueAt === 'string' && /^[0-9T:.Z+-]{1,30}$/.test(dueAt);
    if (
      (dueAt === null || instant) &&
      Number.isInteger(id) &&
      (id as number) >= 0 &&
      (id as number) <= 2 ** 31 - 1
    ) {
      return { dueAt: dueAt as string | null, id: id as number };
    }
  } catch {}
  throw invalid('invalid_cursor', '--after takes the cursor a previous `ft list --json` gave as "next".');
}

/**
 * Commitments by owner or team and status, narrowed by the rules that need the clock (in
 * SQL), a page at a time: never more than asked for, always with how many there are.
 */
export async function listCommitments(scope: Scope, query: ListQuery): Promise<ListResult> {
  if (query.status && !statuses.includes(query.status as CommitmentStatus)) {
    throw invalid(
      'invalid_status',
      `--status must be one of ${statuses.join(', ')} (got ${quoted(query.status)}).`,
    );
  }
  const limit = query.all
    ? Number.POSITIVE_INFINITY
    : query.limit === undefined
      ? LIST_LIMIT
      : Number(query.limit);
  if (!query.all && (!/^\d{1,7}$/.test(String(query.limit ?? LIST_LIMIT)) || limit < 1)) {
    throw invalid('invalid_number', '--limit must be a whole number of rows, like 50 (or use --all).');
  }
  let ownerIds: number[] | undefined;
  if (query.owner) ownerIds = [(await resolvePerson(scope, query.owner, { preferMembers: true })).id];
  if (query.team) {
    const manager = await resolvePerson(scope, query.team, { preferMembers: true });
    ownerIds = [manager.id, ...reportsOf(manager.id, await managerLinks(scope.db, scope.org.id))];
  }
  const narrowing = query.overdue || query.stalled || query.limbo || query.unagreed;
  const status = (query.status as CommitmentStatus | undefined) ?? (narrowing ? 'open' : undefined);
  const now = scope.clock.now();
  const visible = visibleSql(await accessOf(scope));
  const conditions = [
    ...(visible ? [visible] : []),
    ...(query.overdue ? [overdueSql(now)] : []),
    ...(query.stalled ? [stalledSql(now)] : []),
    ...(query.limbo ? [limboSql] : []),
    ...(query.unagreed ? [unagreedSql] : []),
  ];
  const views: CommitmentView[] = [];
  const total = await countAll(scope, ownerIds, status, conditions);
  let after = query.after ? decodeCursor(query.after) : null;
  // Large teams are read a page at a time, each page's details in a few queries.
  while (views.length < limit) {
    const want = Math.min(PAGE, limit - views.length);
    const rows = await findCommitments(scope.db, scope.org.id, {
      ownerIds,
      statuses: status ? [status] : undefined,
      conditions,
      after,
      limit: want,
    });
    views.push(...(await loadViews(scope, rows)));
    const last = rows.at(-1);
    if (!last || rows.length < want) break;
    after = { dueAt: last.due_at, id: last.id };
  }
  const last = views.at(-1)?.commitment;
  const more = last
    ? await hasMore(scope, ownerIds, status, conditions, { dueAt: last.due_at, id: last.id })
    : false;
  return { views, total, next: more && last ? encodeCursor({ dueAt: last.due_at, id: last.id }) : null };
}

function countAll(
  scope: Scope,
  ownerIds: number[] | undefined,
  status: CommitmentStatus | undefined,
  conditions: CommitmentFilter['conditions'],
) {
  return countCommitments(scope.db, scope.org.id, {
    ownerIds,
    statuses: status ? [status] : undefined,
    conditions,
  });
}

async function hasMore(
  scope: Scope,
  ownerIds: number[] | undefined,
  status: CommitmentStatus | undefined,
  conditions: CommitmentFilter['conditions'],
  after: ListCursor,
) {
  const next = await findCommitments(scope.db, scope.org.id, {
    ownerIds,
    statuses: status ? [status] : undefined,
    conditions,
    after,
    limit: 1,
  });
  return next.length > 0;
}

/** The occurrences a recurring step made after this one, in order, as far as the actor may see. */
export async function laterInSeries(scope: Scope, c: Commitment): Promise<Commitment[]> {
  if (c.every === null) return [];
  const visible = visibleSql(await accessOf(scope));
  const later: Commitment[] = [];
  let at = c;
  // A series is short-lived in practice; the walk stops at what renewing it walks.
  for (let walked = 0; walked < 100; walked++) {
    const next = await scope.db
      .selectFrom('commitments as c')
      .selectAll('c')
      .where('c.organization_id', '=', scope.org.id)
      .where('c.repeats_id', '=', at.id)
      .$if(visible !== null, (q) => q.where(visible as NonNullable<typeof visible>))
      .executeTakeFirst();
    if (!next) break;
    later.push(next);
    at = next;
  }
  return later;
}

/** The occurrence that comes next after this one, still open, when there is one the actor may see. */
export async function nextInSeries(scope: Scope, c: Commitment): Promise<Commitment | undefined> {
  return (await laterInSeries(scope, c)).find((o) => o.status === 'open');
}

/** One commitment with its follow-ups, its timeline and the commitments linked to it. */
export async function showCommitment(scope: Scope, ref: string) {
  const c = await commitmentFor(scope, ref, 'read');
  const [view] = await loadViews(scope, [c]);
  const events = await eventsOf(scope.db, scope.org.id, c.id);
  const followUps = await followUpsOf(scope.db, scope.org.id, [c.id]);
  // The steps that follow it, those the actor may see.
  const visible = visibleSql(await accessOf(scope));
  const next = await scope.db
    .selectFrom('commitments as c')
    .selectAll('c')
    .where('c.organization_id', '=', scope.org.id)
    .where('c.follows_id', '=', c.id)
    .$if(visible !== null, (q) => q.where(visible as NonNullable<typeof visible>))
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
