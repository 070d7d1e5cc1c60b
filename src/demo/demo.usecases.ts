import { DateTime } from 'luxon';
import { getCommitments } from '../commitments/commitments.repository.js';
import { makeCommitment, moveDue, reassign } from '../commitments/commitments.usecases.js';
import type { Db } from '../db/database.js';
import type { Organization, Person } from '../db/schema.js';
import { listFollowUps } from '../followups/followups.repository.js';
import { answerFollowUp } from '../followups/followups.usecases.js';
import { tick } from '../followups/tick.js';
import { endMeeting, startMeeting } from '../meetings/meetings.usecases.js';
import { isEmptyOrganization, updateOrganization } from '../organizations/organizations.repository.js';
import type { Scope } from '../organizations/scope.js';
import { listPeople } from '../people/people.repository.js';
import { addPerson } from '../people/people.usecases.js';
import { addPlan } from '../plans/plans.usecases.js';
import { type Clock, ManualClock } from '../shared/clock.js';
import { conflict } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { wallClockToInstant } from '../shared/time.js';
import { wrapup } from '../wrapups/wrapups.usecases.js';
import {
  DEMO_WEEKS,
  demoAnswerPattern,
  demoContacts,
  demoHappened,
  demoLateMember,
  demoLearnings,
  demoManagerEmail,
  demoMembers,
  demoNextSteps,
  demoOneOnOnes,
} from './demo.script.js';

const ZONE = 'America/New_York';

/**
 * Fills an empty organization with a manager, her five sellers, their customers and six
 * weeks of weekly 1:1s ending now: commitments, follow-ups, answers, a renegotiated item,
 * a buy-back, one item in limbo, and this week's wrap-up still owed.
 */
