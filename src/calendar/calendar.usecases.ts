import { getCommitments } from '../commitments/commitments.repository.js';
import { parseForwardDate } from '../dates/dates.options.js';
import { inTransaction } from '../db/database.js';
import type { AwayPeriod, Holiday, Person } from '../db/schema.js';
import { type MovedFollowUp, recomputeSchedules } from '../followups/followups.scheduling.js';
import { nowIso, requireActor, type Scope, today } from '../organizations/scope.js';
import { enqueue, type NewMessage } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { resolvePerson } from '../people/people.usecases.js';
import { accessOf, awayOwnersSeen, mayActFor, notAllowed, requireAdmin } from '../policy/policy.js';
import { groupBy } from '../shared/collections.js';
import { daysFrom, isRealDate } from '../shared/days.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId, parseId } from '../shared/ids.js';
import { limits, optionalLine, quoted } from '../shared/text.js';
import { describeInstant, localDate, shortDate } from '../shared/time.js';
import {
  deleteAway,
  deleteHoliday,
  getAway,
  insertAway,
  insertHolidays,
  listAway,
  listHolidays,
} from './calendar.repository.js';

/** The longest time away recorded at once. */
const MAX_AWAY_DAYS = 366;

export interface AwayInput {
  /** Whose time away: the acting person when not given. */
  person?: string | undefined;
  from: string;
  until: string;
  note?: string | undefined;
}

/**
 * Someone is out: their follow-ups wait for their first working day back, and whoever hears
 * those follow-ups' answers is told, once, what moved.
 */
export async function addAway(scope: Scope, input: AwayInput) {
  const actor = requireActor(scope);
  const person = input.person ? await resolvePerson(scope, input.person, { preferMembers: true }) : actor;
  if (!mayActFor(await accessOf(scope), person.id)) {
    throw notAllowed(
      `You may record time away for yourself and the people below you, not for ${person.name}.`,
    );
  }
  const dates = { now: scope.clock.now(), zone: person.time_zone };
  const from = parseForwardDate(input.from, { ...dates, option: '--from' });
  const until = parseForwardDate(input.until, { ...dates, option: '--until' });
  if (until < from) throw invalid('until_before_from', `--until ${until} is before --from ${from}.`);
  if (until < localDate(scope.clock.now(), person.time_zone)) {
    throw invalid('away_in_past', `${from} to ${until} is over already; time away is recorded ahead.`);
  }
  if (daysFrom(from, until) >= MAX_AWAY_DAYS) {
    throw invalid('away_too_long', `Time away is recorded a year at most at once (${from} to ${until}).`);
  }
  const note = optionalLine(input.note, 'A note', limits.reason);
  return inTransaction(scope.db, async (trx) => {
    const away = await insertAway(trx, {
      organization_id: scope.org.id,
      person_id: person.id,
      starts_on: from,
      ends_on: until,
      note,
      created_by_id: actor.id,
      created_at: nowIso(scope),
    });
    const moved = await recomputeSchedules(trx, { ...scope, db: trx }, [person.id]);
    const told = await tellHearers(trx, { ...scope, db: trx }, person, away, moved);
    return { person, away, moved, told };
  });
}

/** One message to each person who hears answers from someone now away, listing what moved. */
async function tellHearers(
  db: Scope['db'],
  scope: Scope,
  person: Person,
  away: AwayPeriod,
  moved: MovedFollowUp[],
): Promise<string[]> {
  const scheduled = moved.filter((m) => m.followUp.status === 'scheduled' && m.followUp.hearer_id !== null);
  if (scheduled.length === 0) return [];
  const hearers = new Map(
    (
      await getPeople(
        db,
        scope.org.id,
        scheduled.map((m) => m.followUp.hearer_id as number),
      )
    ).map((p) => [p.id, p]),
  );
  const commitments = new Map(
    (
      await getCommitments(
        db,
        scope.org.id,
        scheduled.map((m) => m.followUp.commitment_id),
      )
    ).map((c) => [c.id, c]),
  );
  const messages: NewMessage[] = [];
  for (const [hearerId, items] of groupBy(scheduled, (m) => m.followUp.hearer_id as number)) {
    const hearer = hearers.get(hearerId);
    if (!hearer || hearer.id === person.id || hearer.deactivated_at) continue;
    const day = today({ ...scope, actor: hearer });
    const lines = items.map((m) => {
      const c = commitments.get(m.followUp.commitment_id);
      return `  - ${c?.what ?? formatId('commitment', m.followUp.commitment_id)}: now ${describeInstant(m.to, hearer.time_zone, day)} (was ${describeInstant(m.from, hearer.time_zone, day)})`;
    });
    messages.push({
      kind: 'away',
      idempotency_key: `away:${away.id}:${hearer.id}`,
      recipient_id: hearer.id,
      recipient_email: hearer.email,
      subject: `${person.name} is away ${shortDate(away.starts_on, day)} to ${shortDate(away.ends_on, day)}`,
      body: [
        `Hi ${hearer.name.split(/\s+/)[0]},`,
        '',
        `${person.name} is away from ${shortDate(away.starts_on, day)} to ${shortDate(away.ends_on, day)}${away.note ? ` (${away.note})` : ''}. These follow-ups wait for the first working day back:`,
        ...lines,
      ].join('\n'),
      late: 0,
    });
  }
  await enqueue(db, scope.org.id, nowIso(scope), messages);
  return messages.map((m) => m.recipient_email);
}

