import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';

/**
 * What a sales team's first real week needs (issue 7), seen from the command line: an honest
 * follow-through rate, wrap-ups safe to send to customers, edit and undo, agendas that see
 * all of a person's work, people rather than names, the note styles real notes use, dates
 * that cannot be wrong silently, time away and holidays, and the manager's team at a glance.
 *
 * The calendar: Monday 23 November 2026 in New York (UTC−5), so 09:00 there is 14:00Z and
 * 08:30 is 13:30Z. Thursday 26 November is Thanksgiving, a working day unless made a holiday.
 */

const NY = 'America/New_York';
const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
const sam = 'sam@northwind.example';
const lee = 'lee@northwind.example';
const jo = 'jo@acme.example';
const kim = 'kim@globex.example';

/** Monday 23 November 2026, 10:00 in New York. */
const MONDAY = '2026-11-23T15:00:00Z';

interface PersonRef {
  name: string;
  email: string;
}

interface FollowUpJson {
  id: string;
  commitment: string;
  status: string;
  fireAt: string;
  sentAt: string | null;
  answerDueAt: string | null;
  answeredAt: string | null;
  outcome: string | null;
  ask: string | null;
}

interface CommitmentJson {
  id: string;
  what: string;
  owner: PersonRef | null;
  with: PersonRef[];
  outcome: string | null;
  due: string | null;
  dueAt: string | null;
  vagueDue: string | null;
  status: string;
  plan: string | null;
  meeting: string | null;
  needs: string | null;
  renegotiations: number;
  visibility: 'shared' | 'internal';
  doneOn: string | null;
  delegatedBy: PersonRef | null;
  followUp: FollowUpJson | null;
}

interface ShownJson extends CommitmentJson {
  followUps: FollowUpJson[];
  timeline: ({ kind: string } & Record<string, unknown>)[];
}

interface Message {
  id: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  late: boolean;
  createdAt: string;
}

interface StatsJson {
  scope: string;
  since: string;
  until: string;
  due: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  openOverdue: number;
  followThroughRate: number | null;
  followUpsSent: number;
  followUpsAnswered: number;
  medianDaysLate: number | null;
  renegotiations: number;
}

/** Runs a command with --json and returns what it printed; fails the test when it is refused. */
async function json<T>(database: TestDatabase, now: string, args: string[]): Promise<T> {
  const doc = (await ftOk(database, now, [...args, '--json'])).json<T | { commitments: T }>();
  // `ft list --json` is a page: its commitments, with a total and a cursor.
  return args[0] === 'list' ? (doc as { commitments: T }).commitments : (doc as T);
}

/** Asserts a command is refused with exit code 1 and this error code. */
async function refused(database: TestDatabase, now: string, args: string[], code: string): Promise<void> {
  const result = await ft(database, now, [...args, '--json']);
  assert.equal(result.code, 1, `ft ${args.join(' ')} should be refused with ${code}: ${result.stdout}`);
  const error = JSON.parse(result.stderr) as { error: { code: string; message: string } };
  assert.equal(error.error.code, code, `ft ${args.join(' ')}: ${error.error.message}`);
}

const show = (database: TestDatabase, now: string, id: string) =>
  json<ShownJson>(database, now, ['show', id]);

const outbox = async (database: TestDatabase, now: string, kind?: string) =>
  json<Message[]>(database, now, ['outbox', '--last', '500', ...(kind ? ['--kind', kind] : [])]);

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** Adds a member who reports to Mara (or to nobody, for Mara herself). */
async function addMember(
  database: TestDatabase,
  name: string,
  email: string,
  extra: string[] = ['--manager', mara],
): Promise<void> {
  await ftOk(database, MONDAY, ['person', 'add', name, '--email', email, '--tz', NY, ...extra]);
}

/** Mara Chen manages Dana Ruiz, Sam Patel and Lee Wong, all in New York; Jo Park is a contact at Acme. */
async function addTeam(database: TestDatabase): Promise<void> {
  await addMember(database, 'Mara Chen', mara, []);
  await addMember(database, 'Dana Ruiz', dana);
  await addMember(database, 'Sam Patel', sam);
  await addMember(database, 'Lee Wong', lee);
  await ftOk(database, MONDAY, ['person', 'add', 'Jo Park', '--email', jo, '--contact']);
}

/** `ft commit WHAT --owner OWNER --due DUE …`, as Mara unless --as says otherwise. */
async function commit(
  database: TestDatabase,
  now: string,
  what: string,
  owner: string,
  due: string,
  extra: string[] = [],
): Promise<CommitmentJson> {
  return json<CommitmentJson>(database, now, ['commit', what, '--owner', owner, '--due', due, ...extra]);
}

/** The next day that is not a Saturday or a Sunday, as YYYY-MM-DD. */
function nextWorkingDay(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

/** A fresh, migrated, empty database for each test of the suite; returns how to reach it. */
function freshDatabaseEachTest(dialect: 'sqlite' | 'postgres'): () => TestDatabase {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });
  return () => database;
}

