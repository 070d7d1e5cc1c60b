import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import type { Db } from '../src/db/database.js';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';

const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
const tables = [
  'organizations',
  'people',
  'series',
  'meetings',
  'meeting_attendees',
  'plans',
  'commitments',
  'commitment_people',
  'commitment_prerequisites',
  'commitment_events',
  'follow_ups',
  'outbox',
  'note_lines',
  'coach_flags',
] as const;

/** Every row of every table, to prove a refused command changed nothing. */
async function snapshot(db: Db): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const table of tables) all[table] = await db.selectFrom(table).selectAll().execute();
  return JSON.stringify(all);
}

const NOW = '2026-11-24T15:00:00Z';

async function setUp(database: TestDatabase): Promise<void> {
  await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', mara]);
  await ftOk(database, NOW, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
  await ftOk(database, NOW, [
    'person',
    'add',
    'Sam Patel',
    '--email',
    'sam@northwind.example',
    '--manager',
    mara,
  ]);
  await ftOk(database, NOW, [
    'person',
    'add',
    'Sam Lee',
    '--email',
    'lee@northwind.example',
    '--manager',
    mara,
  ]);
  await ftOk(database, NOW, ['person', 'add', 'Jo Park', '--email', 'jo@acme.example', '--contact']);
  await ftOk(database, NOW, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
  await ftOk(database, NOW, [
    'commit',
    'Send revised pricing',
    '--owner',
    dana,
    '--due',
    '2026-11-25',
    '--meeting',
    'm1',
    '--outcome',
    'Budget approved',
  ]);
  await ftOk(database, '2026-11-26T14:00:00Z', ['tick']);
}

onEachDatabase('the command line', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await setUp(database);
  });
  afterEach(async () => {
    await database.drop();
  });

  const refused: [string, string[], RegExp][] = [
    [
      'an unknown owner',
      ['commit', 'X', '--owner', 'nobody@x.example', '--due', '2026-11-27'],
      /person_not_found/,
    ],
    [
      'an ambiguous first name',
      ['commit', 'X', '--owner', 'Sam', '--due', '2026-11-27'],
      /Sam Patel.*Sam Lee|Sam Lee.*Sam Patel/,
    ],
    ['a date that is not one', ['commit', 'X', '--owner', dana, '--due', 'blorf'], /invalid_date/],
    ['an empty commitment', ['commit', ' ', '--owner', dana, '--due', '2026-11-27'], /missing_what/],
    [
      'a meeting that does not exist',
      ['commit', 'X', '--owner', dana, '--due', '2026-11-27', '--meeting', 'm999'],
      /meeting_not_found/,
    ],
    [
      'an unknown person to do it with',
      ['commit', 'X', '--owner', dana, '--due', '2026-11-27', '--with', 'ghost'],
      /person_not_found/,
    ],
    [
      'a prerequisite that does not exist',
      ['commit', 'X', '--owner', dana, '--due', '2026-11-27', '--after', 'c77'],
      /commitment_not_found/,
    ],
    ['a taken e-mail', ['person', 'add', 'Dana Two', '--email', 'DANA@northwind.example'], /email_taken/],
    ['an e-mail that is not one', ['person', 'add', 'Kim', '--email', 'kim-at-northwind'], /invalid_email/],
    [
      'an unknown time zone',
      ['person', 'add', 'Kim', '--email', 'kim@northwind.example', '--tz', 'Mars/Olympus'],
      /invalid_time_zone/,
    ],
    [
      'a contact with a manager',
      ['person', 'add', 'Ann', '--email', 'ann@acme.example', '--contact', '--manager', mara],
      /contact_cannot_have_manager/,
    ],
    ['an unknown meeting kind', ['meeting', 'start', '--kind', 'party', '--with', dana], /invalid_kind/],
    [
      'a 1:1 with two people',
      ['meeting', 'start', '--kind', 'one_on_one', '--with', `${dana},jo@acme.example`],
      /one_on_one_needs_one/,
    ],
    ['a move without a reason', ['move', 'c1', '--due', '2026-12-01', '--reason', ' '], /missing_reason/],
    ['a move to a vague date', ['move', 'c1', '--due', 'ASAP', '--reason', 'busy'], /vague_due/],
    ['an unknown outcome', ['--as', dana, 'answer', 'f1', '--outcome', 'maybe'], /invalid_outcome/],
    [
      'an answer by someone else',
      ['answer', 'f1', '--outcome', 'done'],
      /Dana Ruiz's to answer: use --as dana@northwind.example/,
    ],
    [
      'a next step without a date',
      ['--as', dana, 'answer', 'f1', '--outcome', 'not_done', '--next', 'Call'],
      /missing_next_due/,
    ],
    ['an unknown follow-up', ['--as', dana, 'answer', 'f999', '--outcome', 'done'], /follow_up_not_found/],
    ['an unknown status', ['list', '--status', 'bogus'], /invalid_status/],
    ['an id of the wrong kind', ['show', 'm1'], /invalid_id/],
    ['a drop without a reason', ['drop', 'c1', '--reason', ''], /missing_reason/],
    ['an impossible date', ['stats', '--since', '2026-13-45'], /invalid_date/],
    ['an unknown plan kind', ['plan', 'add', 'territory', 'West', '--owner', dana], /invalid_plan_kind/],
    ['an hour past 23', ['settings', '--follow-up-hour', '25'], /invalid_number/],
    ['a clock without a zone', ['--now', '2026-11-24 10:00', 'list'], /invalid_instant/],
    [
      'an unknown acting person',
      ['--as', 'ghost@x.example', 'commit', 'X', '--owner', dana, '--due', '2026-11-27'],
      /unknown_actor/,
    ],
    ['a wrap-up of a meeting still going', ['wrapup', 'm1', '--send'], /meeting_not_ended/],
    [
      'a due date in the year 9999',
      ['commit', 'X', '--owner', dana, '--due', '9999-12-31'],
      /date_out_of_range/,
    ],
    [
      'a due date in the year 0001',
      ['commit', 'X', '--owner', dana, '--due', '0001-01-01'],
      /date_out_of_range/,
    ],
    [
      'a time zone written as an offset',
      ['person', 'add', 'Kim', '--email', 'kim@northwind.example', '--tz', 'UTC+99'],
      /invalid_time_zone/,
    ],
    [
      'a time zone written as an abbreviation, which names no place (EST alone is Panama, with no summer time)',
      ['person', 'add', 'Kim', '--email', 'kim@northwind.example', '--tz', 'EST'],
      /abbreviation.*America\/Panama.*invalid_time_zone/,
    ],
    ['a clock in the year 10000', ['--now', '+010000-01-01T00:00:00Z', 'list'], /invalid_instant/],
    [
      'a name of 120 KB',
      ['person', 'add', 'K'.repeat(120_000), '--email', 'kim@northwind.example'],
      /too_long/,
    ],
    [
      'an owner named in 120 KB',
      ['commit', 'X', '--owner', 'd'.repeat(120_000), '--due', '2026-11-27'],
      /person_ref_too_long/,
    ],
    [
      'a name with a terminal escape',
      ['person', 'add', 'Kim\u001b[31m', '--email', 'kim@northwind.example'],
      /control_characters/,
    ],
    [
      'what spread over two lines',
      ['commit', 'Send\nit', '--owner', dana, '--due', '2026-11-27'],
      /control_characters/,
    ],
    [
      'an answer before its follow-up went out',
      ['--now', '2026-11-26T13:00:00Z', '--as', dana, 'answer', 'f1', '--outcome', 'done'],
      /answer_before_sent/,
    ],
    [
      'a date that does not exist',
      ['commit', 'X', '--owner', dana, '--due', 'Dec 32'],
      /"Dec 32" does not exist\. \[invalid_date\]/,
    ],
    [
      'a next step with a vague date',
      ['--as', dana, 'answer', 'f1', '--outcome', 'not_done', '--next', 'Call', '--next-due', 'ASAP'],
      /vague_due/,
    ],
    ['an unknown message kind', ['outbox', '--kind', 'followup'], /invalid_kind/],
    [
      'a customer contact acting',
      ['--as', 'jo@acme.example', 'commit', 'X', '--owner', dana, '--due', '2026-11-27'],
      /contact_cannot_act/,
    ],
    ['a follow-up on the due date itself', ['settings', '--follow-up-offset', '0'], /invalid_number/],
    [
      'a follow-up id given as a commitment id',
      ['--as', dana, 'answer', 'c1', '--outcome', 'done'],
      /is a commitment id, not a follow-up id/,
    ],
    ['notes with nothing in them', ['note', 'm1', '--text', '  \n '], /empty_notes/],
    [
      'notes for a meeting that does not exist',
      ['note', 'm999', '--text', 'Dana to call Jo'],
      /meeting_not_found/,
    ],
    ['a capture with no notes given', ['capture', '--meeting', 'm1', '--dry-run'], /no_notes/],
    ['an empty reply to coach', ['coach', ' '], /empty_text/],
    ['a coach with nothing to read', ['coach'], /no_text/],
  ];

  for (const [what, args, message] of refused) {
    it(`refuses ${what} with a one-line coded error and changes nothing`, async () => {
      const db = database.open();
      const before = await snapshot(db);
      const result = await ft(database, '2026-11-26T15:00:00Z', args);
      assert.equal(result.code, 1, `exit code for ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal(await snapshot(db), before);
      await db.destroy();
    });
  }

  it('reports bad usage (an unknown command, a missing option) with exit code 2 and changes nothing', async () => {
    const db = database.open();
    const before = await snapshot(db);
    const unknown = await ft(database, NOW, ['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /frobnicate/);
    const missing = await ft(database, NOW, ['commit', 'Send the deck']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--owner/);
    assert.equal(await snapshot(db), before);
    await db.destroy();
  });

  it('gives a refused --json command a JSON error with its code', async () => {
    const result = await ft(database, NOW, ['list', '--status', 'bogus', '--json']);
    assert.equal(result.code, 1);
    const error = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'invalid_status');
    assert.match(error.error.message, /open, done, missed, dropped/);
  });

  it('prints exactly one JSON document for every command with --json', async () => {
    const later = '2026-11-26T16:00:00Z';
    const commands: string[][] = [
      [],
      ['person', 'list'],
      ['person', 'add', 'Kim Larsen', '--email', 'kim@northwind.example', '--partner', dana],
      [
        'plan',
        'add',
        'opportunity',
        'Acme FY27',
        '--owner',
        dana,
        '--goal',
        '400 seats',
        '--ends',
        '2026-12-31',
      ],
      ['plan', 'show', 'p1'],
      [
        'commit',
        'Book the deep-dive',
        '--owner',
        dana,
        '--due',
        'friday',
        '--plan',
        'p1',
        '--after',
        'c1',
        '--needs',
        'an SE',
      ],
      ['commit', 'Map the committee', '--owner', dana, '--due', '2026-12-02'],
      ['commit', 'Look into pricing', '--owner', dana, '--due', 'later'],
      ['list'],
      ['list', '--team', mara, '--overdue'],
      ['list', '--limbo'],
      ['show', 'c1'],
      ['followups'],
      ['followups', '--due'],
      [
        '--as',
        dana,
        'answer',
        'f1',
        '--outcome',
        'partly',
        '--happened',
        'Half sent',
        '--new-due',
        '2026-12-01',
      ],
      ['move', 'c2', '--due', '2026-12-09', '--reason', 'SE on leave'],
      ['reassign', 'c3', '--owner', mara, '--reason', 'Leave it with me for now'],
      ['done', 'c3', '--note', 'Done myself'],
      ['missed', 'c4'],
      ['drop', 'c1', '--reason', 'Acme paused the deal'],
      ['agenda', '--with', dana],
      ['note', 'm1', '--text', 'Dana to call Jo by Friday\nI will look at it later'],
      ['capture', '--meeting', 'm1', '--dry-run', '--text', 'Sam: book the demo EOW'],
      ['coach', 'Let me think about it'],
      ['meeting', 'show', 'm1'],
      ['meeting', 'end', 'm1'],
      ['wrapup', 'm1'],
      ['wrapup', 'm1', '--send', '--cc', 'sam@northwind.example'],
      [
        'meeting',
        'start',
        '--kind',
        'deal_review',
        '--with',
        `${dana},jo@acme.example`,
        '--series',
        'Acme deal',
      ],
      ['agenda', '--series', 's2'],
      ['tick'],
      ['stats'],
      ['stats', '--person', dana, '--since', '2026-11-01', '--until', '2026-11-30'],
      ['outbox'],
      ['settings', '--follow-up-hour', '8'],
      ['plan', 'close', 'p1', '--outcome', 'won'],
    ];
    for (const args of commands) {
      const result = await ft(database, later, [...args, '--json']);
      assert.equal(result.code, 0, `ft ${args.join(' ')} --json: ${result.stderr}`);
      assert.doesNotThrow(
        () => JSON.parse(result.stdout),
        `ft ${args.join(' ')} --json printed: ${result.stdout}`,
      );
    }
  });
});