export async function runDemo(db: Db, clock: Clock, org: Organization, publicUrl?: string) {
  if (!(await isEmptyOrganization(db, org.id))) {
    throw conflict(
      'data_not_empty',
      'The demo fills an empty data folder; this one holds people, meetings or commitments already. Use --data DIR for a new one.',
    );
  }
  const end = clock.now();
  const firstDay = DateTime.fromJSDate(end, { zone: ZONE })
    .startOf('week')
    .minus({ weeks: DEMO_WEEKS - 1 });
  const sim = new ManualClock(firstDay.minus({ days: 3 }).toJSDate());
  // The demo team works from New York, whatever this computer's zone.
  const base: Scope = {
    db,
    clock: sim,
    // The demo team's company, as in their addresses: "invited you to Northwind on Followthrough".
    org: await updateOrganization(db, org.id, { time_zone: ZONE, name: 'Northwind' }),
    actor: null,
    // The links its mails carry lead to where the server is reached.
    publicUrl,
  };

  for (const m of demoMembers) {
    await addPerson(base, {
      name: m.name,
      email: m.email,
      timeZone: m.tz,
      manager: m.manager,
      partner: m.partner,
    });
  }
  for (const c of demoContacts)
    await addPerson(base, { name: c.name, email: c.email, contact: true, timeZone: ZONE });
  await addPerson(base, {
    name: demoLateMember.name,
    email: demoLateMember.email,
    timeZone: ZONE,
    manager: 'lee@northwind.example',
  });
  const people = new Map((await listPeople(db, org.id)).map((p) => [p.email, p]));
  const as = (email: string): Scope => ({ ...base, actor: people.get(email) as Person });
  const mara = as(demoManagerEmail);
  // The demo is seen through the manager's eyes: she acts when nobody says --as.
  await updateOrganization(db, org.id, { default_actor_id: mara.actor?.id ?? null });
  const pendingLate: { id: number; at: Date }[] = [];
  const acme = await addPlan(mara, {
    kind: 'opportunity',
    name: 'Acme FY27 expansion',
    owner: 'dana@northwind.example',
    goal: 'Signed order for 400 seats',
    ends: firstDay.plus({ weeks: DEMO_WEEKS + 4 }).toISODate() as string,
  });
  await addPlan(mara, {
    kind: 'account',
    name: 'Globex renewal',
    owner: 'sam@northwind.example',
    goal: 'Renew at +10%',
  });

  let step = 0;
  let meetingsHeld = 0;
  const at = (date: string, time: string) => wallClockToInstant(date, time, ZONE);
  const reached = (instant: Date) => instant.getTime() <= end.getTime();

  for (let day = firstDay; day.toJSDate() < end; day = day.plus({ days: 1 })) {
    const date = day.toISODate() as string;
    const week = Math.floor(day.diff(firstDay, 'weeks').weeks);
    for (const time of ['09:00', '16:00']) {
      if (!reached(at(date, time))) break;
      sim.set(at(date, time));
      await tick(db, sim, { publicUrl });
      await answerWaiting(db, sim, org, people, at(date, time === '09:00' ? '11:30' : '16:30'), end);
    }
    for (const slot of demoOneOnOnes.filter((s) => s.weekday === day.weekday)) {
      const start = at(date, slot.time);
      if (!reached(new Date(start.getTime() + 3_600_000))) continue;
      sim.set(start);
      const { meeting } = await startMeeting(mara, { kind: 'one_on_one', with: [slot.seller] });
      const items = week % 2 === 0 ? 2 : 1;
      for (let i = 0; i < items; i++) {
        const next = demoNextSteps[step % demoNextSteps.length] as (typeof demoNextSteps)[number];
        step += 1;
        const limbo = week === 2 && slot.seller === 'ana@northwind.example' && i === 0;
        await makeCommitment(mara, {
          what: limbo ? 'Look into the pricing exception for Stark' : next.what,
          owner: slot.seller,
          due: limbo ? 'later' : (day.plus({ days: next.days }).toISODate() as string),
          with: [slot.contact],
          outcome: limbo ? undefined : next.outcome,
          meeting: formatId('meeting', meeting.id),
          plan: slot.seller === 'dana@northwind.example' && i === 1 ? formatId('plan', acme.id) : undefined,
          ask:
            i === 0 && week % 3 === 1
              ? `How did "${next.what}" go? Let's talk about what happened.`
              : undefined,
        });
      }
      sim.set(new Date(start.getTime() + 45 * 60_000));
      await endMeeting(mara, formatId('meeting', meeting.id));
      meetingsHeld += 1;
      // Wrap-ups usually go out the same afternoon; one is late, and this week's last is still owed.
      const lateOne = week === 1 && slot.seller === 'tom@northwind.example';
      const sendAt = lateOne ? at(day.plus({ days: 2 }).toISODate() as string, '09:30') : at(date, '17:00');
      if (reached(sendAt) && !(week === 3 && slot.seller === 'priya@northwind.example')) {
        if (!lateOne) {
          sim.set(sendAt);
          await wrapup(mara, formatId('meeting', meeting.id), {
            send: true,
            cc: slot.seller === 'dana@northwind.example' ? ['lee@northwind.example'] : [],
          });
        } else pendingLate.push({ id: meeting.id, at: sendAt });
      }
    }
    for (const late of pendingLate.filter((p) => p.at.toISOString().slice(0, 10) === date && reached(p.at))) {
      sim.set(late.at);
      await wrapup(mara, formatId('meeting', late.id), { send: true, cc: [] });
    }
    await storyBeats(week, day.weekday, date, { mara, as, sim, at, reached });
  }
  sim.set(end);
  await tick(db, sim, { publicUrl });
  return { people: people.size, meetings: meetingsHeld, commitments: step };
}