onEachDatabase('first week, 1: an honest follow-through rate', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('the trial: ten steps done by their dates and reported on the next working day score 100%', async () => {
    const database = db();
    await addTeam(database);
    const start = '2026-11-30T15:00:00Z';
    const steps: [string, string, string][] = [
      [dana, 'Send revised pricing to Acme', '2026-12-01'],
      [dana, 'Book the security review', '2026-12-03'],
      [dana, 'Share the mutual action plan', '2026-12-04'],
      [dana, 'Confirm the pilot scope', '2026-12-09'],
      [sam, 'Call the Globex CFO', '2026-12-02'],
      [sam, 'Send the ROI model', '2026-12-04'],
      [sam, 'Map the buying committee', '2026-12-07'],
      [lee, 'Demo the reporting module', '2026-12-01'],
      [lee, 'Get the legal redlines back', '2026-12-03'],
      [lee, 'Agree the rollout dates', '2026-12-08'],
    ];
    const made = [];
    for (const [owner, what, due] of steps) {
      const c = await commit(database, start, what, owner, due, ['--outcome', 'The deal moves on']);
      // The follow-up asks the working day after the due date, at 09:00 in New York.
      assert.equal(c.followUp?.fireAt, `${nextWorkingDay(due)}T14:00:00.000Z`);
      made.push({ id: c.id, owner, due, fireDay: nextWorkingDay(due) });
    }

    // Each follow-up goes out at 09:00 and is answered the next working day at 10:00: done, by its date.
    const events = [
      ...[...new Set(made.map((m) => m.fireDay))].map((day) => ({ at: `${day}T14:00:00Z`, answer: null })),
      ...made.map((m) => ({ at: `${nextWorkingDay(m.fireDay)}T15:00:00Z`, answer: m })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    for (const event of events) {
      if (!event.answer) {
        await ftOk(database, event.at, ['tick']);
        continue;
      }
      const followUp = (await show(database, event.at, event.answer.id)).followUp as FollowUpJson;
      assert.equal(followUp.status, 'sent');
      await ftOk(database, event.at, [
        '--as',
        event.answer.owner,
        'answer',
        followUp.id,
        '--outcome',
        'done',
        '--happened',
        'Done as agreed',
      ]);
    }

    for (const m of made) {
      const c = await show(database, '2026-12-15T16:00:00Z', m.id);
      assert.deepEqual([c.status, c.doneOn], ['done', m.due], `${m.id} was done by its date`);
    }
    const stats = await json<StatsJson>(database, '2026-12-15T16:00:00Z', ['stats', '--team', mara]);
    assert.equal(stats.scope, 'team');
    assert.equal(stats.due, 10);
    assert.equal(stats.doneOnTime, 10);
    assert.equal(stats.doneLate, 0);
    assert.equal(stats.missed, 0);
    assert.equal(stats.followThroughRate, 1);
    assert.equal(stats.followUpsSent, 10);
    assert.equal(stats.followUpsAnswered, 10);
    assert.equal(stats.medianDaysLate, null);
  });

  it('a done answer before the date is done today; --done-on a later day counts late, and says so', async () => {
    const database = db();
    await addTeam(database);
    const early = await commit(database, MONDAY, 'Send the deck', dana, '2026-11-27', [
      '--outcome',
      'Jo reads it',
    ]);
    const late = await commit(database, MONDAY, 'Call Jo', dana, '2026-11-24', ['--outcome', 'Meeting set']);

    // Answered on Wednesday, before its follow-up (Monday 30th) went out: done on Wednesday.
    const answeredEarly = await ftOk(database, '2026-11-25T15:00:00Z', [
      '--as',
      dana,
      'answer',
      early.followUp?.id as string,
      '--outcome',
      'done',
    ]);
    assert.equal(answeredEarly.stdout, 'Answered f1: c1 is done, on time (done by 2026-11-27).\n');
    assert.equal((await show(database, '2026-11-25T15:00:00Z', early.id)).doneOn, '2026-11-25');

    // Due Tuesday, asked Wednesday, answered Thursday: "done later, on Wednesday".
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    const [asked] = await outbox(database, '2026-11-25T14:00:00Z', 'follow_up');
    assert.deepEqual(asked?.body.split('\n').slice(-3, -1), [
      'Done by Tue 24 Nov? Answer: ft answer f2 --outcome done --happened "…" --learned "…"',
      'Done later? Add the day: --done-on DATE.',
    ]);
    const answeredLate = await ftOk(database, '2026-11-26T15:00:00Z', [
      '--as',
      dana,
      'answer',
      late.followUp?.id as string,
      '--outcome',
      'done',
      '--done-on',
      '2026-11-25',
    ]);
    assert.equal(answeredLate.stdout, 'Answered f2: c2 is done, late (done 2026-11-25, due 2026-11-24).\n');
    assert.equal((await show(database, '2026-11-26T15:00:00Z', late.id)).doneOn, '2026-11-25');
    const told = (await outbox(database, '2026-11-26T15:00:00Z', 'answer')).filter((m) =>
      m.createdAt.startsWith('2026-11-26'),
    );
    assert.deepEqual(
      told.map((m) => [m.to, m.body.split('\n')[2]]),
      [[mara, 'Dana Ruiz answered the follow-up on "Call Jo": done, late (Wed 25 Nov, due Tue 24 Nov).']],
    );

    const stats = await json<StatsJson>(database, '2026-12-01T16:00:00Z', ['stats', '--person', dana]);
    assert.deepEqual(
      [stats.due, stats.doneOnTime, stats.doneLate, stats.followThroughRate, stats.medianDaysLate],
      [2, 1, 1, 0.5, 1],
    );
  });

  it('ft done is today; --on a past day; a future day or one before it was agreed is refused; --on corrects a done step', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send the deck', dana, '2026-11-27', ['--outcome', 'Jo reads it']);
    await commit(database, MONDAY, 'Call Jo', dana, '2026-11-24', ['--outcome', 'Meeting set']);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-11-26', ['--outcome', 'Demo booked']);
    await commit(database, MONDAY, 'Send the MSA', dana, '2026-12-04', ['--outcome', 'Legal starts']);

    const today = await ftOk(database, '2026-11-25T20:00:00Z', ['done', 'c1']);
    assert.equal(today.stdout, 'c1 done today: on time.\n');
    assert.equal((await show(database, '2026-11-25T20:00:00Z', 'c1')).doneOn, '2026-11-25');

    // Friday 27 November: yesterday is Thursday 26th, after c2's date.
    const yesterday = await ftOk(database, '2026-11-27T15:00:00Z', ['done', 'c2', '--on', 'yesterday']);
    assert.equal(
      yesterday.stdout,
      'c2 done on Thu 26 Nov, after its date (Tue 24 Nov): counted late. Done by then? ft done c2 --on DATE\n',
    );
    assert.equal((await show(database, '2026-11-27T15:00:00Z', 'c2')).doneOn, '2026-11-26');

    // It was done on Tuesday after all: the day is corrected, and the change kept.
    const corrected = await ftOk(database, '2026-11-27T15:05:00Z', ['done', 'c2', '--on', 'tuesday']);
    assert.equal(corrected.stdout, 'c2 done on Tue 24 Nov: on time.\n');
    const c2 = await show(database, '2026-11-27T15:05:00Z', 'c2');
    assert.equal(c2.doneOn, '2026-11-24');
    assert.deepEqual(
      c2.timeline.filter((e) => e.kind === 'done_on_corrected').map((e) => [e.from, e.to]),
      [['2026-11-26', '2026-11-24']],
    );

    await ftOk(database, '2026-11-27T15:10:00Z', ['done', 'c3', '--on', 'thursday']);
    assert.equal((await show(database, '2026-11-27T15:10:00Z', 'c3')).doneOn, '2026-11-26');

    await refused(database, '2026-11-27T15:15:00Z', ['done', 'c4', '--on', '2026-11-28'], 'date_in_future');
    await refused(
      database,
      '2026-11-27T15:15:00Z',
      ['done', 'c4', '--on', '2026-11-20'],
      'done_before_agreed',
    );
    assert.equal((await show(database, '2026-11-27T15:15:00Z', 'c4')).status, 'open');

    const stats = await json<StatsJson>(database, '2026-12-01T16:00:00Z', ['stats', '--person', dana]);
    assert.deepEqual([stats.due, stats.doneOnTime, stats.doneLate, stats.followThroughRate], [3, 3, 0, 1]);
  });

  it("counts the day of ft done in the owner's zone", async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['person', 'edit', sam, '--tz', 'Asia/Tokyo']);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-27', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Call Globex', sam, '2026-11-27', ['--outcome', 'Meeting set']);
    // Friday 27 November, 20:00 in New York, is already Saturday 10:00 in Tokyo.
    const at = '2026-11-28T01:00:00Z';
    await ftOk(database, at, ['done', 'c1']);
    await ftOk(database, at, ['done', 'c2']);
    assert.equal((await show(database, at, 'c1')).doneOn, '2026-11-27');
    assert.equal((await show(database, at, 'c2')).doneOn, '2026-11-28');
    const stats = await json<StatsJson>(database, '2026-12-01T16:00:00Z', ['stats', '--team', mara]);
    assert.deepEqual([stats.due, stats.doneOnTime, stats.doneLate], [2, 1, 1]);
  });

  it('accepts a done answer on a step agreed after its date: done on the day it was agreed, never before', async () => {
    const database = db();
    await addTeam(database);
    // Written down on Monday for the Friday before; asked at the next tick, answered done.
    const c = await commit(database, MONDAY, 'Send the recap', dana, '2026-11-20', [
      '--outcome',
      'Jo has it',
    ]);
    await ftOk(database, '2026-11-23T15:05:00Z', ['tick']);
    await ftOk(database, '2026-11-23T16:00:00Z', [
      '--as',
      dana,
      'answer',
      c.followUp?.id as string,
      '--outcome',
      'done',
    ]);
    const done = await show(database, '2026-11-23T16:00:00Z', c.id);
    assert.deepEqual([done.status, done.doneOn], ['done', '2026-11-23']);
  });

  it('refuses ft done --on tomorrow or "next friday" as a day still to come (date_in_future)', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send the MSA', dana, '2026-12-04', ['--outcome', 'Legal starts']);
    await refused(database, '2026-11-27T15:15:00Z', ['done', 'c1', '--on', 'tomorrow'], 'date_in_future');
    // On a Friday, "next friday" is a week ahead, not today.
    await refused(database, '2026-11-27T15:15:00Z', ['done', 'c1', '--on', 'next friday'], 'date_in_future');
    assert.equal((await show(database, '2026-11-27T15:15:00Z', 'c1')).status, 'open');
  });

  it('sends one "due today" reminder per person per tick at 08:30 their time on a working due date, to whoever answers', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['person', 'edit', sam, '--tz', 'Europe/Berlin']);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-25', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-11-25', ['--outcome', 'Demo booked']);
    await commit(database, MONDAY, 'Send the signed MSA', jo, '2026-11-25', ['--outcome', 'Legal starts']);
    await commit(database, MONDAY, 'Call Globex', sam, '2026-11-25', ['--outcome', 'Meeting set']);
    await commit(database, MONDAY, 'Weekend reading', dana, '2026-11-28', ['--outcome', 'Ready']);
    await commit(database, MONDAY, 'Send the recap', dana, '2026-11-26', ['--outcome', 'Recap sent']);

    // 08:30 in Berlin is 07:30Z: Sam first.
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T07:29:00Z', ['tick'])).reminded, 0);
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T07:30:00Z', ['tick'])).reminded, 1);
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T13:29:00Z', ['tick'])).reminded, 0);
    // 08:30 in New York: Dana's two steps in one message, and Jo's step to Mara, who answers its follow-up.
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T13:30:00Z', ['tick'])).reminded, 3);
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T13:31:00Z', ['tick'])).reminded, 0);

    const reminders = await outbox(database, '2026-11-25T13:31:00Z', 'due_today');
    assert.deepEqual(reminders.map((m) => [m.createdAt, m.to, m.subject]).sort(), [
      ['2026-11-25T07:30:00.000Z', sam, 'Due today: Call Globex'],
      ['2026-11-25T13:30:00.000Z', dana, 'Due today: 2 next steps'],
      ['2026-11-25T13:30:00.000Z', mara, 'Due today: Send the signed MSA'],
    ]);
    const toDana = reminders.find((m) => m.to === dana) as Message;
    assert.equal(
      toDana.body,
      [
        'Hi Dana,',
        '',
        'Due today, Wed 25 Nov:',
        '  - Send pricing (c1)',
        '  - Book the demo (c2)',
        '',
        'Done? ft done c1 (it counts as on time today). Need more time? ft move c1 --due DATE --reason "…"',
      ].join('\n'),
    );
    assert.match(
      (reminders.find((m) => m.to === mara) as Message).body,
      /^ {2}- Send the signed MSA \(owner: Jo Park\) \(c3\)$/m,
    );

    // Thursday's step is reminded Thursday; Saturday is no working day, so nothing then.
    assert.equal((await json<{ reminded: number }>(database, '2026-11-26T13:30:00Z', ['tick'])).reminded, 1);
    assert.equal((await json<{ reminded: number }>(database, '2026-11-28T13:30:00Z', ['tick'])).reminded, 0);
    assert.equal((await outbox(database, '2026-11-28T13:30:00Z', 'due_today')).length, 4);
  });

  it('--due-today-reminders off stops the reminders of follow-ups scheduled afterwards', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-25', ['--outcome', 'Budget']);
    const settings = await json<{ dueTodayReminders: boolean }>(database, '2026-11-23T15:05:00Z', [
      'settings',
      '--due-today-reminders',
      'off',
    ]);
    assert.equal(settings.dueTodayReminders, false);
    await commit(database, '2026-11-23T15:06:00Z', 'Book the demo', dana, '2026-11-25', [
      '--outcome',
      'Booked',
    ]);
    assert.equal((await json<{ reminded: number }>(database, '2026-11-25T13:30:00Z', ['tick'])).reminded, 1);
    const reminders = await outbox(database, '2026-11-25T13:30:00Z', 'due_today');
    assert.deepEqual(
      reminders.map((m) => [m.to, m.subject]),
      [[dana, 'Due today: Send pricing']],
    );
  });

  it('refuses an answer, or a done, before its follow-up went out, and changes nothing', async () => {
    const database = db();
    await addTeam(database);
    const c = await commit(database, MONDAY, 'Call Jo', dana, '2026-11-24', ['--outcome', 'Meeting set']);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    const f = c.followUp?.id as string;
    await refused(
      database,
      '2026-11-25T13:59:00Z',
      ['--as', dana, 'answer', f, '--outcome', 'done'],
      'answer_before_sent',
    );
    await refused(database, '2026-11-25T13:59:00Z', ['--as', dana, 'done', c.id], 'answer_before_sent');
    const after = await show(database, '2026-11-25T14:30:00Z', c.id);
    assert.deepEqual([after.status, after.doneOn, after.followUp?.status], ['open', null, 'sent']);
  });
});

