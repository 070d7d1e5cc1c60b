import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'node:test';
import pg from 'pg';
import * as repair from '../src/db/migrations/0003_repair_edited_migrations.js';
import { ftOk } from './support/cli.js';
import {
  before,
  createTestDatabase,
  type Dialect,
  it,
  onEachDatabase,
  type TestDatabase,
} from './support/databases.js';
import { type SchemaShape, schemaOf, snapshotOf } from './support/schema.js';

/**
 * Databases written by earlier releases' own `ft` (test/fixtures/upgrade/README.md), opened by
 * today's: what they hold reads back as it was written, the loop goes on, and their schema
 * becomes today's, including where a shipped migration was later edited.
 */

const fixturesDir = new URL('./fixtures/upgrade/', import.meta.url);

const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
const lena = 'lena@northwind.example';

type Verdict = { label: string; confidence: number | null; cues: string[]; suggestion: string | null };
const verdict = (
  label: string,
  confidence: number | null,
  cues: string[] = [],
  suggestion: string | null = null,
) => ({
  label,
  confidence,
  cues,
  suggestion,
});
const handBack = "What's your plan for it? I'm counting on you to see it through.";
const orderForm = 'Dana to send the order form to Jo by next Friday so that legal can start their review';
const finance = 'Jo said finance meets on Thursdays';
const cfo = "I'll call their CFO myself";

interface Fixture {
  name: string;
  /** The notes its release wrote into m1, with the commitment each became and the coach's verdict. */
  notes: { line: string; commitment: string | null; coach: Verdict | null }[];
  /** Ids the release gave to the answer's next step and its follow-up, and the next ids today's ft gives. */
  ids: { nextStep: string; nextFollowUp: string; newNote: string; newCommit: string; newFollowUp: string };
}

const fixtures: Fixture[] = [
  {
    // 81b8a9f: no notes yet; the commitments indexes by meeting and by plan lack status.
    name: '0001-first-release',
    notes: [],
    ids: { nextStep: 'c5', nextFollowUp: 'f5', newNote: 'c6', newCommit: 'c7', newFollowUp: 'f7' },
  },
  {
    // 2746fc7: the coach's verdict kept as coach_label and coach_cues; no confidence, no suggestion.
    name: '0002-coach-columns',
    notes: [
      { line: orderForm, commitment: 'c5', coach: verdict('neutral', null) },
      { line: finance, commitment: null, coach: verdict('neutral', null) },
      { line: cfo, commitment: 'c6', coach: verdict('buy_back', null, ["i'll call", 'myself']) },
    ],
    ids: { nextStep: 'c7', nextFollowUp: 'f6', newNote: 'c8', newCommit: 'c9', newFollowUp: 'f8' },
  },
  {
    // a242c20: already today's schema; the verdict kept whole in note_lines.coach.
    name: '0002-current',
    notes: [
      { line: orderForm, commitment: 'c5', coach: verdict('neutral', 0.5) },
      { line: finance, commitment: null, coach: verdict('neutral', 0.5) },
      { line: cfo, commitment: 'c6', coach: verdict('buy_back', 0.83, ["i'll call", 'myself'], handBack) },
    ],
    ids: { nextStep: 'c7', nextFollowUp: 'f6', newNote: 'c8', newCommit: 'c9', newFollowUp: 'f8' },
  },
];

