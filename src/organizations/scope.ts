import type { Db } from '../db/database.js';
import type { Organization, Person } from '../db/schema.js';
import { defaultFollowUpPolicy, type FollowUpPolicy } from '../followups/followups.policy.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { describeInstant, localDate } from '../shared/time.js';

/** Who is acting, in which organization, against which database and clock: passed to every use case. */
export interface Scope {
  db: Db;
  clock: Clock;
  org: Organization;
  /** The acting person, when one is known; use `requireActor` where a use case needs one. */
  actor: Person | null;
  /** A member signed in to the server: what they see and do is limited (src/policy/policy.ts). */
  bySession?: boolean;
  /** Where people reach the server (PUBLIC_URL, or the server's own address): links are made with it. */
  publicUrl?: string | undefined;
}

/**
 * Acting as one member within the policy's limits: signed in, or by a signed link or a known
 * sender address, never with the command line's run of the data.
 */
export const memberScope = (
  deps: { db: Db; clock: Clock; publicUrl?: string | undefined },
  org: Organization,
  actor: Person,
): Scope => ({ db: deps.db, clock: deps.clock, org, actor, bySession: true, publicUrl: deps.publicUrl });

export function requireActor(scope: Scope): Person {
  if (scope.actor) return scope.actor;
  throw new AppError(
    'no_actor',
    'Nobody is acting yet: add yourself first with `ft person add "Your Name" --email you@example.com`, or pass --as EMAIL.',
  );
}

export function policyOf(org: Organization): FollowUpPolicy {
  return {
    ...defaultFollowUpPolicy,
    hour: org.follow_up_hour,
    offsetWorkingDays: org.follow_up_offset_days,
    dueTodayReminders: org.due_today_reminders === 1,
  };
}

/** Today's date for the acting person (or the organization when nobody acts). */
export function today(scope: Scope): string {
  return localDate(scope.clock.now(), scope.actor?.time_zone ?? scope.org.time_zone);
}

export const nowIso = (scope: Scope): string => scope.clock.now().toISOString();

/** An instant as the acting person reads it: "Mon 30 Nov 09:00". */
export const localTime = (scope: Scope, instant: string): string =>
  describeInstant(instant, scope.actor?.time_zone ?? scope.org.time_zone, today(scope));