interface WrapupJson {
  versions: { audience: 'members' | 'customer'; to: PersonRef[]; subject: string; body: string }[];
  skipped: PersonRef[];
  sentTo: string[];
}

/** A customer call with Dana and Jo: two steps Jo may see, two that stay inside. */
async function customerCall(database: TestDatabase): Promise<void> {
  await addTeam(database);
  await ftOk(database, MONDAY, [
    'meeting',
    'start',
    '--kind',
    'customer',
    '--with',
    `${dana},${jo}`,
    '--at',
    '2026-11-23 10:00',
  ]);
  await ftOk(database, '2026-11-23T15:20:00Z', [
    'note',
    'm1',
    '--text',
    [
      'Jo to send the signed order form by Friday so that legal can start',
      'Dana to send revised pricing to Jo by Thursday',
      'Dana to update the forecast by Friday',
      'Mara to look at discount approval later',
    ].join('\n'),
  ]);
  await ftOk(database, '2026-11-23T15:45:00Z', ['meeting', 'end', 'm1']);
}

const customerWrapup = [
  'Hi Jo,',
  '',
  'Thank you for your time on Mon 23 Nov 2026. Here are the next steps we agreed:',
  '',
  '1. Send revised pricing to Jo',
  '   Who: Dana Ruiz',
  '   With: Jo Park',
  '   By: Thu 26 Nov 2026',
  '',
  '2. Send the signed order form',
  '   Who: Jo Park',
  '   So that: legal can start',
  '   By: Fri 27 Nov 2026',
  '',
  'Best regards,',
  'Mara Chen',
].join('\n');

onEachDatabase('first week, 2: wrap-ups safe to send to a customer', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('a step owned by a contact or done with one is shared; others internal; --shared/--internal choose', async () => {
    const database = db();
    await addTeam(database);
    const visibility = async (id: string) => (await show(database, MONDAY, id)).visibility;
    await commit(database, MONDAY, 'Send the signed MSA', jo, 'friday');
    await commit(database, MONDAY, 'Send pricing', dana, 'friday', ['--with', jo]);
    await commit(database, MONDAY, 'Update the forecast', dana, 'friday');
    await commit(database, MONDAY, 'Ask Jo about budget', dana, 'friday', ['--with', jo, '--internal']);
    await commit(database, MONDAY, 'Send the case study', dana, 'friday', ['--shared']);
    assert.deepEqual(
      [
        await visibility('c1'),
        await visibility('c2'),
        await visibility('c3'),
        await visibility('c4'),
        await visibility('c5'),
      ],
      ['shared', 'shared', 'internal', 'internal', 'shared'],
    );
    assert.equal(
      (await json<CommitmentJson>(database, MONDAY, ['edit', 'c2', '--internal'])).visibility,
      'internal',
    );
    assert.equal(
      (await json<CommitmentJson>(database, MONDAY, ['edit', 'c3', '--shared'])).visibility,
      'shared',
    );
    assert.deepEqual([await visibility('c2'), await visibility('c3')], ['internal', 'shared']);
    await refused(
      database,
      MONDAY,
      ['commit', 'X', '--owner', dana, '--due', 'friday', '--shared', '--internal'],
      'shared_or_internal',
    );
  });

  it('ft wrapup previews each version with its recipients: the contact gets shared steps in plain words only', async () => {
    const database = db();
    await customerCall(database);
    const preview = await json<WrapupJson>(database, '2026-11-23T16:00:00Z', ['wrapup', 'm1']);
    assert.deepEqual(
      preview.versions.map((v) => [v.audience, v.to.map((p) => p.email)]),
      [
        ['members', [mara, dana]],
        ['customer', [jo]],
      ],
    );
    const [members, customer] = preview.versions;
    assert.equal(customer?.subject, 'Next steps from our meeting on Mon 23 Nov 2026');
    assert.equal(customer?.body, customerWrapup);
    for (const leak of [/\bc\d+\b/, /\bm\d+\b/, /limbo/i, /⚠/, /forecast/i, /discount/i, /internal/i]) {
      assert.doesNotMatch(customer?.body ?? '', leak);
    }
    // Members get the whole wrap-up, with ids to act on and the warnings.
    assert.match(members?.body ?? '', /^# Wrap-up: customer m1, Mon 23 Nov 2026 10:00$/m);
    assert.match(members?.body ?? '', /^3\. \*\*Update the forecast\*\* \(c3\)$/m);
    assert.match(members?.body ?? '', /^ {3}- Internal$/m);
    assert.match(
      members?.body ?? '',
      /^ {3}- ⚠ In limbo: no due, no outcome\. Agree it before this goes out\.$/m,
    );
    assert.deepEqual(preview.skipped, []);
    assert.deepEqual(preview.sentTo, []);
    assert.deepEqual(await outbox(database, '2026-11-23T16:00:00Z', 'wrapup'), [], 'a preview sends nothing');

    const text = await ftOk(database, '2026-11-23T16:00:00Z', ['wrapup', 'm1']);
    assert.match(text.stdout, /^To Mara Chen, Dana Ruiz \(the whole wrap-up\):$/m);
    assert.match(text.stdout, /^To Jo Park <jo@acme\.example> \(customer: shared steps only\):$/m);
  });

  it('--send writes exactly the previewed bodies to the outbox, one message per recipient', async () => {
    const database = db();
    await customerCall(database);
    const preview = await json<WrapupJson>(database, '2026-11-23T16:00:00Z', ['wrapup', 'm1']);
    const sent = await json<WrapupJson>(database, '2026-11-23T16:01:00Z', ['wrapup', 'm1', '--send']);
    assert.deepEqual(sent.sentTo, [mara, dana, jo]);
    const messages = await outbox(database, '2026-11-23T16:01:00Z', 'wrapup');
    // The owner of delegated steps gets the previewed wrap-up after a section asking for her word.
    const ask =
      /^## Your steps: do you agree\?\n\n([\s\S]*?)\n\nUntil you answer, each stays "not yet agreed"\.\n\n/;
    const asked = messages.map((m) => [
      m.to,
      [...(ask.exec(m.body)?.[1] ?? '').matchAll(/\*\*(.+?)\*\*/g)].map((s) => s[1]),
    ]);
    assert.deepEqual(asked.sort(), [
      [dana, ['Send revised pricing to Jo', 'Update the forecast']],
      [jo, []],
      [mara, []],
    ]);
    const expected = preview.versions.flatMap((v) => v.to.map((p) => [p.email, v.subject, v.body]));
    assert.deepEqual(messages.map((m) => [m.to, m.subject, m.body.replace(ask, '')]).sort(), expected.sort());
    assert.equal((messages.find((m) => m.to === jo) as Message).body, customerWrapup);
  });

  it("a contact of another customer, copied in, gets nothing of this customer's shared steps", async () => {
    const database = db();
    await customerCall(database);
    const rita = 'rita@globex.example';
    await ftOk(database, MONDAY, ['person', 'add', 'Rita Gomez', '--email', rita, '--contact']);
    const preview = await json<WrapupJson>(database, '2026-11-23T16:00:00Z', ['wrapup', 'm1', '--cc', rita]);
    assert.deepEqual(
      preview.versions.map((v) => [v.audience, v.to.map((p) => p.email)]),
      [
        ['members', [mara, dana]],
        ['customer', [jo]],
      ],
    );
    assert.deepEqual(preview.skipped, [{ name: 'Rita Gomez', email: rita }]);
  });

  it('a contact with no shared step gets nothing and is listed as skipped', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
    await commit(database, MONDAY, 'Update the forecast', dana, 'friday', [
      '--meeting',
      'm1',
      '--outcome',
      'Clean pipeline',
    ]);
    await ftOk(database, '2026-11-23T15:30:00Z', ['meeting', 'end', 'm1']);
    const preview = await json<WrapupJson>(database, '2026-11-23T15:40:00Z', ['wrapup', 'm1', '--cc', jo]);
    assert.deepEqual(
      preview.versions.map((v) => [v.audience, v.to.map((p) => p.email)]),
      [['members', [mara, dana]]],
    );
    assert.deepEqual(preview.skipped, [{ name: 'Jo Park', email: jo }]);
    const text = await ftOk(database, '2026-11-23T15:40:00Z', ['wrapup', 'm1', '--cc', jo]);
    assert.match(
      text.stdout,
      /^Nothing for Jo Park <jo@acme\.example>: no step agreed here is shared with them\.$/m,
    );
    await ftOk(database, '2026-11-23T15:41:00Z', ['wrapup', 'm1', '--send', '--cc', jo]);
    assert.deepEqual((await outbox(database, '2026-11-23T15:41:00Z', 'wrapup')).map((m) => m.to).sort(), [
      dana,
      mara,
    ]);
  });
});