/** A fresh database holding a fixture as its release left it, not yet opened by today's code. */
async function fromFixture(dialect: Dialect, name: string): Promise<TestDatabase> {
  const database = await createTestDatabase(dialect, { migrated: false });
  if (dialect === 'sqlite') {
    const file = join(database.env.FOLLOWTHROUGH_DATA, 'followthrough.db');
    for (const leftover of [file, `${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true });
    copyFileSync(new URL(`${name}.sqlite`, fixturesDir), file);
    return database;
  }
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  try {
    const schema = (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0]
      ?.schema;
    const dump = readFileSync(new URL(`${name}.pg.sql`, fixturesDir), 'utf8');
    await client.query(dump.replaceAll('__SCHEMA__', `"${schema}"`));
  } finally {
    await client.end();
  }
  return database;
}

type Shown = {
  id: string;
  status: string;
  closedAt: string | null;
  due: string | null;
  doneOn: string | null;
  followUp: { id: string; status: string; fireAt: string } | null;
  timeline: Record<string, unknown>[];
};
type MeetingShown = {
  endedAt: string;
  attendees: { email: string }[];
  notes: { line: string; commitment: { id: string } | null; coach: Verdict | null }[];
  commitments: { id: string }[];
};
type Message = { id: string; kind: string; to: string; subject: string };

onEachDatabase('a database written by an earlier release', (dialect) => {
  let database: TestDatabase;
  let today: SchemaShape;
  before(async () => {
    const fresh = await createTestDatabase(dialect);
    const db = fresh.open();
    today = await schemaOf(db);
    await db.destroy();
    await fresh.drop();
  });
  afterEach(async () => {
    await database.drop();
  });

  /** Today's schema and migrations, the repair among them, apart from the two columns of 2746fc7 that 0003 leaves unread. */
  const assertTodaysSchema = async () => {
    const db = database.open();
    try {
      const schema = await schemaOf(db);
      schema.columns = schema.columns.filter((c) => !/^note_lines\.coach_(label|cues) /.test(c));
      assert.deepEqual(schema, today);
      // Recorded as run even where there was nothing to repair, so it never runs again.
      assert.ok(schema.migrations.includes('0003_repair_edited_migrations'), schema.migrations.join(', '));
    } finally {
      await db.destroy();
    }
  };

  for (const fixture of fixtures) {
    const { ids } = fixture;

    it(`${fixture.name}: reads back what its release wrote, with today's schema`, async () => {
      database = await fromFixture(dialect, fixture.name);
      const now = '2026-12-01T10:00:00-05:00';

      const c1 = (await ftOk(database, now, ['show', 'c1', '--json'])).json();
      await assertTodaysSchema();
      const answered = {
        id: 'f1',
        commitment: 'c1',
        status: 'answered',
        fireAt: '2026-11-30T14:00:00.000Z',
        sentAt: '2026-11-30T14:00:00.000Z',
        late: false,
        answerDueAt: '2026-12-02T14:00:00.000Z',
        answeredAt: '2026-11-30T16:00:00.000Z',
        outcome: 'not_done',
        happened: 'Jo is out until Wednesday',
        learned: 'Finance signs off, not Jo',
        next: ids.nextStep,
        ask: "How did the Acme call go? Let's talk about what happened.",
      };
      assert.deepEqual(c1, {
        id: 'c1',
        what: 'Send revised pricing',
        owner: { name: 'Dana Ruiz', email: dana },
        with: [{ name: 'Jo Park', email: 'jo@acme.example' }],
        outcome: 'Acme approves budget',
        due: '2026-11-27',
        dueTime: null,
        dueAt: '2026-11-28T04:59:59.999Z',
        vagueDue: null,
        status: 'open',
        source: 'meeting',
        meeting: 'm1',
        plan: null,
        delegatedBy: { name: 'Mara Chen', email: mara },
        needs: null,
        after: [],
        follows: null,
        every: null,
        repeats: null,
        renegotiations: 0,
        overdue: true,
        stalled: [],
        limbo: [],
        // Made with a customer contact: shared, as the upgrade reads it.
        visibility: 'shared',
        createdAt: '2026-11-24T15:10:00.000Z',
        closedAt: null,
        doneOn: null,
        followUp: answered,
        followUps: [answered],
        nextSteps: [ids.nextStep],
        timeline: [
          { kind: 'created', at: '2026-11-24T15:10:00.000Z', actor: mara, owner: dana, due: '2026-11-27' },
          {
            kind: 'follow_up_sent',
            at: '2026-11-30T14:00:00.000Z',
            actor: null,
            follow_up: 'f1',
            late: false,
          },
          {
            kind: 'answered',
            at: '2026-11-30T16:00:00.000Z',
            actor: dana,
            follow_up: 'f1',
            outcome: 'not_done',
            happened: 'Jo is out until Wednesday',
            learned: 'Finance signs off, not Jo',
            next: ids.nextStep,
          },
        ],
      });

      const c2 = (await ftOk(database, now, ['show', 'c2', '--json'])).json<Shown>();
      assert.equal(c2.status, 'done');
      assert.deepEqual(c2.timeline.at(-1), {
        kind: 'answered',
        at: '2026-11-25T21:00:00.000Z',
        actor: dana,
        follow_up: 'f2',
        outcome: 'done',
        happened: 'Booked with their CISO for 2 December',
        early: true,
      });
      const c3 = (await ftOk(database, now, ['show', 'c3', '--json'])).json<Shown>();
      // Lena's follow-up at 09:00 in Berlin, the day after her date.
      assert.deepEqual(
        [c3.status, c3.followUp?.status, c3.followUp?.fireAt],
        ['open', 'scheduled', '2026-12-03T08:00:00.000Z'],
      );
      const c4 = (await ftOk(database, now, ['show', 'c4', '--json'])).json<Shown>();
      assert.deepEqual(
        [c4.status, c4.closedAt, c4.followUp?.status],
        ['dropped', '2026-11-26T14:00:00.000Z', 'cancelled'],
      );
      assert.deepEqual(c4.timeline.at(-1), {
        kind: 'dropped',
        at: '2026-11-26T14:00:00.000Z',
        actor: mara,
        note: 'Globex paused the project until spring',
      });

      const m1 = (await ftOk(database, now, ['meeting', 'show', 'm1', '--json'])).json<MeetingShown>();
      assert.equal(m1.endedAt, '2026-11-24T15:45:00.000Z');
      assert.deepEqual(
        m1.attendees.map((a) => a.email),
        [mara, dana],
      );
      assert.deepEqual(
        m1.notes.map((n) => ({ line: n.line, commitment: n.commitment?.id ?? null, coach: n.coach })),
        fixture.notes,
      );
      assert.deepEqual(
        m1.commitments.map((c) => c.id),
        ['c2', 'c1', ids.nextStep],
      );

      const outbox = (await ftOk(database, now, ['outbox', '--json'])).json<Message[]>();
      const wrapup = 'Wrap-up: 1:1 Mara Chen & Dana Ruiz, Tue 24 Nov 2026 10:00';
      assert.deepEqual(
        outbox.map((m) => [m.id, m.kind, m.to, m.subject]),
        [
          ['o1', 'wrapup', mara, wrapup],
          ['o2', 'wrapup', dana, wrapup],
          ['o3', 'answer', mara, 'Done: Book the security review'],
          ['o4', 'follow_up', dana, 'How did it go? Send revised pricing'],
          ['o5', 'answer', mara, 'Not done: Send revised pricing'],
        ],
      );
    });

    it(`${fixture.name}: takes notes, commitments, ticks and answers on its data`, async () => {
      database = await fromFixture(dialect, fixture.name);

      const noted = (
        await ftOk(database, '2026-12-01T10:00:00-05:00', [
          'note',
          'm1',
          '--text',
          'Dana will send the signed NDA to Jo by Dec 8 so that legal can sign',
          '--json',
        ])
      ).json<{ lines: { commitment: { id: string; due: string } | null; coach: Verdict | null }[] }>();
      await assertTodaysSchema();
      assert.deepEqual(
        noted.lines.map((l) => [l.commitment?.id, l.commitment?.due, l.coach?.label]),
        [[ids.newNote, '2026-12-08', 'neutral']],
      );
      const m1 = (
        await ftOk(database, '2026-12-01T10:01:00-05:00', ['meeting', 'show', 'm1', '--json'])
      ).json<MeetingShown>();
      assert.deepEqual(
        m1.notes.map((n) => [n.line, n.commitment?.id ?? null]),
        [
          ...fixture.notes.map((n) => [n.line, n.commitment]),
          ['Dana will send the signed NDA to Jo by Dec 8 so that legal can sign', ids.newNote],
        ],
      );

      const committed = (
        await ftOk(database, '2026-12-01T10:05:00-05:00', [
          'commit',
          'Prepare the Initech pilot plan',
          '--owner',
          lena,
          '--due',
          '2026-12-08',
          '--outcome',
          'Initech agrees the pilot scope',
          '--json',
        ])
      ).json<Shown>();
      assert.deepEqual(
        [committed.id, committed.followUp?.id, committed.followUp?.fireAt],
        [ids.newCommit, ids.newFollowUp, '2026-12-09T08:00:00.000Z'],
      );

      // 09:00 in Berlin on Thursday: Lena's follow-up on the proposal she owed on Wednesday, once.
      const tickAt = '2026-12-03T03:00:00-05:00';
      assert.deepEqual((await ftOk(database, tickAt, ['tick', '--json'])).json(), {
        sent: 1,
        late: 0,
        unanswered: 0,
        reminded: 0,
        renewed: 0,
        digests: 0,
      });
      assert.deepEqual((await ftOk(database, tickAt, ['tick', '--json'])).json(), {
        sent: 0,
        late: 0,
        unanswered: 0,
        reminded: 0,
        renewed: 0,
        digests: 0,
      });
      const toLena = (await ftOk(database, tickAt, ['outbox', '--to', lena, '--json'])).json<Message[]>();
      assert.deepEqual(
        toLena.map((m) => [m.id, m.kind, m.subject]),
        [['o6', 'follow_up', 'How did it go? Send the Initech proposal']],
      );

      await ftOk(database, '2026-12-03T05:00:00-05:00', [
        '--as',
        lena,
        'answer',
        'f3',
        '--outcome',
        'done',
        '--happened',
        'Sent it on Tuesday',
        '--learned',
        'Their IT lead decides the pilot',
      ]);
      const c3 = (await ftOk(database, '2026-12-03T05:00:00-05:00', ['show', 'c3', '--json'])).json<Shown>();
      assert.deepEqual([c3.status, c3.closedAt, c3.doneOn], ['done', '2026-12-03T10:00:00.000Z', c3.due]);

      const stats = (
        await ftOk(database, '2026-12-03T10:00:00-05:00', [
          'stats',
          '--team',
          mara,
          '--since',
          '2026-11-23',
          '--until',
          '2026-12-06',
          '--json',
        ])
      ).json<Record<string, unknown>>();
      const withNotes = fixture.notes.length > 0 ? 1 : 0;
      assert.deepEqual(
        {
          due: stats.due,
          doneOnTime: stats.doneOnTime,
          doneLate: stats.doneLate,
          missed: stats.missed,
          openOverdue: stats.openOverdue,
          followUpsSent: stats.followUpsSent,
          followUpsAnswered: stats.followUpsAnswered,
          limbo: stats.limbo,
          buyBacks: stats.buyBacks,
          buyBacksSaid: stats.buyBacksSaid,
          wrapupsOnTime: stats.wrapupsOnTime,
        },
        {
          // c1, c2 and c3 were due by now (c4 was dropped; the next step is due tonight):
          // c2 done on time; c3 answered "done" on its follow-up, so done by its date; c1 still open.
          due: 3,
          doneOnTime: 2,
          doneLate: 0,
          missed: 0,
          openOverdue: 1,
          followUpsSent: 2,
          followUpsAnswered: 2,
          // The old notes' "I'll call their CFO myself": a buy-back said, a commitment in limbo.
          limbo: withNotes,
          buyBacks: withNotes,
          buyBacksSaid: withNotes,
          wrapupsOnTime: 1,
        },
      );
    });
  }

  it('0003 changes nothing on a database that today’s code made', async () => {
    database = await createTestDatabase(dialect);
    const at = (hour: string) => `2026-11-24T${hour}:00-05:00`;
    await ftOk(database, at('09:00'), ['person', 'add', 'Mara Chen', '--email', mara]);
    await ftOk(database, at('09:01'), ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
    await ftOk(database, at('09:02'), ['plan', 'add', 'account', 'Acme', '--owner', dana]);
    await ftOk(database, at('10:00'), ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
    await ftOk(database, at('10:10'), [
      'commit',
      'Send revised pricing',
      '--owner',
      dana,
      '--due',
      '2026-11-27',
      '--meeting',
      'm1',
      '--plan',
      'p1',
    ]);
    await ftOk(database, at('10:20'), ['note', 'm1'], {}, `${orderForm}\n${cfo}\n`);
    await ftOk(database, at('10:45'), ['meeting', 'end', 'm1']);

    const db = database.open();
    try {
      const untouched = await snapshotOf(db);
      assert.equal(untouched.rows.note_lines?.length, 2);
      // Run 0003 again on it, as on a database it had not seen.
      await db.transaction().execute((trx) => repair.up(trx));
      assert.deepEqual(await snapshotOf(db), untouched);
    } finally {
      await db.destroy();
    }
  });
});