/** A few moments a manager would recognise: a date moved twice, a task bought back, a promise to oneself. */
async function storyBeats(
  week: number,
  weekday: number,
  date: string,
  ctx: {
    mara: Scope;
    as: (email: string) => Scope;
    sim: ManualClock;
    at: (d: string, t: string) => Date;
    reached: (i: Date) => boolean;
  },
) {
  const when = ctx.at(date, '15:00');
  if (!ctx.reached(when)) return;
  if (week === 1 && weekday === 5) {
    // A promise to himself: Sam's accountability partner Dana hears how it went.
    ctx.sim.set(when);
    await makeCommitment(ctx.as('sam@northwind.example'), {
      what: 'Finish module 3 of the negotiation course',
      owner: 'sam@northwind.example',
      due: DateTime.fromISO(date).plus({ days: 3 }).toISODate() as string,
      outcome: 'Use the anchoring technique in the Globex renewal',
    });
  }
  if (weekday !== 4 || (week !== 3 && week !== 4)) return;
  ctx.sim.set(when);
  const open = await ctx.mara.db
    .selectFrom('commitments')
    .innerJoin('people', 'people.id', 'commitments.owner_id')
    .select(['commitments.id', 'people.email'])
    .where('commitments.status', '=', 'open')
    .where('commitments.due_date', 'is not', null)
    .orderBy('commitments.id', 'desc')
    .execute();
  if (week === 3) {
    const priya = open.find((c) => c.email === 'priya@northwind.example');
    if (priya) {
      const id = formatId('commitment', priya.id);
      await moveDue(
        ctx.as('priya@northwind.example'),
        id,
        DateTime.fromISO(date).plus({ days: 5 }).toISODate() as string,
        'Customer asked to push to next week',
      );
      await moveDue(
        ctx.as('priya@northwind.example'),
        id,
        DateTime.fromISO(date).plus({ days: 9 }).toISODate() as string,
        'Their legal team is out',
      );
    }
  } else {
    const tom = open.find((c) => c.email === 'tom@northwind.example');
    if (tom)
      await reassign(ctx.mara, formatId('commitment', tom.id), demoManagerEmail, 'Leave it with me for now');
  }
}

/**
 * Sellers close their loops in the script's pattern: most report "done" on the due date,
 * before any follow-up fires; the rest answer their follow-up the morning after it is sent.
 */
async function answerWaiting(
  db: Db,
  sim: ManualClock,
  org: Organization,
  people: Map<string, Person>,
  when: Date,
  end: Date,
) {
  if (when.getTime() > end.getTime()) return;
  sim.set(when);
  const byId = new Map([...people.values()].map((p) => [p.id, p]));
  const today = DateTime.fromJSDate(when, { zone: ZONE }).toISODate() as string;
  const scheduled = await listFollowUps(db, org.id, { statuses: ['scheduled'] });
  const dueToday = new Set(
    (
      await getCommitments(
        db,
        org.id,
        scheduled.map((f) => f.commitment_id),
      )
    )
      .filter((c) => c.due_date === today)
      .map((c) => c.id),
  );
  const early = scheduled.filter(
    (f) => dueToday.has(f.commitment_id) && patternOf(f.id) === 'done' && f.id % 4 !== 0,
  );
  const sent = await listFollowUps(db, org.id, { statuses: ['sent'] });
  for (const f of [...early, ...sent]) {
    const answerer = byId.get(f.answerer_id);
    const pattern = patternOf(f.id);
    if (!answerer || pattern === 'none' || answerer.email === demoManagerEmail) continue;
    const scope: Scope = { db, clock: sim, org, actor: answerer };
    const later = DateTime.fromJSDate(when).plus({ days: 4 }).toISODate() as string;
    const withNext = pattern === 'partly' || pattern === 'not_done_next';
    await answerFollowUp(scope, formatId('follow_up', f.id), {
      outcome: pattern === 'not_done_next' ? 'not_done' : pattern,
      happened: demoHappened[f.id % demoHappened.length],
      learned: demoLearnings[f.id % demoLearnings.length],
      next: withNext ? 'Follow up with the customer on the open points' : undefined,
      nextDue: withNext ? later : undefined,
      newDue: pattern === 'not_done' ? later : undefined,
    });
  }
}

const patternOf = (followUpId: number) => demoAnswerPattern[followUpId % demoAnswerPattern.length] ?? 'done';