onEachDatabase('first week, 3: edit and undo', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('ft edit corrects what, outcome, with (replaced; "none" clears), needs and ask without renegotiating', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricng', dana, '2026-11-27', ['--with', jo]);
    const edited = await ftOk(database, '2026-11-23T16:00:00Z', [
      'edit',
      'c1',
      '--what',
      'Send pricing',
      '--outcome',
      'Budget approved',
      '--with',
      sam,
      '--needs',
      'Deal desk sign-off',
      '--ask',
      'Did finance reply?',
    ]);
    assert.equal(
      edited.stdout.split('\n')[0],
      'c1 corrected (what, outcome, needs, with, ask): Send pricing',
    );
    const c1 = await show(database, '2026-11-23T16:00:00Z', 'c1');
    assert.equal(c1.what, 'Send pricing');
    assert.equal(c1.outcome, 'Budget approved');
    assert.deepEqual(c1.with, [{ name: 'Sam Patel', email: sam }]);
    assert.equal(c1.needs, 'Deal desk sign-off');
    assert.equal(c1.followUp?.ask, 'Did finance reply?');
    assert.equal(c1.due, '2026-11-27');
    assert.equal(c1.renegotiations, 0);
    assert.deepEqual(
      c1.timeline.map((e) => e.kind),
      ['created', 'edited'],
    );
    assert.deepEqual(
      (await json<CommitmentJson>(database, '2026-11-23T16:01:00Z', ['edit', 'c1', '--with', 'none'])).with,
      [],
    );
    await refused(database, '2026-11-23T16:02:00Z', ['edit', 'c1'], 'nothing_to_change');
  });

  it('ft edit --due is a correction for a first date or within 10 minutes; later it is a renegotiation, refused', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-11-27', ['--outcome', 'Demo booked']);
    const fixed = await json<CommitmentJson>(database, '2026-11-23T15:10:00Z', [
      'edit',
      'c1',
      '--due',
      '2026-11-30',
    ]);
    assert.deepEqual(
      [fixed.due, fixed.renegotiations, fixed.followUp?.fireAt],
      ['2026-11-30', 0, '2026-12-01T14:00:00.000Z'],
    );
    await refused(
      database,
      '2026-11-23T15:10:01Z',
      ['edit', 'c1', '--due', '2026-12-01'],
      'due_is_renegotiation',
    );
    assert.equal((await show(database, '2026-11-23T15:11:00Z', 'c1')).due, '2026-11-30');

    // A step agreed with no date gets its first one whenever: a correction, and its follow-up is scheduled.
    await commit(database, MONDAY, 'Look into the discount', dana, 'later');
    const dated = await json<CommitmentJson>(database, '2026-11-24T15:00:00Z', [
      'edit',
      'c2',
      '--due',
      'friday',
    ]);
    assert.deepEqual([dated.due, dated.vagueDue, dated.renegotiations], ['2026-11-27', null, 0]);
    assert.equal(dated.followUp?.fireAt, '2026-11-30T14:00:00.000Z');
  });

  it('ft move within 10 minutes of agreeing a step corrects it; after that it counts', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-11-27', ['--outcome', 'Demo booked']);
    const typo = await ftOk(database, '2026-11-23T15:09:00Z', [
      'move',
      'c1',
      '--due',
      '2026-11-30',
      '--reason',
      'typo',
    ]);
    assert.equal(
      typo.stdout.split('\n')[0],
      'c1 now due Mon 30 Nov (in 7 days), corrected (not a renegotiation).',
    );
    const later = await ftOk(database, '2026-11-23T15:11:00Z', [
      'move',
      'c1',
      '--due',
      '2026-12-02',
      '--reason',
      'Legal moved',
    ]);
    assert.equal(later.stdout.split('\n')[0], 'c1 now due Wed 2 Dec (in 9 days), renegotiated 1 time.');
    const c1 = await show(database, '2026-11-23T15:11:00Z', 'c1');
    assert.equal(c1.renegotiations, 1);
    assert.deepEqual(
      c1.timeline.filter((e) => e.kind !== 'created').map((e) => [e.kind, e.from, e.to]),
      [
        ['corrected', '2026-11-27', '2026-11-30'],
        ['renegotiated', '2026-11-30', '2026-12-02'],
      ],
    );
  });

  it('ft reopen opens a done, missed or dropped step again: a follow-up when its date is ahead, else a hint to move it', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send the deck', dana, '2026-11-27', ['--outcome', 'Jo reads it']);
    await commit(database, MONDAY, 'Call Jo', dana, '2026-11-24', ['--outcome', 'Meeting set']);
    await commit(database, MONDAY, 'Send the MSA', dana, '2026-12-04', ['--outcome', 'Legal starts']);
    await ftOk(database, '2026-11-24T15:00:00Z', ['done', 'c1']);
    await ftOk(database, '2026-11-24T15:00:00Z', ['missed', 'c2']);
    await ftOk(database, '2026-11-24T15:00:00Z', ['drop', 'c3', '--reason', 'Acme paused']);

    const again = await ftOk(database, '2026-11-25T15:00:00Z', [
      'reopen',
      'c1',
      '--reason',
      'Jo never got the deck',
    ]);
    assert.equal(
      again.stdout,
      'c1 is open again, due Fri 27 Nov (in 2 days).\n  follow-up f4 fires Mon 30 Nov 09:00 (America/New_York)\n',
    );
    const c1 = await show(database, '2026-11-25T15:00:00Z', 'c1');
    assert.deepEqual(
      [c1.status, c1.doneOn, c1.followUp?.status, c1.followUp?.fireAt],
      ['open', null, 'scheduled', '2026-11-30T14:00:00.000Z'],
    );
    assert.deepEqual(
      c1.timeline.filter((e) => e.kind === 'reopened').map((e) => [e.from, e.reason]),
      [['done', 'Jo never got the deck']],
    );

    const passed = await ftOk(database, '2026-11-25T15:00:00Z', [
      'reopen',
      'c2',
      '--reason',
      'Jo asked again',
    ]);
    assert.equal(
      passed.stdout,
      'c2 is open again, due Tue 24 Nov (yesterday).\n  Its date has passed: give it a new one with ft move c2 --due DATE --reason "…"\n',
    );
    assert.equal((await show(database, '2026-11-25T15:00:00Z', 'c2')).status, 'open');
    assert.equal(
      (await json<CommitmentJson>(database, '2026-11-25T15:00:00Z', ['reopen', 'c3', '--reason', 'Back on']))
        .status,
      'open',
    );
    await refused(database, '2026-11-25T15:00:00Z', ['reopen', 'c3', '--reason', 'Again'], 'commitment_open');
  });

  it('ft person edit --tz moves their open dates and follow-ups; a taken e-mail is refused; other fields change', async () => {
    const database = db();
    await addTeam(database);
    const before = await commit(database, MONDAY, 'Send pricing', dana, '2026-11-30', [
      '--outcome',
      'Budget',
    ]);
    assert.deepEqual(
      [before.dueAt, before.followUp?.fireAt],
      ['2026-12-01T04:59:59.999Z', '2026-12-01T14:00:00.000Z'],
    );
    const moved = await ftOk(database, MONDAY, ['person', 'edit', dana, '--tz', 'Europe/Berlin']);
    assert.equal(
      moved.stdout,
      'Dana Ruiz <dana@northwind.example> updated (time zone).\n1 open commitment now ends in Europe/Berlin; their follow-ups moved with them.\n',
    );
    const after = await show(database, MONDAY, before.id);
    assert.deepEqual(
      [after.due, after.dueAt, after.followUp?.fireAt],
      ['2026-11-30', '2026-11-30T22:59:59.999Z', '2026-12-01T08:00:00.000Z'],
    );

    await refused(database, MONDAY, ['person', 'edit', dana, '--email', jo], 'email_taken');
    await ftOk(database, MONDAY, [
      'person',
      'edit',
      dana,
      '--name',
      'Dana Ruiz-Ortega',
      '--email',
      'dana.ruiz@northwind.example',
    ]);
    await ftOk(database, MONDAY, [
      'person',
      'edit',
      'dana.ruiz@northwind.example',
      '--manager',
      sam,
      '--partner',
      lee,
    ]);
    await ftOk(database, MONDAY, ['person', 'edit', jo, '--company', 'Acme Corp']);
    type Listed = PersonRef & {
      timeZone: string;
      company: string | null;
      manager: PersonRef | null;
      partner: PersonRef | null;
    };
    const people = await json<Listed[]>(database, MONDAY, ['person', 'list']);
    const danaNow = people.find((p) => p.email === 'dana.ruiz@northwind.example') as Listed;
    assert.deepEqual(
      [danaNow.name, danaNow.timeZone, danaNow.manager?.email, danaNow.partner?.email],
      ['Dana Ruiz-Ortega', 'Europe/Berlin', sam, lee],
    );
    assert.equal(people.find((p) => p.email === jo)?.company, 'Acme Corp');
    assert.equal(
      people.some((p) => p.email === dana),
      false,
    );
  });

  it('ft person deactivate hands their open work to their manager; nothing is deleted; they no longer act', async () => {
    const database = db();
    await addTeam(database);
    await addMember(database, 'Tom Berg', 'tom@northwind.example');
    await ftOk(database, MONDAY, ['person', 'edit', lee, '--manager', 'tom@northwind.example']);
    const tom = 'tom@northwind.example';
    await commit(database, MONDAY, "Tom's pricing", tom, '2026-11-27', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Demo the dashboards', lee, '2026-11-24', [
      '--outcome',
      'Demo done',
      '--as',
      tom,
    ]);
    await commit(database, MONDAY, 'Send the signed MSA', jo, '2026-12-01', [
      '--outcome',
      'Legal starts',
      '--as',
      tom,
    ]);
    await commit(database, MONDAY, 'Old step', tom, '2026-11-24', ['--outcome', 'Done']);
    await ftOk(database, MONDAY, ['done', 'c4']);
    await ftOk(database, MONDAY, ['plan', 'add', 'account', 'Acme', '--owner', tom]);
    type Pending = { commitment: string; answerer: string };
    const answerers = async (now: string) =>
      (await json<Pending[]>(database, now, ['followups'])).map((f) => [f.commitment, f.answerer]);
    assert.equal((await show(database, MONDAY, 'c2')).delegatedBy?.email, tom, 'Tom hears the answer on c2');
    assert.deepEqual(await answerers(MONDAY), [
      ['c2', lee],
      ['c1', tom],
      ['c3', tom],
    ]);

    const result = await ftOk(database, '2026-11-24T15:00:00Z', ['person', 'deactivate', tom]);
    assert.equal(
      result.stdout,
      [
        'Tom Berg is deactivated; everything they did is kept.',
        'Handed to Mara Chen:',
        "  c1  Tom's pricing, due 2026-11-27",
        '1 report now report to Mara Chen.',
        '',
      ].join('\n'),
    );
    assert.equal((await show(database, '2026-11-24T15:00:00Z', 'c1')).owner?.email, mara);
    const done = await show(database, '2026-11-24T15:00:00Z', 'c4');
    assert.deepEqual([done.owner?.email, done.status], [tom, 'done'], 'what they did stays theirs');
    // The customer's step is now followed up by Mara; Lee's answer goes to Mara.
    assert.deepEqual(await answerers('2026-11-24T15:00:00Z'), [
      ['c2', lee],
      ['c1', mara],
      ['c3', mara],
    ]);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    const f2 = (await show(database, '2026-11-25T14:00:00Z', 'c2')).followUp?.id as string;
    await ftOk(database, '2026-11-25T15:00:00Z', ['--as', lee, 'answer', f2, '--outcome', 'done']);
    assert.deepEqual(
      (await outbox(database, '2026-11-25T15:00:00Z', 'answer')).map((m) => m.to),
      [mara],
    );
    type Listed = PersonRef & { manager: PersonRef | null; active: boolean };
    const listed = await json<Listed[]>(database, '2026-11-25T15:00:00Z', ['person', 'list']);
    assert.equal(
      listed.some((p) => p.email === tom),
      false,
    );
    assert.equal(listed.find((p) => p.email === lee)?.manager?.email, mara);
    const all = await json<Listed[]>(database, '2026-11-25T15:00:00Z', ['person', 'list', '--all']);
    assert.equal(all.find((p) => p.email === tom)?.active, false);
    const plans = await json<{ id: string; owner: PersonRef }[]>(database, '2026-11-25T15:00:00Z', [
      'plan',
      'list',
    ]);
    assert.deepEqual(
      plans.map((p) => [p.id, p.owner.email]),
      [['p1', mara]],
    );
    await refused(database, '2026-11-25T15:00:00Z', ['--as', tom, 'list'], 'actor_inactive');
  });

  it('ft person deactivate --to hands their open work to someone named', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-27', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-11-30', ['--outcome', 'Booked']);
    const result = await json<{ to: PersonRef; handed: string[] }>(database, '2026-11-24T15:00:00Z', [
      'person',
      'deactivate',
      dana,
      '--to',
      sam,
    ]);
    assert.deepEqual([result.to.email, result.handed], [sam, ['c1', 'c2']]);
    const owned = await json<CommitmentJson[]>(database, '2026-11-24T15:00:00Z', ['list', '--owner', sam]);
    assert.deepEqual(
      owned.map((c) => [c.id, c.due, c.followUp?.fireAt]),
      [
        ['c1', '2026-11-27', '2026-11-30T14:00:00.000Z'],
        ['c2', '2026-11-30', '2026-12-01T14:00:00.000Z'],
      ],
    );
  });

  it('ft reassign and ft move take several ids, all or none', async () => {
    const database = db();
    await addTeam(database);
    for (const what of ['Send pricing', 'Book the demo', 'Call Jo', 'Old step']) {
      await commit(database, MONDAY, what, dana, '2026-11-27', ['--outcome', 'Deal moves']);
    }
    await ftOk(database, MONDAY, ['done', 'c4']);
    const later = '2026-11-24T15:00:00Z';
    const reassigned = await json<CommitmentJson[]>(database, later, [
      'reassign',
      'c1',
      'c2',
      '--owner',
      sam,
    ]);
    assert.deepEqual(
      reassigned.map((c) => [c.id, c.owner?.email]),
      [
        ['c1', sam],
        ['c2', sam],
      ],
    );
    const moved = await json<CommitmentJson[]>(database, later, [
      'move',
      'c1',
      'c2',
      '--due',
      '2026-12-04',
      '--reason',
      'Offsite',
    ]);
    assert.deepEqual(
      moved.map((c) => [c.id, c.due, c.renegotiations]),
      [
        ['c1', '2026-12-04', 1],
        ['c2', '2026-12-04', 1],
      ],
    );

    // c4 is done: nothing changes, not even c3.
    await refused(database, later, ['reassign', 'c3', 'c4', '--owner', sam], 'commitment_closed');
    await refused(
      database,
      later,
      ['move', 'c3', 'c4', '--due', '2026-12-04', '--reason', 'Offsite'],
      'commitment_closed',
    );
    const c3 = await show(database, later, 'c3');
    assert.deepEqual([c3.owner?.email, c3.due, c3.renegotiations], [dana, '2026-11-27', 0]);
  });

  it('ft meeting list filters by person, kind and day; ft plan list and ft series list show what there is', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
      '--at',
      '2026-11-20 10:00',
    ]);
    await ftOk(database, MONDAY, ['meeting', 'start', '--kind', 'customer', '--with', `${sam},${jo}`]);
    await commit(database, MONDAY, 'Send pricing', sam, 'friday', ['--meeting', 'm2', '--outcome', 'Budget']);
    type Meeting = {
      id: string;
      kind: string;
      startsAt: string;
      series: string | null;
      commitments: number;
      attendees: PersonRef[];
    };
    const all = await json<Meeting[]>(database, MONDAY, ['meeting', 'list']);
    assert.deepEqual(
      all.map((m) => [m.id, m.kind, m.startsAt, m.series, m.commitments]),
      [
        ['m2', 'customer', '2026-11-23T15:00:00.000Z', null, 1],
        ['m1', 'one_on_one', '2026-11-20T15:00:00.000Z', 's1', 0],
      ],
    );
    assert.deepEqual(ids(await json<Meeting[]>(database, MONDAY, ['meeting', 'list', '--with', jo])), ['m2']);
    assert.deepEqual(
      ids(await json<Meeting[]>(database, MONDAY, ['meeting', 'list', '--kind', 'one_on_one'])),
      ['m1'],
    );
    assert.deepEqual(
      ids(await json<Meeting[]>(database, MONDAY, ['meeting', 'list', '--since', '2026-11-21'])),
      ['m2'],
    );

    await ftOk(database, MONDAY, ['plan', 'add', 'opportunity', 'Acme FY27', '--owner', dana]);
    await ftOk(database, MONDAY, ['plan', 'add', 'account', 'Globex', '--owner', sam]);
    await commit(database, MONDAY, 'Map the committee', sam, 'friday', [
      '--plan',
      'p2',
      '--outcome',
      'Know who signs',
    ]);
    await ftOk(database, MONDAY, ['plan', 'close', 'p1', '--outcome', 'lost']);
    type Plan = { id: string; outcome: string; owner: PersonRef; openItems: number };
    assert.deepEqual(
      (await json<Plan[]>(database, MONDAY, ['plan', 'list'])).map((p) => [p.id, p.outcome, p.openItems]),
      [['p2', 'open', 1]],
    );
    assert.deepEqual(ids(await json<Plan[]>(database, MONDAY, ['plan', 'list', '--all'])).sort(), [
      'p1',
      'p2',
    ]);
    assert.deepEqual(ids(await json<Plan[]>(database, MONDAY, ['plan', 'list', '--owner', dana, '--all'])), [
      'p1',
    ]);
    // Won, its open step dropped with it; a choice that is neither is refused and changes nothing.
    const refused = await ft(database, MONDAY, [
      'plan',
      'close',
      'p2',
      '--outcome',
      'won',
      '--open-items',
      'later',
    ]);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /--open-items must be keep or drop \(got "later"\)\. \[invalid_open_items\]/,
    );
    const won = await ftOk(database, MONDAY, [
      'plan',
      'close',
      'p2',
      '--outcome',
      'won',
      '--open-items',
      'drop',
    ]);
    assert.equal(won.stdout.trim(), 'p2 Globex: won. 1 open step dropped.');
    assert.deepEqual(
      (
        await json<{ what: string; status: string }[]>(database, MONDAY, [
          'list',
          '--status',
          'dropped',
          '--owner',
          sam,
        ])
      ).map((c) => [c.what, c.status]),
      [['Map the committee', 'dropped']],
    );

    const series = await json<{ id: string; name: string; meetings: number }[]>(database, MONDAY, [
      'series',
      'list',
    ]);
    assert.deepEqual(series, [
      {
        id: 's1',
        name: '1:1 Mara Chen & Dana Ruiz',
        kind: 'one_on_one',
        meetings: 1,
        lastMeeting: '2026-11-20T15:00:00.000Z',
      },
    ]);
  });

  it('a second person with the same name is added with a warning; the name is then ambiguous, the e-mail works', async () => {
    const database = db();
    await addTeam(database);
    const added = await ftOk(database, MONDAY, [
      'person',
      'add',
      'Dana Ruiz',
      '--email',
      'dana.r@northwind.example',
      '--manager',
      mara,
    ]);
    assert.equal(
      added.stdout,
      'Added Dana Ruiz <dana.r@northwind.example>, member, America/New_York.\n⚠ Dana Ruiz <dana@northwind.example> has the same name: name them both by e-mail from now on (dana@northwind.example, dana.r@northwind.example).\n',
    );
    await refused(
      database,
      MONDAY,
      ['commit', 'Send pricing', '--owner', 'Dana Ruiz', '--due', 'friday'],
      'ambiguous_person',
    );
    await refused(
      database,
      MONDAY,
      ['commit', 'Send pricing', '--owner', 'Dana', '--due', 'friday'],
      'ambiguous_person',
    );
    const c = await commit(database, MONDAY, 'Send pricing', 'dana.r@northwind.example', 'friday');
    assert.equal(c.owner?.email, 'dana.r@northwind.example');
    await refused(
      database,
      MONDAY,
      ['person', 'add', 'Dana Three', '--email', 'DANA.R@northwind.example'],
      'email_taken',
    );
  });
});

