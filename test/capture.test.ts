import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { ft, ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { spawnFt } from './support/spawn.js';

const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
/** Tuesday 24 November 2026, half an hour into a 10:00 1:1 in New York. */
const DURING = '2026-11-24T15:30:00Z';

const notes = [
  'Dana to send revised pricing to Jo by Friday so that their CFO can sign off',
  'Jo was positive about the demo on Friday',
  'Jordan will send the NDA next week',
  "I'll call their CFO myself by Thursday",
  '@dana book the security review EOW',
].join('\n');

interface Line {
  line: string;
  commitment: null | Record<string, unknown>;
}

onEachDatabase('capture from meeting notes, and the coach', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ftOk(database, DURING, ['person', 'add', 'Mara Chen', '--email', mara]);
    await ftOk(database, DURING, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
    await ftOk(database, DURING, ['person', 'add', 'Jo Park', '--email', 'jo@acme.example', '--contact']);
    await ftOk(database, DURING, [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
      '--at',
      '2026-11-24 10:00',
    ]);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('capture --dry-run --json prints what each line would become, and saves nothing', async () => {
    const result = await ftOk(
      database,
      DURING,
      ['capture', '--meeting', 'm1', '--dry-run', '--json'],
      {},
      notes,
    );
    const lines = result.json<Line[]>();
    assert.deepEqual(
      lines.map((l) => l.line),
      notes.split('\n'),
    );
    assert.deepEqual(lines[0]?.commitment, {
      owner: { name: 'Dana Ruiz', email: dana },
      unresolvedOwner: null,
      what: 'Send revised pricing to Jo',
      with: [{ name: 'Jo Park', email: 'jo@acme.example' }],
      outcome: 'their CFO can sign off',
      due: '2026-11-27',
      limbo: [],
    });
    assert.equal(lines[1]?.commitment, null);
    assert.deepEqual(lines[2]?.commitment, {
      owner: null,
      unresolvedOwner: 'Jordan',
      what: 'Send the NDA',
      with: [],
      outcome: null,
      due: '2026-12-04',
      limbo: ['owner', 'outcome'],
    });
    assert.deepEqual(lines[3]?.commitment?.owner, { name: 'Mara Chen', email: mara });
    assert.equal(lines[3]?.commitment?.due, '2026-11-26');
    assert.equal(lines[4]?.commitment?.due, '2026-11-27');

    const list = await ftOk(database, DURING, ['list', '--json']);
    assert.deepEqual(list.json(), { commitments: [], total: 0, next: null }, 'a dry run saves no commitment');
    const shown = await ftOk(database, DURING, ['meeting', 'show', 'm1', '--json']);
    assert.deepEqual(shown.json<{ notes: unknown[] }>().notes, [], 'a dry run saves no notes');
  });

  it('ft note saves commitments that go round the whole loop: follow-up, agenda, stats', async () => {
    const saved = await ftOk(database, DURING, ['note', 'm1', '--json'], {}, notes);
    const made = saved.json<{
      lines: { commitment: { id: string } | null; coach: { label: string } | null }[];
    }>();
    assert.deepEqual(
      made.lines.map((l) => l.commitment?.id ?? null),
      ['c1', null, 'c2', 'c3', 'c4'],
    );
    assert.equal(made.lines[3]?.coach?.label, 'buy_back', 'the manager taking the call is flagged');

    // The meeting view shows each line and what it became, and keeps the notes.
    const view = await ftOk(database, DURING, ['meeting', 'show', 'm1']);
    assert.match(
      view.stdout,
      /Jordan will send the NDA next week\n\s+→ c2 Jordan\? \(nobody here by that name\)/,
    );
    assert.match(view.stdout, /⚑ buy-back/);

    // The follow-up goes out at 09:00 on the first working day after Friday's due date.
    const c1 = await ftOk(database, DURING, ['show', 'c1', '--json']);
    const followUp = c1.json<{ followUp: { id: string; fireAt: string } }>().followUp;
    assert.equal(followUp.fireAt, '2026-11-30T14:00:00.000Z');
    const sent = await ftOk(database, '2026-11-30T14:00:00Z', ['tick', '--json']);
    // c1 and c4 (due Friday) on time; Mara's c3, due Thursday, was due Friday 09:00: late.
    assert.deepEqual(sent.json(), { sent: 3, late: 1, unanswered: 0, reminded: 0, renewed: 0, digests: 0 });
    await ftOk(database, '2026-11-30T15:00:00Z', [
      '--as',
      dana,
      'answer',
      followUp.id,
      '--outcome',
      'done',
      '--happened',
      'Sent Friday; their CFO signed off',
    ]);

    // The reassigned step goes back to the manager: a buy-back.
    await ftOk(database, '2026-11-30T15:05:00Z', [
      'reassign',
      'c4',
      '--owner',
      mara,
      '--reason',
      'Leave it with me',
    ]);

    // The next 1:1 starts with the answer and with what is still pending, including the step nobody owns.
    const next = await ftOk(database, '2026-12-01T15:00:00Z', [
      'meeting',
      'start',
      '--kind',
      'one_on_one',
      '--with',
      dana,
      '--json',
    ]);
    const agenda = next.json<{ agenda: { pending: { id: string }[]; answered: { commitment: string }[] } }>()
      .agenda;
    assert.deepEqual(
      agenda.answered.map((a) => a.commitment),
      ['c1'],
    );
    assert.ok(
      agenda.pending.some((p) => p.id === 'c2'),
      'the ownerless step is on the agenda',
    );

    // Mara answers her own follow-up and buys it back in words: the coach flags it.
    const maraFollowUp = (await ftOk(database, '2026-11-27T14:00:00Z', ['show', 'c3', '--json'])).json<{
      followUp: { id: string };
    }>().followUp.id;
    await ftOk(database, '2026-11-27T14:00:00Z', ['tick']);
    const answered = await ftOk(database, '2026-11-30T15:10:00Z', [
      'answer',
      maraFollowUp,
      '--outcome',
      'not_done',
      '--happened',
      "Let's circle back on this at some point",
      '--json',
    ]);
    assert.equal(answered.json<{ coach: { label: string }[] }>().coach[0]?.label, 'limbo');

    const stats = await ftOk(database, '2026-12-01T16:00:00Z', ['stats', '--json']);
    const s = stats.json<Record<string, number>>();
    assert.equal(s.buyBacksReassigned, 1, 'the reassignment to the manager');
    assert.equal(s.buyBacksSaid, 1, 'the note "I\'ll call their CFO myself"');
    assert.equal(s.limboSaid, 1, 'the answer "at some point"');
    assert.equal(s.buyBacks, 2);
    assert.equal(s.doneOnTime, 1, 'c1 was answered done on its follow-up: done by its date');
    assert.equal(s.doneLate, 0);
  });

  it('coach --json reads one reply, or one per line from standard input as JSON Lines', async () => {
    const one = await ftOk(database, DURING, [
      'coach',
      "Leave it here, I'll take a look at it in a moment.",
      '--json',
    ]);
    const verdict = one.json<{ label: string; confidence: number; cues: string[]; suggestion: string }>();
    assert.equal(verdict.label, 'buy_back');
    assert.equal(verdict.confidence, 0.89);
    assert.deepEqual(verdict.cues, ["i'll take", 'leave it here', 'take a look']);
    assert.equal(verdict.suggestion, "What's your plan for it? I'm counting on you to see it through.");

    const many = await ftOk(
      database,
      DURING,
      ['coach', '--json'],
      {},
      'Let me think about it.\nSee me later about this.\nWhat are you going to do about it?\nThanks!\n',
    );
    const labels = many.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { label: string }).label);
    assert.deepEqual(labels, ['buy_back', 'limbo', 'accountable', 'neutral']);
  });

  it('keeps every line when notes are added to one meeting from two places at once', async () => {
    const a = Array.from({ length: 20 }, (_, i) => `Dana to call contact ${i} by Friday`).join('\n');
    const b = Array.from({ length: 20 }, (_, i) => `Jo said thing ${i}`).join('\n');
    // Two processes, as two people's laptops would be.
    const results = await Promise.all([
      spawnFt(database, ['note', 'm1'], { FOLLOWTHROUGH_NOW: DURING }, a),
      spawnFt(database, ['note', 'm1'], { FOLLOWTHROUGH_NOW: DURING }, b),
    ]);
    assert.deepEqual(
      results.map((r) => [r.code, r.stderr]),
      [
        [0, ''],
        [0, ''],
      ],
    );
    const view = await ftOk(database, DURING, ['meeting', 'show', 'm1', '--json']);
    const lines = view.json<{ notes: { line: string }[] }>().notes.map((n) => n.line);
    assert.equal(lines.length, 40);
    assert.deepEqual([...lines].sort(), [...a.split('\n'), ...b.split('\n')].sort());
    const list = await ftOk(database, DURING, ['list', '--json']);
    assert.equal(list.json<{ commitments: unknown[] }>().commitments.length, 20);
  });

  it('adds notes to what a meeting has, and refuses empty notes without changing anything', async () => {
    await ftOk(database, DURING, ['note', 'm1', '--text', 'Dana to call Jo tomorrow']);
    const refused = await ft(database, DURING, ['note', 'm1'], {}, '\n\n');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /empty_notes/);
    await ftOk(database, DURING, ['note', 'm1', '--text', 'Dana: send the recap tonight']);
    const view = await ftOk(database, DURING, ['meeting', 'show', 'm1', '--json']);
    assert.deepEqual(
      view
        .json<{ notes: { line: string; commitment: { what: string; due: string } }[] }>()
        .notes.map((n) => [n.line, n.commitment.what, n.commitment.due]),
      [
        ['Dana to call Jo tomorrow', 'Call Jo', '2026-11-25'],
        ['Dana: send the recap tonight', 'Send the recap', '2026-11-24'],
      ],
    );
  });
});
