import { randomBytes } from 'node:crypto';
import { DEFAULT_PUBLIC_URL } from '../answers/answer.links.js';
import type { Db } from '../db/database.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { icsOf } from './feeds.ics.js';
import { feedItems, feedOwner, feedToken, setFeedToken } from './feeds.repository.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarLink {
  url: string;
  /** Made by this call: any address given before no longer works (rotated). */
  rotated: boolean;
}

const linkOf = (scope: Scope, token: string) => `${scope.publicUrl ?? DEFAULT_PUBLIC_URL}/cal/${token}.ics`;

function requireMember(scope: Scope) {
  const actor = requireActor(scope);
  if (actor.kind !== 'member') {
    throw new AppError(
      'not_a_member',
      `${actor.name} is a customer contact: only members have a calendar.`,
      403,
    );
  }
  return actor;
}

/** The acting member's secret calendar address, made the first time they ask. */
export async function myCalendarLink(scope: Scope): Promise<CalendarLink> {
  const actor = requireMember(scope);
  const token = await feedToken(scope.db, actor.id);
  if (token) return { url: linkOf(scope, token), rotated: false };
  const made = randomBytes(32).toString('base64url');
  await setFeedToken(scope.db, actor, made, nowIso(scope));
  return { url: linkOf(scope, made), rotated: false };
}

/** A new secret address for the acting member's calendar: the old one stops working at once. */
export async function rotateCalendarLink(scope: Scope): Promise<CalendarLink> {
  const actor = requireMember(scope);
  const made = randomBytes(32).toString('base64url');
  await setFeedToken(scope.db, actor, made, nowIso(scope));
  return { url: linkOf(scope, made), rotated: true };
}

/**
 * The calendar a feed's token names, as iCalendar text; null for a token that names nobody
 * (never made, rotated away, or its member left), which the server answers with 404.
 */
export async function calendarFeed(db: Db, clock: Clock, token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const owner = await feedOwner(db, token);
  if (!owner) return null;
  const items = await feedItems(db, owner.person);
  return icsOf({ name: owner.person.name, ...items }, { organizationId: owner.org.id, now: clock.now() });
}