interface AgendaJson {
  title: string;
  plan: { id: string; name: string } | null;
  previousMeeting: { id: string } | null;
  pending: (CommitmentJson & { flags: string[] })[];
  answered: { id: string; commitment: string; outcome: string; learned: string | null }[];
  plans: CommitmentJson[];
  plansWithoutSteps: { id: string; name: string }[];
}

onEachDatabase('first week, 4: agendas see all of a person’s open work', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('a 1:1 agenda lists every open step of the report, their plans with no next step, and answers since the last 1:1', async () => {
    const database = db();
    await addTeam(database);
    // Agreed the Thursday before, asked Monday 09:00, answered before the first 1:1: not news at the second.
    await commit(database, '2026-11-19T15:00:00Z', 'Old step', dana, '2026-11-20', [
      '--outcome',
      'Done before',
    ]);
    await ftOk(database, '2026-11-23T14:00:00Z', ['tick']);
    await ftOk(database, '2026-11-23T14:30:00Z', ['--as', dana, 'answer', 'f1', '--outcome', 'done']);

    await ftOk(database, MONDAY, [
      'plan',
      'add',
      'opportunity',
      'Acme FY27',
      '--owner',
      dana,
      '--company',
      'Acme',
    ]);
    await ftOk(database, MONDAY, ['plan', 'add', 'account', 'Globex renewal', '--owner', dana]);
    await ftOk(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
      '--at',
      '2026-11-23 10:00',
    ]);
    await commit(database, MONDAY, 'Send revised pricing', dana, '2026-11-25', [
      '--meeting',
      'm1',
      '--outcome',
      'Budget',
    ]);
    await ftOk(database, '2026-11-23T15:30:00Z', ['meeting', 'end', 'm1']);
    // Made outside any meeting, and for a plan: still Dana's open work.
    await commit(database, '2026-11-23T16:00:00Z', 'Update the forecast', dana, '2026-12-02', [
      '--outcome',
      'Clean pipeline',
    ]);
    await commit(database, '2026-11-23T16:00:00Z', 'Map the buying committee', dana, '2026-12-04', [
      '--plan',
      'p1',
      '--outcome',
      'Know who signs',
    ]);
    await commit(database, '2026-11-23T16:00:00Z', 'Call Globex', sam, '2026-11-30', [
      '--outcome',
      'Meeting set',
    ]);
    await ftOk(database, '2026-11-26T14:00:00Z', ['tick']);
    await ftOk(database, '2026-11-26T15:00:00Z', [
      '--as',
      dana,
      'answer',
      'f2',
      '--outcome',
      'done',
      '--learned',
      'Finance signs off, not Jo',
    ]);

    const check = (agenda: AgendaJson) => {
      assert.deepEqual(ids(agenda.pending), ['c3', 'c4']);
      assert.deepEqual(
        agenda.answered.map((a) => [a.id, a.commitment, a.outcome, a.learned]),
        [['f2', 'c2', 'done', 'Finance signs off, not Jo']],
      );
      assert.deepEqual(agenda.plansWithoutSteps, [{ id: 'p2', name: 'Globex renewal' }]);
      assert.equal(agenda.previousMeeting?.id, 'm1');
    };
    check(await json<AgendaJson>(database, '2026-11-30T15:00:00Z', ['agenda', '--with', dana]));
    const started = await json<{ agenda: AgendaJson }>(database, '2026-11-30T15:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
    ]);
    check(started.agenda);
  });

  it('a deal review lists the steps tied to its plan or its customer’s contacts, not unrelated ones', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['person', 'add', 'Kim Lee', '--email', kim, '--contact']);
    await ftOk(database, MONDAY, [
      'plan',
      'add',
      'opportunity',
      'Acme FY27',
      '--owner',
      dana,
      '--company',
      'Acme',
    ]);
    await ftOk(database, MONDAY, ['plan', 'add', 'account', 'Globex renewal', '--owner', sam]);
    await commit(database, MONDAY, 'Map the buying committee', dana, '2026-11-27', [
      '--plan',
      'p1',
      '--outcome',
      'Know who signs',
    ]);
    await commit(database, MONDAY, 'Send the signed MSA', jo, '2026-11-30', ['--outcome', 'Legal starts']);
    await commit(database, MONDAY, 'Demo to Jo', sam, '2026-12-01', [
      '--with',
      jo,
      '--outcome',
      'Jo sees reporting',
    ]);
    await commit(database, MONDAY, 'Renewal quote', sam, '2026-11-30', [
      '--with',
      kim,
      '--outcome',
      'Quote out',
    ]);
    await commit(database, MONDAY, 'Update the forecast', dana, '2026-11-25', [
      '--outcome',
      'Clean pipeline',
    ]);

    const review = await json<{ agenda: AgendaJson }>(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'deal_review',
      '--with',
      dana,
      '--plan',
      'p1',
    ]);
    assert.deepEqual(review.agenda.plan, { id: 'p1', name: 'Acme FY27' });
    assert.deepEqual(ids(review.agenda.pending), ['c1', 'c2', 'c3']);
    assert.deepEqual(ids((await json<AgendaJson>(database, MONDAY, ['agenda', '--plan', 'p1'])).pending), [
      'c1',
      'c2',
      'c3',
    ]);

    // A plan with no company: the contacts in the meeting are its customer.
    const globex = await json<{ agenda: AgendaJson }>(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'deal_review',
      '--with',
      `${sam},${kim}`,
      '--plan',
      'p2',
    ]);
    assert.deepEqual(ids(globex.agenda.pending), ['c4']);
  });

  it('ft note M --plan P ties the captured steps to the plan', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['plan', 'add', 'opportunity', 'Acme FY27', '--owner', dana]);
    await ftOk(database, MONDAY, ['meeting', 'start', '--kind', 'customer', '--with', `${dana},${jo}`]);
    await ftOk(database, MONDAY, [
      'note',
      'm1',
      '--plan',
      'p1',
      '--text',
      'Dana to send the mutual plan to Jo by Friday\nJo to confirm the pilot scope by Wednesday',
    ]);
    const c1 = await show(database, MONDAY, 'c1');
    const c2 = await show(database, MONDAY, 'c2');
    assert.deepEqual([c1.plan, c1.meeting, c2.plan], ['p1', 'm1', 'p1']);
    const plan = await json<{ commitments: CommitmentJson[] }>(database, MONDAY, ['plan', 'show', 'p1']);
    assert.deepEqual(ids(plan.commitments).sort(), ['c1', 'c2']);
  });
});