/** Time away recorded by mistake: the follow-ups go back to the plain working days. */
export async function removeAway(scope: Scope, ref: string) {
  requireActor(scope);
  const id = parseId('away', ref);
  const access = await accessOf(scope);
  return inTransaction(scope.db, async (trx) => {
    const away = await getAway(trx, scope.org.id, id);
    if (!away || !mayActFor(access, away.person_id))
      throw notFound('away', formatId('away', id), 'See `ft away` for the ids.');
    await deleteAway(trx, away.id);
    const moved = await recomputeSchedules(trx, { ...scope, db: trx }, [away.person_id]);
    return { away, moved };
  });
}

/** Time away not over yet, of one person or everyone the scope may see, with who it is. */
export async function upcomingAway(scope: Scope, personRef?: string) {
  const person = personRef ? await resolvePerson(scope, personRef) : undefined;
  const seen = awayOwnersSeen(await accessOf(scope));
  const rows = (await listAway(scope.db, scope.org.id, today(scope), person?.id)).filter(
    (r) => !seen || seen.includes(r.person_id),
  );
  const people = new Map(
    (
      await getPeople(
        scope.db,
        scope.org.id,
        rows.map((r) => r.person_id),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((away) => ({ away, person: people.get(away.person_id) ?? null }));
}

/** A country's public holidays, from the maintained `date-holidays` data. */
async function publicHolidays(country: string, year: number): Promise<{ date: string; name: string }[]> {
  const { default: Holidays } = await import('date-holidays');
  const code = country.trim().toUpperCase();
  const known = new Holidays().getCountries('en') as Record<string, string>;
  if (!/^[A-Z]{2}$/.test(code) || !known[code]) {
    throw invalid(
      'unknown_country',
      `${quoted(country)} is not a country code the holiday data knows; use two letters, like US, DE or GB.`,
    );
  }
  const calendar = new Holidays(code, { languages: ['en'] });
  return calendar
    .getHolidays(year)
    .filter((h: { type: string }) => h.type === 'public')
    .map((h: { date: string; name: string }) => ({ date: h.date.slice(0, 10), name: h.name }));
}

export interface HolidayInput {
  date?: string | undefined;
  name?: string | undefined;
  country?: string | undefined;
  year?: string | undefined;
}

/**
 * Days the organization does not work: one date with a name, or a country's public holidays
 * for a year. Follow-ups already scheduled move to the next working day.
 */
export async function addHolidays(scope: Scope, input: HolidayInput) {
  requireActor(scope);
  requireAdmin(await accessOf(scope), "change the organization's holidays");
  let days: { date: string; name: string }[];
  let source = 'manual';
  if (input.country) {
    if (input.date) throw invalid('date_or_country', 'Give a date, or --country, not both.');
    const year = input.year ? Number(input.year) : Number(today(scope).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw invalid('invalid_year', `--year must be a year like ${today(scope).slice(0, 4)}.`);
    }
    days = await publicHolidays(input.country, year);
    source = `country:${input.country.trim().toUpperCase()}`;
  } else {
    if (!input.date)
      throw invalid('missing_date', 'Give the date: ft holidays add 2026-12-24 "Christmas Eve".');
    const date = isRealDate(input.date.trim())
      ? input.date.trim()
      : parseForwardDate(input.date, { now: scope.clock.now(), zone: scope.org.time_zone, option: 'DATE' });
    days = [{ date, name: optionalLine(input.name, 'A name', limits.name) ?? 'Holiday' }];
  }
  return inTransaction(scope.db, async (trx) => {
    const added = await insertHolidays(
      trx,
      days.map((d) => ({ organization_id: scope.org.id, ...d, source, created_at: nowIso(scope) })),
    );
    if (added.length === 0 && !input.country) {
      throw conflict('holiday_exists', `${days[0]?.date} is a holiday here already; see \`ft holidays\`.`);
    }
    const moved = added.length ? await recomputeSchedules(trx, { ...scope, db: trx }, 'everyone') : [];
    return { added, known: days.length - added.length, moved };
  });
}

export async function removeHoliday(scope: Scope, date: string) {
  requireActor(scope);
  requireAdmin(await accessOf(scope), "change the organization's holidays");
  if (!isRealDate(date.trim()))
    throw invalid('invalid_date', `${quoted(date)} is not a date; use YYYY-MM-DD.`);
  return inTransaction(scope.db, async (trx) => {
    const removed = await deleteHoliday(trx, scope.org.id, date.trim());
    if (!removed) throw notFound('holiday', date.trim(), 'See `ft holidays` for the dates.');
    const moved = await recomputeSchedules(trx, { ...scope, db: trx }, 'everyone');
    return { removed, moved };
  });
}

export function holidaysOfYear(scope: Scope, year: string | undefined): Promise<Holiday[]> {
  const y = year ?? today(scope).slice(0, 4);
  if (!/^\d{4}$/.test(y)) throw invalid('invalid_year', '--year must be a year like 2027.');
  return listHolidays(scope.db, scope.org.id, `${y}-01-01`, `${y}-12-31`);
}
