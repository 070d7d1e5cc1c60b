import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';

/**
 * An organization in New York with people around the world: a commitment's date, reminder,
 * follow-up and answer window are kept in the zone of its owner (who answers the follow-up),
 * never in the organization's.
 * Berlin is UTC+1 (UTC+2 until 25 Oct 2026), Kathmandu UTC+5:45, Kiritimati UTC+14,
 * Honolulu UTC−10, New York UTC−5 (UTC−4 until 1 Nov 2026).
 */
onEachDatabase('owners in other time zones than the organization', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.drop();
  });

  const mara = 'mara@northwind.example';
  const people = {
    bea: { name: 'Bea Vogel', zone: 'Europe/Berlin' },
    kiran: { name: 'Kiran Shrestha', zone: 'Asia/Kathmandu' },
    kiri: { name: 'Kiri Teaiwa', zone: 'Pacific/Kiritimati' },
    hana: { name: 'Hana Kealoha', zone: 'Pacific/Honolulu' },
  };
  type Who = keyof typeof people;
  const email = (who: Who | 'mara') => `${who}@northwind.example`;

  type Tick = {
    sent: number;
    late: number;
    unanswered: number;
    reminded: number;
    renewed: number;
    digests: number;
  };
  type Message = { kind: string; to: string; subject: string; body: string; late: boolean };
  type Shown = { id: string; dueAt: string; doneOn: string | null; followUp: FollowUp };
  type FollowUp = { id: string; status: string; fireAt: string; sentAt: string; answerDueAt: string };

  /** Mara, in the organization's zone, and her reports abroad. */
  async function team(at: string) {
    await ftOk(database, at, ['person', 'add', 'Mara Chen', '--email', mara, '--tz', 'America/New_York']);
    for (const [who, p] of Object.entries(people)) {
      await ftOk(database, at, [
        'person',
        'add',
        p.name,
        '--email',
        email(who as Who),
        '--tz',
        p.zone,
        '--manager',
        mara,
      ]);
    }
  }

  /** Mara delegates a step; its id, due instant and follow-up as the command prints them. */
  const commit = async (at: string, owner: Who | 'mara', due: string, what = `Call back (${owner})`) =>
    (
      await ftOk(database, at, [
        'commit',
        what,
        '--owner',
        email(owner),
        '--due',
        due,
        '--outcome',
        'Deal moves',
        '--json',
      ])
    ).json<Shown>();
  const show = async (at: string, id: string) =>
    (await ftOk(database, at, ['show', id, '--json'])).json<Shown>();
  const tickAt = async (at: string) => (await ftOk(database, at, ['tick', '--json'])).json<Tick>();
  const none: Tick = { sent: 0, late: 0, unanswered: 0, reminded: 0, renewed: 0, digests: 0 };
  const outbox = async (at: string, kind: string) =>
    (await ftOk(database, at, ['outbox', '--kind', kind, '--json'])).json<Message[]>();
  /** Who has been asked so far, and whether late; in no particular order within one tick, so sorted. */
  const askedSoFar = async (at: string) =>
    (await outbox(at, 'follow_up'))
      .map((m) => [m.to, m.late])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it('fires each follow-up at 09:00 in its owner’s zone on the first working day after the due date, and a tick sends exactly those whose time has come there', async () => {
    const monday = '2026-11-23T15:00:00Z';
    await team(monday);
    // All due Friday 27 November, each in its owner's zone: the end of that day there.
    const c = {
      bea: await commit(monday, 'bea', '2026-11-27'),
      kiran: await commit(monday, 'kiran', '2026-11-27'),
      kiri: await commit(monday, 'kiri', '2026-11-27'),
      hana: await commit(monday, 'hana', '2026-11-27'),
    };
    assert.deepEqual(
      Object.fromEntries(Object.entries(c).map(([who, s]) => [who, [s.dueAt, s.followUp.fireAt]])),
      {
        bea: ['2026-11-27T22:59:59.999Z', '2026-11-30T08:00:00.000Z'],
        kiran: ['2026-11-27T18:14:59.999Z', '2026-11-30T03:15:00.000Z'],
        kiri: ['2026-11-27T09:59:59.999Z', '2026-11-29T19:00:00.000Z'],
        hana: ['2026-11-28T09:59:59.999Z', '2026-11-30T19:00:00.000Z'],
      },
    );

    // Sunday 18:59:59 UTC: Monday has not begun in Kiritimati. Its due-today reminders were
    // missed while nothing ran and are dropped now that the steps are due.
    assert.deepEqual(await tickAt('2026-11-29T18:59:59Z'), none);
    // 03:15 UTC Monday: 09:00 in Kathmandu, 17:15 in Kiritimati (8 h late there), still the
    // night in Berlin and Sunday in Honolulu (and in New York).
    assert.deepEqual(await tickAt('2026-11-30T03:15:00Z'), { ...none, sent: 2, late: 1 });
    assert.deepEqual(await askedSoFar('2026-11-30T03:15:00Z'), [
      [email('kiran'), false],
      [email('kiri'), true],
    ]);
    assert.deepEqual(await tickAt('2026-11-30T07:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-11-30T08:00:00Z'), { ...none, sent: 1 });
    // 14:00 UTC, 09:00 in New York: nothing of the organization's own time fires.
    assert.deepEqual(await tickAt('2026-11-30T14:00:00Z'), none);
    assert.deepEqual(await tickAt('2026-11-30T18:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-11-30T19:00:00Z'), { ...none, sent: 1 });

    assert.deepEqual(await askedSoFar('2026-11-30T19:00:00Z'), [
      [email('bea'), false],
      [email('hana'), false],
      [email('kiran'), false],
      [email('kiri'), true],
    ]);
    const asks = await outbox('2026-11-30T19:00:00Z', 'follow_up');
    // Each reads the due date from their own Monday: three days ago.
    for (const m of asks) assert.match(m.body, /\n {2}Due: Fri 27 Nov \(3 days ago\)\n/, m.to);

    // Two working days to answer, to the same local time, in the answerer's zone.
    const windows: Record<string, string[]> = {};
    for (const [who, s] of Object.entries(c)) {
      const f = (await show('2026-11-30T19:00:00Z', s.id)).followUp;
      windows[who] = [f.sentAt, f.answerDueAt];
    }
    assert.deepEqual(windows, {
      bea: ['2026-11-30T08:00:00.000Z', '2026-12-02T08:00:00.000Z'],
      kiran: ['2026-11-30T03:15:00.000Z', '2026-12-02T03:15:00.000Z'],
      kiri: ['2026-11-30T03:15:00.000Z', '2026-12-02T03:15:00.000Z'],
      hana: ['2026-11-30T19:00:00.000Z', '2026-12-02T19:00:00.000Z'],
    });
    assert.deepEqual(await tickAt('2026-12-02T03:14:59Z'), none);
    assert.deepEqual(await tickAt('2026-12-02T03:15:00Z'), { ...none, unanswered: 2 });
    assert.deepEqual(await tickAt('2026-12-02T07:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-12-02T08:00:00Z'), { ...none, unanswered: 1 });
    assert.deepEqual(await tickAt('2026-12-02T18:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-12-02T19:00:00Z'), { ...none, unanswered: 1 });
    const notices = await outbox('2026-12-02T19:00:00Z', 'unanswered');
    assert.deepEqual(
      notices.map((m) => [m.to, m.subject]),
      [
        [mara, 'No answer yet on 2 follow-ups'],
        [mara, 'No answer yet: Call back (bea)'],
        [mara, 'No answer yet: Call back (hana)'],
      ],
    );
  });

  it('sends the due-today reminder at 08:30 on the due date in the owner’s zone', async () => {
    const monday = '2026-11-23T15:00:00Z';
    await team(monday);
    for (const who of ['bea', 'kiran', 'kiri', 'hana'] as const) await commit(monday, who, '2026-11-27');
    const steps: [string, Tick][] = [
      ['2026-11-26T18:29:59Z', none],
      // Friday 08:30 in Kiritimati is Thursday 13:30 in New York.
      ['2026-11-26T18:30:00Z', { ...none, reminded: 1 }],
      ['2026-11-27T02:44:59Z', none],
      ['2026-11-27T02:45:00Z', { ...none, reminded: 1 }],
      ['2026-11-27T07:29:59Z', none],
      ['2026-11-27T07:30:00Z', { ...none, reminded: 1 }],
      // 08:30 in New York sends nobody's.
      ['2026-11-27T13:30:00Z', none],
      ['2026-11-27T18:29:59Z', none],
      ['2026-11-27T18:30:00Z', { ...none, reminded: 1 }],
    ];
    for (const [at, expected] of steps) assert.deepEqual(await tickAt(at), expected, at);
    const reminders = await outbox('2026-11-27T18:30:00Z', 'due_today');
    assert.deepEqual(
      reminders.map((m) => m.to),
      [email('kiri'), email('kiran'), email('bea'), email('hana')],
    );
    for (const m of reminders) assert.match(m.body, /Due today, Fri 27 Nov:/, m.to);
  });

  it('keeps 09:00 local across the end of daylight saving time, in Berlin (25 Oct) and New York (1 Nov), for follow-ups, answer windows and reminders', async () => {
    const monday = '2026-10-19T12:00:00Z';
    await team(monday);
    const thursday = await commit(monday, 'bea', '2026-10-22', 'Send the quote');
    const friday = await commit(monday, 'bea', '2026-10-23', 'Book the demo');
    // Mara's own step, in New York.
    const own = await commit(monday, 'mara', '2026-10-30', 'Review the forecast');
    assert.deepEqual(
      [thursday, friday, own].map((s) => s.followUp.fireAt),
      [
        '2026-10-23T07:00:00.000Z', // Fri 09:00 CEST
        '2026-10-26T08:00:00.000Z', // Mon 09:00 CET, the day after Berlin's clocks went back
        '2026-11-02T14:00:00.000Z', // Mon 09:00 EST, the day after New York's
      ],
    );

    // Friday 09:00 in Berlin: the quote's follow-up, and the demo's due-today reminder (08:30
    // there; the quote's, yesterday's, is dropped since its step is due).
    assert.deepEqual(await tickAt('2026-10-23T07:00:00Z'), { ...none, sent: 1, reminded: 1 });
    // Sent Friday 09:00 CEST, answer due Tuesday 09:00 CET: an hour later in UTC.
    assert.equal(
      (await show('2026-10-23T07:00:00Z', thursday.id)).followUp.answerDueAt,
      '2026-10-27T08:00:00.000Z',
    );
    assert.deepEqual(await tickAt('2026-10-26T07:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-10-26T08:00:00Z'), { ...none, sent: 1 });
    assert.equal(
      (await show('2026-10-26T08:00:00Z', friday.id)).followUp.answerDueAt,
      '2026-10-28T08:00:00.000Z',
    );
    assert.deepEqual(await tickAt('2026-10-27T07:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-10-27T08:00:00Z'), { ...none, unanswered: 1 });
    assert.deepEqual(await tickAt('2026-10-28T07:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-10-28T08:00:00Z'), { ...none, unanswered: 1 });

    // New York: Friday 30 Oct 08:30 EDT, then Monday 2 Nov 09:00 EST.
    assert.deepEqual(await tickAt('2026-10-30T12:29:59Z'), none);
    assert.deepEqual(await tickAt('2026-10-30T12:30:00Z'), { ...none, reminded: 1 });
    assert.deepEqual(await tickAt('2026-11-02T13:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-11-02T14:00:00Z'), { ...none, sent: 1 });
    assert.equal(
      (await show('2026-11-02T14:00:00Z', own.id)).followUp.answerDueAt,
      '2026-11-04T14:00:00.000Z',
    );
  });

  it('counts the two working days to answer from the day the follow-up went out in the answerer’s zone', async () => {
    const monday = '2026-11-23T15:00:00Z';
    await team(monday);
    const c = {
      bea: await commit(monday, 'bea', '2026-12-03'),
      kiran: await commit(monday, 'kiran', '2026-12-03'),
      kiri: await commit(monday, 'kiri', '2026-12-03'),
      hana: await commit(monday, 'hana', '2026-12-03'),
    };
    // Nothing ran on Friday 4 December. At 01:00 UTC on the 5th it is Friday 20:00 in New York
    // and 15:00 in Honolulu, but already Saturday in Berlin, Kathmandu and Kiritimati.
    assert.deepEqual(await tickAt('2026-12-05T01:00:00Z'), { ...none, sent: 4, late: 4 });
    const windows: Record<string, string> = {};
    for (const [who, s] of Object.entries(c)) {
      windows[who] = (await show('2026-12-05T01:00:00Z', s.id)).followUp.answerDueAt;
    }
    // From a Saturday, two working days end on Tuesday; from a Friday, on Tuesday too, a day later.
    assert.deepEqual(windows, {
      bea: '2026-12-08T01:00:00.000Z', // Tue 02:00 in Berlin
      kiran: '2026-12-08T01:00:00.000Z', // Tue 06:45 in Kathmandu
      kiri: '2026-12-08T01:00:00.000Z', // Tue 15:00 in Kiritimati
      hana: '2026-12-09T01:00:00.000Z', // Tue 15:00 in Honolulu
    });
    assert.deepEqual(await tickAt('2026-12-08T00:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-12-08T01:00:00Z'), { ...none, unanswered: 3 });
    assert.deepEqual(await tickAt('2026-12-09T00:59:59Z'), none);
    assert.deepEqual(await tickAt('2026-12-09T01:00:00Z'), { ...none, unanswered: 1 });
  });

  it('counts a step done on time by its due date in its owner’s zone, whoever records it', async () => {
    const monday = '2026-11-23T15:00:00Z';
    await team(monday);
    const hana = await commit(monday, 'hana', '2026-11-27');
    const kiriLate = await commit(monday, 'kiri', '2026-11-27', 'Send the contract');
    const kiriOnTime = await commit(monday, 'kiri', '2026-11-27', 'Send the agenda');
    const bea = await commit(monday, 'bea', '2026-11-27');
    const kiran = await commit(monday, 'kiran', '2026-11-27');

    const done = async (at: string, id: string, as: string) =>
      (await ftOk(database, at, ['--as', as, 'done', id, '--json'])).json<Shown>().doneOn;
    // Friday 23:30 in Kiritimati (Friday 04:30 in New York): on its date.
    assert.equal(await done('2026-11-27T09:30:00Z', kiriOnTime.id, email('kiri')), '2026-11-27');
    // Saturday 01:00 in Kiritimati, though still Friday 06:00 in New York: a day late.
    assert.equal(await done('2026-11-27T11:00:00Z', kiriLate.id, email('kiri')), '2026-11-28');
    // Midnight in Kathmandu, Friday 13:15 in New York: a day late.
    assert.equal(await done('2026-11-27T18:15:00Z', kiran.id, email('kiran')), '2026-11-28');
    // Saturday 03:00 in Berlin, Friday 21:00 in New York: a day late.
    assert.equal(await done('2026-11-28T02:00:00Z', bea.id, email('bea')), '2026-11-28');
    // Friday 22:00 in Honolulu, already Saturday 03:00 in New York, recorded by Mara there: on time.
    assert.equal(await done('2026-11-28T08:00:00Z', hana.id, mara), '2026-11-27');

    const stats = async (who: string[]) =>
      (
        await ftOk(database, '2026-11-30T12:00:00Z', [
          'stats',
          ...who,
          '--since',
          '2026-11-23',
          '--until',
          '2026-11-29',
          '--json',
        ])
      ).json<Record<string, unknown>>();
    const all = await stats(['--team', mara]);
    assert.deepEqual([all.due, all.doneOnTime, all.doneLate, all.missed, all.openOverdue], [5, 2, 3, 0, 0]);
    assert.equal(all.followThroughRate, 0.4);
    assert.equal(all.medianDaysLate, 1);
    const kiri = await stats(['--person', email('kiri')]);
    assert.deepEqual([kiri.due, kiri.doneOnTime, kiri.doneLate], [2, 1, 1]);
    const hanas = await stats(['--person', email('hana')]);
    assert.deepEqual([hanas.due, hanas.doneOnTime, hanas.doneLate], [1, 1, 0]);
  });
});