onEachDatabase('first week, 5: people, not only names', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  /** A member Alex Kim and a customer contact Alex Turner. */
  async function twoAlexes(database: TestDatabase): Promise<void> {
    await addTeam(database);
    await addMember(database, 'Alex Kim', 'alex@northwind.example');
    await ftOk(database, MONDAY, [
      'person',
      'add',
      'Alex Turner',
      '--email',
      'alex@initech.example',
      '--contact',
    ]);
  }

  it('--owner Alex means the member Alex Kim, not the contact Alex Turner', async () => {
    const database = db();
    await twoAlexes(database);
    const c = await commit(database, MONDAY, 'Send the SOW', 'Alex', 'friday');
    assert.equal(c.owner?.email, 'alex@northwind.example');
  });

  it('--as and --manager Alex mean the member Alex Kim', async () => {
    const database = db();
    await twoAlexes(database);
    const day = await json<{ person: PersonRef }>(database, MONDAY, ['--as', 'Alex']);
    assert.equal(day.person.email, 'alex@northwind.example');
    await ftOk(database, MONDAY, [
      'person',
      'add',
      'Pat Doe',
      '--email',
      'pat@northwind.example',
      '--manager',
      'Alex',
    ]);
    const people = await json<(PersonRef & { manager: PersonRef | null })[]>(database, MONDAY, [
      'person',
      'list',
    ]);
    assert.equal(
      people.find((p) => p.email === 'pat@northwind.example')?.manager?.email,
      'alex@northwind.example',
    );
    const reassigned = await commit(database, MONDAY, 'Send the SOW', dana, 'friday');
    assert.equal(
      (await json<CommitmentJson>(database, MONDAY, ['reassign', reassigned.id, '--owner', 'Alex'])).owner
        ?.email,
      'alex@northwind.example',
    );
  });

  it('notes naming "Alex" with both present are not guessed: the note says who it could be, the meeting offers them', async () => {
    const database = db();
    await twoAlexes(database);
    await ftOk(database, MONDAY, ['meeting', 'start', '--kind', 'deal_review', '--with', dana]);
    const noted = await ftOk(database, MONDAY, ['note', 'm1', '--text', 'Alex to send the SOW by Friday']);
    assert.match(
      noted.stdout,
      /^ {4}→ c1 Alex\? \(ambiguous: Alex Kim or Alex Turner\) · Send the SOW · due Fri 27 Nov \(in 4 days\) {2}⚠ limbo: no owner, no outcome$/m,
    );
    type Shown = {
      notes: { commitment: CommitmentJson; unresolvedOwner: string; candidates: PersonRef[] }[];
    };
    const [line] = (await json<Shown>(database, MONDAY, ['meeting', 'show', 'm1'])).notes;
    assert.equal(line?.commitment.owner, null);
    assert.equal(line?.unresolvedOwner, 'Alex');
    assert.deepEqual(line?.candidates, [
      { name: 'Alex Kim', email: 'alex@northwind.example' },
      { name: 'Alex Turner', email: 'alex@initech.example' },
    ]);
  });

  it('notes naming "Alex" mean the one Alex who is in the meeting', async () => {
    const database = db();
    await twoAlexes(database);
    await ftOk(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'customer',
      '--with',
      `${dana},alex@initech.example`,
    ]);
    await ftOk(database, MONDAY, [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      'alex@northwind.example',
    ]);
    const text = 'Alex to send the SOW by Friday';
    type Line = { commitment: { owner: PersonRef | null } | null };
    const customer = await json<Line[]>(database, MONDAY, [
      'capture',
      '--meeting',
      'm1',
      '--dry-run',
      '--text',
      text,
    ]);
    assert.equal(customer[0]?.commitment?.owner?.email, 'alex@initech.example');
    const oneOnOne = await json<Line[]>(database, MONDAY, [
      'capture',
      '--meeting',
      'm2',
      '--dry-run',
      '--text',
      text,
    ]);
    assert.equal(oneOnOne[0]?.commitment?.owner?.email, 'alex@northwind.example');
  });
});

