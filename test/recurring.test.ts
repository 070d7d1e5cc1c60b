import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { renewDue } from '../src/commitments/commitments.renew.js';
import { dropCommitment, makeCommitment, markMissed } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { markDone } from '../src/followups/followups.usecases.js';
import { tick } from '../src/followups/tick.js';
import { startMeeting } from '../src/meetings/meetings.usecases.js';
import { deactivatePerson } from '../src/people/people.changes.js';
import { addPerson } from '../src/people/people.usecases.js';
import { AppError } from '../src/shared/errors.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';

/** Tuesday 24 November, 10:00 in New York. */
const TUESDAY = '2026-11-24T15:00:00Z';

onEachDatabase('recurring steps', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let team: Awaited<ReturnType<typeof seedTeam>>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    team = await seedTeam(db, TUESDAY);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  /** Each occurrence: its id, what came before it, its date, status, and its follow-up's time. */
  const series = async () => {
    const rows = await db
      .selectFrom('commitments')
      .leftJoin('follow_ups', 'follow_ups.commitment_id', 'commitments.id')
      .select([
        'commitments.id',
        'commitments.repeats_id',
        'commitments.due_date',
        'commitments.status',
        'commitments.agreed_at',
        'follow_ups.fire_at',
        'follow_ups.status as followUp',
      ])
      .orderBy('commitments.id')
      .execute();
    return rows.map((r) => [r.id, r.repeats_id, r.due_date, r.status, r.followUp]);
  };

  const forecast = () =>
    makeCommitment(team.as(team.manager), {
      what: 'Update the forecast',
      owner: 'Dana',
      every: 'friday',
      outcome: 'A forecast the VP can commit',
      ask: 'Flag anything that slipped',
    });

  it('starts on the rhythm’s first day and makes the next occurrence, with its own follow-up, when one is done', async () => {
    const { commitment: first, followUp } = await forecast();
    assert.equal(first.due_date, '2026-11-27');
    assert.equal(first.every, 'DTSTART:20261127T000000Z\nRRULE:FREQ=WEEKLY;BYDAY=FR');
    // Its follow-up: Monday 09:00 in New York, the working day after.
    assert.equal(followUp?.fire_at, '2026-11-30T14:00:00.000Z');

    team.clock.set('2026-11-27T20:00:00Z');
    await markDone(team.as(team.seller), `c${first.id}`, undefined, undefined);
    const rows = await db.selectFrom('commitments').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((c) => [
        c.id,
        c.repeats_id,
        c.what,
        c.due_date,
        c.status,
        c.outcome,
        c.owner_id,
        c.delegated_by_id,
      ]),
      [
        [
          first.id,
          null,
          'Update the forecast',
          '2026-11-27',
          'done',
          'A forecast the VP can commit',
          team.seller.id,
          team.manager.id,
        ],
        [
          first.id + 1,
          first.id,
          'Update the forecast',
          '2026-12-04',
          'open',
          'A forecast the VP can commit',
          team.seller.id,
          team.manager.id,
        ],
      ],
    );
    const next = await db
      .selectFrom('follow_ups')
      .selectAll()
      .where('commitment_id', '=', first.id + 1)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [next.status, next.fire_at, next.ask, next.answerer_id],
      ['scheduled', '2026-12-07T14:00:00.000Z', 'Flag anything that slipped', team.seller.id],
    );
    // Made once: the scheduler finds nothing more to make.
    assert.equal(await renewDue(db, team.clock), 0);
  });

  it('makes the next when a date passes unanswered, once, even with two schedulers at once; a dropped one ends the series', async () => {
    const { commitment: first } = await forecast();
    // Friday evening in New York: the date has not passed there yet.
    team.clock.set('2026-11-28T04:00:00Z');
    assert.equal((await tick(db, team.clock)).renewed, 0);
    // Saturday 00:30 in New York.
    team.clock.set('2026-11-28T05:30:00Z');
    const [a, b] = await Promise.all([tick(db, team.clock), tick(db, team.clock)]);
    assert.equal((a?.renewed ?? 0) + (b?.renewed ?? 0), 1);
    assert.deepEqual(await series(), [
      [first.id, null, '2026-11-27', 'open', 'scheduled'],
      [first.id + 1, first.id, '2026-12-04', 'open', 'scheduled'],
    ]);

    // Nothing ran for three weeks: the series starts again from today, once, not three times.
    team.clock.set('2026-12-24T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 1);
    assert.deepEqual((await series()).at(-1), [
      first.id + 2,
      first.id + 1,
      '2026-12-25',
      'open',
      'scheduled',
    ]);

    await dropCommitment(team.as(team.manager), `c${first.id + 2}`, 'The VP stopped the weekly forecast');
    team.clock.set('2027-01-05T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 0);
    assert.equal((await series()).length, 3);
    const ended = await db
      .selectFrom('commitment_events')
      .select(['kind', 'data'])
      .where('commitment_id', '=', first.id + 2)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      ended.map((e) => e.kind),
      ['created', 'dropped', 'series_ended'],
    );
  });

  it('a missed occurrence makes the next; a rule that runs out ends the series', async () => {
    const { commitment: first } = await makeCommitment(team.as(team.manager), {
      what: 'Send the pipeline summary',
      owner: 'Dana',
      due: '2026-11-30',
      every: 'FREQ=WEEKLY;INTERVAL=2;COUNT=2',
    });
    await markMissed(team.as(team.manager), `c${first.id}`, 'Out sick');
    const second = await db
      .selectFrom('commitments')
      .selectAll()
      .where('repeats_id', '=', first.id)
      .executeTakeFirstOrThrow();
    assert.equal(second.due_date, '2026-12-14');
    team.clock.set('2026-12-14T15:00:00Z');
    await markDone(team.as(team.seller), `c${second.id}`, undefined, undefined);
    assert.equal((await series()).length, 2);
  });

  it('refuses a rhythm it cannot read, or one by the hour, and writes nothing', async () => {
    for (const [every, code] of [
      ['whenever it suits', 'invalid_every'],
      ['hourly', 'invalid_every'],
      ['FREQ=MINUTELY', 'invalid_every'],
      // A time of day would come round again the same day: a rhythm is of days.
      ['every friday at 9am', 'invalid_every'],
      // No month has a 30 February: refused at once, not looked for until the year 9999.
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'invalid_every'],
      ['FREQ=WEEKLY;BYDAY=XX', 'invalid_every'],
      ['every 0 weeks', 'invalid_every'],
      ['FREQ=WEEKLY;INTERVAL=0', 'invalid_every'],
    ] as const) {
      await assert.rejects(
        makeCommitment(team.as(team.manager), { what: 'Update the forecast', owner: 'Dana', every }),
        (e: unknown) => e instanceof AppError && e.code === code,
      );
    }
    await assert.rejects(
      makeCommitment(team.as(team.manager), { what: 'Update the forecast', owner: 'Dana' }),
      (e: unknown) => e instanceof AppError && e.code === 'missing_due',
    );
    assert.deepEqual(await series(), []);
  });

  it('a drop after the next was made ends the series there; a monthly step from the 31st keeps to each month’s last day', async () => {
    const { commitment: first } = await makeCommitment(team.as(team.manager), {
      what: 'Close the month’s forecast',
      owner: 'Dana',
      due: '2026-12-31',
      every: 'monthly',
    });
    // The date passes: January's is made, due on the 31st, then February's last day.
    team.clock.set('2027-01-01T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 1);
    team.clock.set('2027-02-01T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 1);
    assert.deepEqual(
      (await series()).map((r) => r[2]),
      ['2026-12-31', '2027-01-31', '2027-02-28'],
    );
    // Dropping the first now ends the series after the latest: no March.
    await dropCommitment(team.as(team.manager), `c${first.id}`, 'Finance closes the month now');
    team.clock.set('2027-03-01T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 0);
    assert.equal((await series()).length, 3);
    const ended = await db
      .selectFrom('commitment_events')
      .select(['commitment_id', 'data'])
      .where('kind', '=', 'series_ended')
      .execute();
    assert.deepEqual(
      ended.map((e) => [e.commitment_id, JSON.parse(String(e.data)).why]),
      [[first.id + 2, `c${first.id} dropped`]],
    );
  });

  it('the next occurrence is heard by whoever heard the one before, and never asks a customer contact', async () => {
    // Dana's step to herself, agreed in her 1:1 with Mara: Mara hears its answers.
    const mara = team.as(team.manager);
    const { meeting } = await startMeeting(mara, { kind: 'one_on_one', with: ['dana@northwind.example'] });
    const own = await makeCommitment(team.as(team.seller), {
      what: 'Log every call in the CRM',
      owner: 'Dana',
      every: 'friday',
      meeting: `m${meeting.id}`,
    });
    // A contact's step, made by Lee, who then leaves: the next is made for Mara, his heir, who answers it.
    const lee = await addPerson(mara, { name: 'Lee Park', email: 'lee@northwind.example', manager: 'Mara' });
    const jo = await addPerson(mara, { name: 'Jo Tan', email: 'jo@acme.example', contact: true });
    const contacts = await makeCommitment(
      { ...mara, actor: lee },
      {
        what: 'Send the usage report',
        owner: 'jo@acme.example',
        every: 'friday',
      },
    );
    await deactivatePerson(mara, 'lee@northwind.example', undefined);
    team.clock.set('2026-11-28T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 2);
    const followUps = await db
      .selectFrom('follow_ups')
      .innerJoin('commitments', 'commitments.id', 'follow_ups.commitment_id')
      .select([
        'commitments.repeats_id',
        'commitments.what',
        'follow_ups.answerer_id',
        'follow_ups.hearer_id',
      ])
      .orderBy('follow_ups.id')
      .execute();
    assert.deepEqual(followUps, [
      {
        repeats_id: null,
        what: 'Log every call in the CRM',
        answerer_id: team.seller.id,
        hearer_id: team.manager.id,
      },
      { repeats_id: null, what: 'Send the usage report', answerer_id: lee.id, hearer_id: null },
      // Lee's, handed to Mara when he left.
      { repeats_id: null, what: 'Send the usage report', answerer_id: team.manager.id, hearer_id: null },
      {
        repeats_id: own.commitment.id,
        what: 'Log every call in the CRM',
        answerer_id: team.seller.id,
        hearer_id: team.manager.id,
      },
      {
        repeats_id: contacts.commitment.id,
        what: 'Send the usage report',
        answerer_id: team.manager.id,
        hearer_id: null,
      },
    ]);
    assert.ok(followUps.every((f) => f.answerer_id !== jo.id));
  });

  it('ft says which occurrence comes next when one is done or missed, and that a drop ends the series', async () => {
    const { commitment: first } = await forecast();
    const as = { FOLLOWTHROUGH_AS: 'dana@northwind.example' };
    const done = await ftOk(database, '2026-11-27T20:00:00Z', ['done', `c${first.id}`], as);
    assert.equal(
      done.stdout,
      `c${first.id} done today: on time.\nNext: c${first.id + 1}, due Fri 4 Dec (in 7 days).\n`,
    );
    const missed = await ftOk(database, '2026-11-27T20:00:00Z', ['missed', `c${first.id + 1}`], as);
    assert.equal(
      missed.stdout,
      `c${first.id + 1} missed.\nNext: c${first.id + 2}, due Fri 11 Dec (in 14 days).\n`,
    );
    const dropped = await ftOk(
      database,
      '2026-11-27T20:00:00Z',
      ['drop', `c${first.id + 2}`, '--reason', 'The VP reads the dashboard now'],
      as,
    );
    assert.equal(
      dropped.stdout,
      `c${first.id + 2} dropped. It recurred: the series ends here, and no more occurrences are made.\n`,
    );
    assert.deepEqual(
      (await series()).map(([id, , date, status]) => [id, date, status]),
      [
        [first.id, '2026-11-27', 'done'],
        [first.id + 1, '2026-12-04', 'missed'],
        [first.id + 2, '2026-12-11', 'dropped'],
      ],
    );
  });

  it('says so when a first date given is not one of the rhythm’s days, and goes on from its next', async () => {
    const made = await makeCommitment(team.as(team.manager), {
      what: 'Update the forecast',
      owner: 'Dana',
      every: 'friday',
      due: 'dec 9',
      outcome: 'A forecast the VP can commit',
    });
    assert.deepEqual([made.commitment.due_date, made.rhythmResumes], ['2026-12-09', '2026-12-11']);
    const onRhythm = await makeCommitment(team.as(team.manager), {
      what: 'Update the pipeline',
      owner: 'Dana',
      every: 'friday',
      due: 'dec 11',
      outcome: 'A pipeline the VP can read',
    });
    assert.equal(onRhythm.rhythmResumes, null);
    const printed = await ftOk(
      database,
      TUESDAY,
      [
        'commit',
        'Update the board',
        '--owner',
        'dana',
        '--every',
        'friday',
        '--due',
        'dec 9',
        '--outcome',
        'Board current',
      ],
      { FOLLOWTHROUGH_AS: 'mara@northwind.example' },
    );
    assert.match(
      printed.stdout,
      /\n {2}⚠ Wed 9 Dec is not one of its days: this one is due then, the next on Fri 11 Dec\.\n/,
    );
    // Its next occurrence is on the rhythm's day.
    team.clock.set('2026-12-09T20:00:00Z');
    await markDone(team.as(team.seller), `c${made.commitment.id}`, undefined, undefined);
    const next = await db
      .selectFrom('commitments')
      .select('due_date')
      .where('repeats_id', '=', made.commitment.id)
      .executeTakeFirstOrThrow();
    assert.equal(next.due_date, '2026-12-11');
  });

  it('reads "every other …" as every two', async () => {
    const read: [string, string | null, string | null][] = [];
    for (const every of ['every other friday', 'other tuesday', 'every other week', 'every other month']) {
      const { commitment } = await makeCommitment(team.as(team.manager), {
        what: `Update the forecast ${every}`,
        owner: 'Dana',
        every,
        outcome: 'A forecast the VP can commit',
      });
      read.push([every, commitment.due_date, commitment.every]);
    }
    assert.deepEqual(read, [
      ['every other friday', '2026-11-27', 'DTSTART:20261127T000000Z\nRRULE:INTERVAL=2;FREQ=WEEKLY;BYDAY=FR'],
      ['other tuesday', '2026-11-24', 'DTSTART:20261124T000000Z\nRRULE:INTERVAL=2;FREQ=WEEKLY;BYDAY=TU'],
      ['every other week', '2026-11-24', 'DTSTART:20261124T000000Z\nRRULE:INTERVAL=2;FREQ=WEEKLY'],
      ['every other month', '2026-11-24', 'DTSTART:20261124T000000Z\nRRULE:INTERVAL=2;FREQ=MONTHLY'],
    ]);
    await assert.rejects(
      makeCommitment(team.as(team.manager), {
        what: 'Update the forecast',
        owner: 'Dana',
        every: 'every 0 weeks',
      }),
      (e: unknown) =>
        e instanceof AppError &&
        e.message === '--every "every 0 weeks" never comes round; say how often, like "every 2 weeks".',
    );
  });

  it('ft names an occurrence made already when one before it is dropped, and never a closed one as next', async () => {
    const { commitment: first } = await forecast();
    // Friday's date passes: the next is made by the scheduler, due 4 December.
    team.clock.set('2026-11-28T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 1);
    const as = { FOLLOWTHROUGH_AS: 'mara@northwind.example' };
    const at = '2026-11-28T15:00:00Z';
    // The next one is dropped: the first, missed now, has no open next to name.
    await ftOk(database, at, ['drop', `c${first.id + 1}`, '--reason', 'Forecast moves to the dashboard'], as);
    const missed = await ftOk(database, at, ['missed', `c${first.id}`], as);
    assert.equal(missed.stdout, `c${first.id} missed.\n`);

    // Another series: its first is dropped after its second was made.
    const { commitment: board } = await makeCommitment(team.as(team.manager), {
      what: 'Update the board deck',
      owner: 'Dana',
      every: 'friday',
      outcome: 'A deck the board can read',
    });
    team.clock.set('2026-12-05T15:00:00Z');
    assert.equal(await renewDue(db, team.clock), 1);
    const next = await db
      .selectFrom('commitments')
      .select('id')
      .where('repeats_id', '=', board.id)
      .executeTakeFirstOrThrow();
    const dropped = await ftOk(
      database,
      '2026-12-05T15:00:00Z',
      ['drop', `c${board.id}`, '--reason', 'The board meets quarterly now'],
      as,
    );
    assert.equal(
      dropped.stdout,
      `c${board.id} dropped. It recurred: c${next.id} (due Fri 11 Dec), made already, stays open; the series ends after c${next.id}.\n`,
    );
  });
});