interface CapturedJson {
  line: string;
  commitment: {
    owner: PersonRef | null;
    unresolvedOwner: string | null;
    what: string;
    with: PersonRef[];
    due: string | null;
  } | null;
  also?: CapturedJson['commitment'][];
}

onEachDatabase('first week, 6: capture reads the note styles real notes use', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  /** What each line becomes, read in a 1:1 held on a day (in New York). */
  async function capture(database: TestDatabase, at: string, lines: string[]): Promise<CapturedJson[]> {
    const meeting = (
      await json<{ id: string }>(database, MONDAY, [
        'meeting',
        'start',
        '--kind',
        'one_on_one',
        '--with',
        dana,
        '--at',
        at,
      ])
    ).id;
    return json<CapturedJson[]>(
      database,
      MONDAY,
      ['capture', '--meeting', meeting, '--dry-run'].concat(['--text', lines.join('\n')]),
    );
  }
  const brief = (c: CapturedJson['commitment']) => (c ? [c.owner?.email ?? null, c.what, c.due] : null);

  it('reads checkboxes (a ticked one is no step) and speaker labels that report what was said', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, [
      'person',
      'add',
      'Sofia Reyes',
      '--email',
      'sofia@acme.example',
      '--contact',
    ]);
    const lines = await capture(database, '2026-11-23 10:00', [
      '- [ ] @dana call Sofia tomorrow',
      '- [x] @dana send the deck by Friday',
      'Sofia: procurement slipped to Jan 15',
      'Contoso: pricing approved',
    ]);
    assert.deepEqual(brief(lines[0]?.commitment ?? null), [dana, 'Call Sofia', '2026-11-24']);
    assert.deepEqual(lines[0]?.commitment?.with, [{ name: 'Sofia Reyes', email: 'sofia@acme.example' }]);
    assert.deepEqual(
      lines.slice(1).map((l) => l.commitment),
      [null, null, null],
    );
  });

  it('reads tmrw, tues, next Tues and "the week of Jan 4" (its Friday), and keeps the date words out of the title', async () => {
    const database = db();
    await addTeam(database);
    // Monday 23 November.
    const lines = await capture(database, '2026-11-23 10:00', [
      'Dana to call Jo by tmrw',
      'Dana to book the demo by tues',
      'Dana to send the quote next Tues',
      'Dana to finish the proposal the week of Jan 4',
    ]);
    assert.deepEqual(
      lines.map((l) => brief(l.commitment)),
      [
        [dana, 'Call Jo', '2026-11-24'],
        [dana, 'Book the demo', '2026-11-24'],
        [dana, 'Send the quote', '2026-12-01'],
        [dana, 'Finish the proposal', '2027-01-08'],
      ],
    );
  });

  it('reads two steps in one line separated by ";", the second keeping the named owner', async () => {
    const database = db();
    await addTeam(database);
    const [line] = await capture(database, '2026-11-23 10:00', [
      'Dana: call Jo Mon; send her the deck by Fri',
    ]);
    assert.deepEqual(brief(line?.commitment ?? null), [dana, 'Call Jo', '2026-11-30']);
    assert.deepEqual(line?.also?.map(brief), [[dana, 'Send her the deck', '2026-11-27']]);
  });

  it('reads "Dana to have the pricing with me on Friday", and "by EOW" said on a Saturday as the coming Friday', async () => {
    const database = db();
    await addTeam(database);
    const [have] = await capture(database, '2026-11-23 10:00', [
      'Dana to have the pricing with me on Friday',
    ]);
    assert.deepEqual(brief(have?.commitment ?? null), [dana, 'Have the pricing with me', '2026-11-27']);
    const [weekend] = await capture(database, '2026-11-28 10:00', ['Dana to send the recap by EOW']);
    assert.deepEqual(brief(weekend?.commitment ?? null), [dana, 'Send the recap', '2026-12-04']);
  });

  it('takes customer companies from the data: a contact’s company from their e-mail, and "Acme to …" is its one contact', async () => {
    const database = db();
    await addTeam(database);
    const people = await json<(PersonRef & { company: string | null })[]>(database, MONDAY, [
      'person',
      'list',
    ]);
    assert.equal(people.find((p) => p.email === jo)?.company, 'Acme');
    const lines = await capture(database, '2026-11-23 10:00', ['Acme to send the signed MSA by Friday']);
    assert.deepEqual(brief(lines[0]?.commitment ?? null), [jo, 'Send the signed MSA', '2026-11-27']);

    // With two contacts at Acme, "Acme" names nobody in particular.
    await ftOk(database, MONDAY, ['person', 'add', 'Ann Lee', '--email', 'ann@acme.example', '--contact']);
    const [two] = await capture(database, '2026-11-23 10:00', ['Acme to send the signed MSA by Friday']);
    assert.deepEqual([two?.commitment?.owner, two?.commitment?.unresolvedOwner], [null, 'Acme']);
  });
});

onEachDatabase('first week, 7: dates that cannot be wrong silently', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('refuses "Dec 32", "Feb 30" and "13/45" in every option that takes a date, and changes nothing', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-24', ['--outcome', 'Budget']);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    const now = '2026-11-25T15:00:00Z';
    // A step with no date yet takes its first one by ft edit at any time.
    await commit(database, now, 'Look into the discount', dana, 'later');
    for (const bad of ['Dec 32', 'Feb 30', '13/45']) {
      const commands = [
        ['commit', 'X', '--owner', dana, '--due', bad],
        ['move', 'c1', '--due', bad, '--reason', 'Legal moved'],
        ['edit', 'c2', '--due', bad],
        ['done', 'c1', '--on', bad],
        ['--as', dana, 'answer', 'f1', '--outcome', 'done', '--done-on', bad],
        ['--as', dana, 'answer', 'f1', '--outcome', 'not_done', '--next', 'Call', '--next-due', bad],
        ['--as', dana, 'answer', 'f1', '--outcome', 'not_done', '--new-due', bad],
        ['stats', '--since', bad],
        ['stats', '--until', bad],
        ['plan', 'add', 'account', 'Acme', '--owner', dana, '--ends', bad],
        ['meeting', 'list', '--since', bad],
        ['meeting', 'start', '--kind', 'customer', '--with', jo, '--at', bad],
        ['away', dana, '--from', bad, '--until', '2026-12-04'],
        ['holidays', 'add', bad],
      ];
      for (const args of commands) await refused(database, now, args, 'invalid_date');
    }
    const c1 = await show(database, now, 'c1');
    assert.deepEqual([c1.status, c1.due, c1.followUp?.status], ['open', '2026-11-24', 'sent']);
    assert.deepEqual(
      [(await show(database, now, 'c2')).due, (await show(database, now, 'c2')).vagueDue],
      [null, 'later'],
    );
    assert.equal((await json<CommitmentJson[]>(database, now, ['list'])).length, 2);
  });

  it('refuses a meeting --at "Dec 32 10:00" as a date that does not exist (invalid_date)', async () => {
    const database = db();
    await addTeam(database);
    await refused(
      database,
      MONDAY,
      ['meeting', 'start', '--kind', 'customer', '--with', jo, '--at', 'Dec 32 10:00'],
      'invalid_date',
    );
  });

  it('reads "Dec 32" in notes as no date, not as a year', async () => {
    const database = db();
    await addTeam(database);
    await ftOk(database, MONDAY, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
    const [line] = await json<CapturedJson[]>(database, MONDAY, [
      'capture',
      '--meeting',
      'm1',
      '--dry-run',
      '--text',
      'Dana to send the plan by Dec 32',
    ]);
    assert.equal(line?.commitment?.due, null);
  });

  it('a date more than a year ahead needs --yes; more than ten years ahead or a year back is refused', async () => {
    const database = db();
    await addTeam(database);
    await refused(
      database,
      MONDAY,
      ['commit', 'Renewal', '--owner', dana, '--due', '2027-12-01'],
      'far_date',
    );
    assert.equal(
      (await commit(database, MONDAY, 'Renewal', dana, '2027-12-01', ['--yes'])).due,
      '2027-12-01',
    );
    await refused(
      database,
      MONDAY,
      ['move', 'c1', '--due', '2028-01-10', '--reason', 'Budget cycle'],
      'far_date',
    );
    await refused(
      database,
      MONDAY,
      ['plan', 'add', 'account', 'Acme', '--owner', dana, '--ends', '2028-01-01'],
      'far_date',
    );
    await refused(
      database,
      MONDAY,
      ['commit', 'X', '--owner', dana, '--due', '2037-01-01', '--yes'],
      'date_out_of_range',
    );
    await refused(
      database,
      MONDAY,
      ['commit', 'X', '--owner', dana, '--due', '2025-11-01'],
      'date_out_of_range',
    );
    assert.equal((await json<CommitmentJson[]>(database, MONDAY, ['list'])).length, 1);
  });

  it('options read the conventions of notes: "end of quarter", "in 2 wks", "last week" as Monday to Sunday', async () => {
    const database = db();
    await addTeam(database);
    assert.equal(
      (await commit(database, MONDAY, 'Close the quarter', dana, 'end of quarter')).due,
      '2026-12-31',
    );
    assert.equal((await commit(database, MONDAY, 'Pilot review', dana, 'in 2 wks')).due, '2026-12-07');
    const plan = await json<{ endsOn: string }>(database, MONDAY, [
      'plan',
      'add',
      'account',
      'Acme',
      '--owner',
      dana,
      '--ends',
      'end of quarter',
    ]);
    assert.equal(plan.endsOn, '2026-12-31');

    // Due last week (16–22 November) or not: only those inside count.
    for (const due of ['2026-11-15', '2026-11-16', '2026-11-22', '2026-11-23']) {
      await commit(database, MONDAY, `Due ${due}`, dana, due, ['--outcome', 'X']);
    }
    const stats = await json<StatsJson>(database, MONDAY, [
      'stats',
      '--person',
      dana,
      '--since',
      'last week',
      '--until',
      'last week',
    ]);
    assert.deepEqual([stats.since, stats.until, stats.due], ['2026-11-16', '2026-11-22', 2]);
  });
});

onEachDatabase('first week, 8: time away and holidays', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('ft away moves their follow-ups to the first working day back, tells the hearer once, and --remove moves them back', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-12-01', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Book the demo', dana, '2026-12-03', ['--outcome', 'Booked']);
    await commit(database, MONDAY, 'Send the MSA', dana, '2026-12-10', ['--outcome', 'Legal starts']);
    const away = await json<{
      id: string;
      moved: { followUp: string; from: string; to: string }[];
      told: string[];
    }>(database, MONDAY, [
      'away',
      dana,
      '--from',
      '2026-12-02',
      '--until',
      '2026-12-07',
      '--note',
      'Offsite',
    ]);
    assert.equal(away.id, 'a1');
    assert.deepEqual(away.moved, [
      { followUp: 'f1', from: '2026-12-02T14:00:00.000Z', to: '2026-12-08T14:00:00.000Z' },
      { followUp: 'f2', from: '2026-12-04T14:00:00.000Z', to: '2026-12-08T14:00:00.000Z' },
    ]);
    assert.deepEqual(away.told, [mara]);
    const fireAts = async () =>
      (await json<CommitmentJson[]>(database, MONDAY, ['list', '--owner', dana])).map((c) => [
        c.id,
        c.followUp?.fireAt,
      ]);
    assert.deepEqual(await fireAts(), [
      ['c1', '2026-12-08T14:00:00.000Z'],
      ['c2', '2026-12-08T14:00:00.000Z'],
      ['c3', '2026-12-11T14:00:00.000Z'],
    ]);

    // Listing it again tells nobody again.
    const listed = await json<{ id: string; person: PersonRef; from: string; until: string; note: string }[]>(
      database,
      MONDAY,
      ['away'],
    );
    assert.deepEqual(listed, [
      {
        id: 'a1',
        person: { name: 'Dana Ruiz', email: dana },
        from: '2026-12-02',
        until: '2026-12-07',
        note: 'Offsite',
      },
    ]);
    await ftOk(database, MONDAY, ['away', dana]);
    const told = await outbox(database, MONDAY, 'away');
    assert.deepEqual(
      told.map((m) => [m.to, m.subject, m.body]),
      [
        [
          mara,
          'Dana Ruiz is away Wed 2 Dec to Mon 7 Dec',
          [
            'Hi Mara,',
            '',
            'Dana Ruiz is away from Wed 2 Dec to Mon 7 Dec (Offsite). These follow-ups wait for the first working day back:',
            '  - Send pricing: now Tue 8 Dec 09:00 (was Wed 2 Dec 09:00)',
            '  - Book the demo: now Tue 8 Dec 09:00 (was Fri 4 Dec 09:00)',
          ].join('\n'),
        ],
      ],
    );

    await ftOk(database, '2026-11-23T15:30:00Z', ['away', '--remove', 'a1']);
    assert.deepEqual(await fireAts(), [
      ['c1', '2026-12-02T14:00:00.000Z'],
      ['c2', '2026-12-04T14:00:00.000Z'],
      ['c3', '2026-12-11T14:00:00.000Z'],
    ]);
    assert.deepEqual(await json<unknown[]>(database, '2026-11-23T15:30:00Z', ['away']), []);
  });

  it('an organization holiday moves follow-ups and answer windows past it; removing it moves them back', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-25', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Call Jo', dana, '2026-11-24', ['--outcome', 'Meeting set']);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    assert.equal(
      (await show(database, '2026-11-25T14:00:00Z', 'c2')).followUp?.answerDueAt,
      '2026-11-27T14:00:00.000Z',
    );

    await ftOk(database, '2026-11-25T15:00:00Z', ['holidays', 'add', '2026-11-26', 'Thanksgiving']);
    assert.equal(
      (await show(database, '2026-11-25T15:00:00Z', 'c1')).followUp?.fireAt,
      '2026-11-27T14:00:00.000Z',
    );
    assert.equal(
      (await show(database, '2026-11-25T15:00:00Z', 'c2')).followUp?.answerDueAt,
      '2026-11-30T14:00:00.000Z',
    );
    // Nothing is asked on the holiday itself.
    assert.equal((await json<{ sent: number }>(database, '2026-11-26T14:00:00Z', ['tick'])).sent, 0);

    await ftOk(database, '2026-11-26T15:00:00Z', ['holidays', 'remove', '2026-11-26']);
    assert.equal(
      (await show(database, '2026-11-26T15:00:00Z', 'c1')).followUp?.fireAt,
      '2026-11-26T14:00:00.000Z',
    );
    assert.equal(
      (await show(database, '2026-11-26T15:00:00Z', 'c2')).followUp?.answerDueAt,
      '2026-11-27T14:00:00.000Z',
    );
  });

  it("ft holidays add --country US --year 2026 adds the country's public holidays, Thanksgiving among them", async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-25', ['--outcome', 'Budget']);
    const added = await json<{ added: { date: string; name: string }[]; moved: number }>(database, MONDAY, [
      'holidays',
      'add',
      '--country',
      'US',
      '--year',
      '2026',
    ]);
    assert.ok(added.added.some((h) => h.date === '2026-11-26' && h.name === 'Thanksgiving Day'));
    assert.ok(added.added.some((h) => h.date === '2026-12-25' && h.name === 'Christmas Day'));
    assert.equal(added.moved, 1);
    assert.equal((await show(database, MONDAY, 'c1')).followUp?.fireAt, '2026-11-27T14:00:00.000Z');
    const listed = await json<{ date: string; name: string; source: string }[]>(database, MONDAY, [
      'holidays',
      '--year',
      '2026',
    ]);
    assert.deepEqual(
      listed.find((h) => h.date === '2026-11-26'),
      { date: '2026-11-26', name: 'Thanksgiving Day', source: 'country:US' },
    );
  });

  it('tells a hearer about all the follow-ups left unanswered in one tick in one message', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-24', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Call Globex', sam, '2026-11-24', ['--outcome', 'Meeting set']);
    await commit(database, MONDAY, 'Demo the dashboards', lee, '2026-11-24', ['--outcome', 'Demo done']);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    // Two working days later, at the same time: Friday 09:00.
    assert.equal(
      (await json<{ unanswered: number }>(database, '2026-11-27T13:59:00Z', ['tick'])).unanswered,
      0,
    );
    assert.equal(
      (await json<{ unanswered: number }>(database, '2026-11-27T14:00:00Z', ['tick'])).unanswered,
      3,
    );
    const notices = await outbox(database, '2026-11-27T14:00:00Z', 'unanswered');
    assert.equal(notices.length, 1);
    assert.deepEqual([notices[0]?.to, notices[0]?.subject], [mara, 'No answer yet on 3 follow-ups']);
    const lines = (notices[0]?.body ?? '')
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .sort();
    assert.deepEqual(lines, [
      '  - "Call Globex" (Sam Patel; asked Wed 25 Nov 09:00; f2, c2)',
      '  - "Demo the dashboards" (Lee Wong; asked Wed 25 Nov 09:00; f3, c3)',
      '  - "Send pricing" (Dana Ruiz; asked Wed 25 Nov 09:00; f1, c1)',
    ]);
  });
});

onEachDatabase('first week, 9: the manager’s day shows the team', (dialect) => {
  const db = freshDatabaseEachTest(dialect);

  it('ft for a manager ends with "Your team": each report with overdue, stalled, unanswered and limbo ids', async () => {
    const database = db();
    await addTeam(database);
    await commit(database, MONDAY, 'Send pricing', dana, '2026-11-24', ['--outcome', 'Budget']);
    await commit(database, MONDAY, 'Update the forecast', dana, '2026-11-27', [
      '--outcome',
      'Clean pipeline',
    ]);
    await commit(database, MONDAY, 'Look into the discount', dana, 'later');
    await commit(database, MONDAY, 'Call Globex', sam, '2026-12-04');
    await commit(database, MONDAY, 'Demo the dashboards', lee, '2026-12-04', ['--outcome', 'Demo done']);
    await ftOk(database, '2026-11-25T14:00:00Z', ['tick']);
    await ftOk(database, '2026-11-27T14:00:00Z', ['tick']);

    const now = '2026-11-30T13:00:00Z';
    const day = await ftOk(database, now, ['--as', mara]);
    const lines = day.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(-4), [
      'Your team',
      '  Dana Ruiz: 2 overdue (c1 c2); 1 stalled (c1); 1 unanswered (c1); 1 in limbo (c3)',
      '  Lee Wong: all clear',
      '  Sam Patel: 1 in limbo (c4)',
    ]);
    const team = (await json<{ team: Record<string, unknown>[] }>(database, now, ['--as', mara])).team;
    assert.deepEqual(team[0], {
      person: { name: 'Dana Ruiz', email: dana },
      overdue: { count: 2, ids: ['c1', 'c2'] },
      stalled: { count: 1, ids: ['c1'] },
      unanswered: { count: 1, ids: ['c1'] },
      limbo: { count: 1, ids: ['c3'] },
    });
    assert.deepEqual(
      team.map((t) => (t.person as PersonRef).email),
      [dana, lee, sam],
    );
    // A seller's day has no team section.
    assert.doesNotMatch((await ftOk(database, now, ['--as', dana])).stdout, /Your team/);
  });
});
