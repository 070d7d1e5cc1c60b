import assert from 'node:assert/strict';
import { beforeEach } from 'node:test';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import { startMeeting } from '../src/meetings/meetings.usecases.js';
import { addPerson } from '../src/people/people.usecases.js';
import { formatId } from '../src/shared/ids.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase } from './support/databases.js';
import { type Actor, actors, matrixWorld } from './support/matrix.js';

/**
 * Meetings over the API, through the policy: a permission matrix for every route (Dana the
 * attendee, Mara her manager who runs the 1:1, Sam a peer, Ada the admin, Olga of another
 * organization, nobody signed in), and what each route does: notes become commitments, private
 * lines are their author's alone and never in a wrap-up, wrap-ups are previewed and sent once,
 * agendas start with what is pending, and previews save nothing.
 */

const dana = 'dana@northwind.example';
const mara = 'mara@northwind.example';
const jo = 'jo@acme.example';

onEachDatabase('meetings over the API', (dialect) => {
  const world = matrixWorld(dialect);
  const { call, each, outcome } = world;
  /** Mara's 1:1s with Dana: one named 'read', and one for each actor to act on. */
  const meetings = new Map<string, string>();
  let series = '';
  let initechMeeting = '';
  let initechSeries = '';

  beforeEach(async () => {
    const { base, people } = world;
    const asMara = { ...base, actor: people.mara };
    meetings.clear();
    for (const name of ['read', ...actors]) {
      const started = await startMeeting(asMara, { kind: 'one_on_one', with: [dana] });
      meetings.set(name, formatId('meeting', started.meeting.id));
      series = formatId('series', started.series?.id ?? 0);
    }
    const initech = { db: world.db, clock: world.clock, org: world.initech, actor: people.olga };
    await addPerson(
      { ...initech, actor: null },
      { name: 'Ivo Kern', email: 'ivo@initrode.example', contact: true },
    );
    const theirs = await startMeeting(initech, {
      kind: 'customer',
      with: ['ivo@initrode.example'],
      series: 'Initrode account',
    });
    initechMeeting = formatId('meeting', theirs.meeting.id);
    initechSeries = formatId('series', theirs.series?.id ?? 0);
  });

  /** The same request, with each actor's own meeting in its path. */
  const onOwn = (method: string, suffix: string, body?: unknown, success = 200) =>
    each(async (a: Actor) =>
      outcome(await call(a, method, `/api/v1/meetings/${meetings.get(a)}${suffix}`, body), success),
    );

  const seenByThem = {
    owner: 200,
    manager: 200,
    peer: '404 meeting_not_found',
    admin: 200,
    otherOrgAdmin: '404 meeting_not_found',
    noSession: '401 unauthenticated',
  };

  it('lists the meetings one attended or that someone below one attended; an admin all; nothing of another organization', async () => {
    const totals = await each(async (a) => {
      const { status, body } = await call(a, 'GET', '/api/v1/meetings');
      return status === 200 ? [body.total, (body.meetings as { id: string }[]).length] : status;
    });
    assert.deepEqual(totals, {
      owner: [7, 7],
      manager: [7, 7],
      peer: [0, 0],
      admin: [7, 7],
      otherOrgAdmin: [1, 1],
      noSession: 401,
    });
    const olgas = await call('otherOrgAdmin', 'GET', '/api/v1/meetings');
    assert.deepEqual(
      (olgas.body.meetings as { id: string }[]).map((m) => m.id),
      [initechMeeting],
    );
  });

  it('starts meetings with those below one and customer contacts; an admin with anyone', async () => {
    const body = { kind: 'customer', with: [dana, jo] };
    assert.deepEqual(await each(async (a) => outcome(await call(a, 'POST', '/api/v1/meetings', body), 201)), {
      owner: 201,
      manager: 201,
      peer: '403 not_allowed',
      admin: 201,
      otherOrgAdmin: '404 person_not_found',
      noSession: '401 unauthenticated',
    });
    // A 1:1 is the manager's to run: Dana may not start one with Mara, nor Sam with Dana.
    const oneOnOne = (a: Actor, other: string) =>
      call(a, 'POST', '/api/v1/meetings', { kind: 'one_on_one', with: [other] }).then((r) => outcome(r, 201));
    assert.deepEqual(
      [
        await oneOnOne('owner', mara),
        await oneOnOne('peer', dana),
        await oneOnOne('manager', 'sam@northwind.example'),
      ],
      ['403 not_allowed', '403 not_allowed', 201],
    );
  });

  it('shows a meeting to its attendees, those above them and an admin; to anyone else it does not exist', async () => {
    const id = meetings.get('read') as string;
    assert.deepEqual(
      await each(async (a) => outcome(await call(a, 'GET', `/api/v1/meetings/${id}`))),
      seenByThem,
    );
    // Another organization's meeting is "not found", exactly like a missing one.
    const theirs = await call('admin', 'GET', `/api/v1/meetings/${initechMeeting}`);
    const missing = await call('admin', 'GET', '/api/v1/meetings/m999999');
    assert.deepEqual(theirs.body, {
      error: {
        code: 'meeting_not_found',
        message: `No meeting ${initechMeeting}. Start one with \`ft meeting start\`.`,
      },
    });
    assert.deepEqual(missing.body, {
      error: {
        code: 'meeting_not_found',
        message: 'No meeting m999999. Start one with `ft meeting start`.',
      },
    });
    assert.equal((await call('otherOrgAdmin', 'GET', `/api/v1/meetings/${initechMeeting}`)).status, 200);
  });

  it('lets those who see a meeting add its notes, end it and send its wrap-up, and nobody else', async () => {
    assert.deepEqual(await onOwn('POST', '/notes', { text: 'Dana to send the deck by Friday' }, 201), {
      ...seenByThem,
      owner: 201,
      manager: 201,
      admin: 201,
    });
    // A POST with no body and no session is refused as a cross-site form before the session is asked for.
    assert.deepEqual(await onOwn('POST', '/end', {}), seenByThem);
    assert.deepEqual(await onOwn('GET', '/wrapup'), seenByThem);
    assert.deepEqual(await onOwn('POST', '/wrapup', {}), seenByThem);
    const sent = await world.db
      .selectFrom('meetings')
      .select('id')
      .where('wrapup_sent_at', 'is not', null)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      sent.map((m) => formatId('meeting', m.id)),
      ['owner', 'manager', 'admin'].map((a) => meetings.get(a)),
    );
    // Another organization's meeting takes no notes from Northwind.
    const foreign = await call('admin', 'POST', `/api/v1/meetings/${initechMeeting}/notes`, {
      text: 'Ivo to sign',
    });
    assert.equal(outcome(foreign, 201), '404 meeting_not_found');
  });

  it('reads the agenda of one’s own 1:1 with a person, and of the series one may see', async () => {
    assert.deepEqual(
      await each(async (a) => outcome(await call(a, 'GET', `/api/v1/people/${dana}/agenda`))),
      {
        owner: '404 series_not_found',
        manager: 200,
        peer: '404 series_not_found',
        admin: '404 series_not_found',
        otherOrgAdmin: '404 person_not_found',
        noSession: '401 unauthenticated',
      },
    );
    assert.deepEqual(
      await each(async (a) => outcome(await call(a, 'GET', `/api/v1/series/${series}/agenda`))),
      {
        owner: 200,
        manager: 200,
        peer: '404 series_not_found',
        admin: 200,
        otherOrgAdmin: '404 series_not_found',
        noSession: '401 unauthenticated',
      },
    );
    assert.equal(
      outcome(await call('admin', 'GET', `/api/v1/series/${initechSeries}/agenda`)),
      '404 series_not_found',
    );
    assert.equal(outcome(await call('otherOrgAdmin', 'GET', `/api/v1/series/${initechSeries}/agenda`)), 200);
  });

  it('previews notes for those who may add them, and reads replies for every member', async () => {
    const body = { meeting: meetings.get('read'), text: 'Dana to send the deck by Friday' };
    assert.deepEqual(
      await each(async (a) => outcome(await call(a, 'POST', '/api/v1/capture/preview', body))),
      seenByThem,
    );
    const foreign = { meeting: initechMeeting, text: 'Ivo to sign' };
    assert.equal(
      outcome(await call('owner', 'POST', '/api/v1/capture/preview', foreign)),
      '404 meeting_not_found',
    );
    assert.deepEqual(
      await each(async (a) =>
        outcome(await call(a, 'POST', '/api/v1/coach', { text: 'Let me think about it' })),
      ),
      {
        owner: 200,
        manager: 200,
        peer: 200,
        admin: 200,
        otherOrgAdmin: 200,
        noSession: '401 unauthenticated',
      },
    );
  });

  it('turns lines of notes into commitments of the meeting, as ft note does', async () => {
    const id = meetings.get('read') as string;
    const added = await call('manager', 'POST', `/api/v1/meetings/${id}/notes`, {
      text: 'Dana to send revised pricing to Jo by Friday so that their CFO can sign off\nJo said finance meets on Thursdays',
    });
    assert.equal(added.status, 201);
    const lines = added.body.lines as { line: string; commitment: Record<string, unknown> | null }[];
    assert.equal(added.body.meeting, id);
    assert.equal(added.body.private, false);
    assert.deepEqual(
      lines.map((l) => l.line),
      [
        'Dana to send revised pricing to Jo by Friday so that their CFO can sign off',
        'Jo said finance meets on Thursdays',
      ],
    );
    assert.equal(lines[1]?.commitment, null);
    const step = lines[0]?.commitment as Record<string, unknown>;
    assert.deepEqual(
      { owner: step.owner, what: step.what, due: step.due, outcome: step.outcome, with: step.with },
      {
        owner: { name: 'Dana Ruiz', email: dana },
        what: 'Send revised pricing to Jo',
        due: '2026-11-27',
        outcome: 'their CFO can sign off',
        with: [{ name: 'Jo Park', email: jo }],
      },
    );
    // Dana sees the step in the meeting, and as hers.
    const shown = await call('owner', 'GET', `/api/v1/meetings/${id}`);
    const notes = shown.body.notes as { line: string; private: boolean; commitment: { id: string } | null }[];
    assert.deepEqual(
      notes.map((n) => [n.line.slice(0, 20), n.private, n.commitment?.id ?? null]),
      [
        ['Dana to send revised', false, step.id],
        ['Jo said finance meet', false, null],
      ],
    );
    assert.equal((await call('owner', 'GET', `/api/v1/commitments/${step.id}`)).status, 200);
  });

  it('shows a private line to its author alone, makes nothing of it, and leaves it out of the wrap-up', async () => {
    const id = meetings.get('read') as string;
    const secret = 'Dana seemed tired; ask about her workload';
    await call('manager', 'POST', `/api/v1/meetings/${id}/notes`, {
      text: 'Dana to send the deck by Friday',
    });
    const before = await world.db.selectFrom('commitments').select('id').execute();
    const added = await call('manager', 'POST', `/api/v1/meetings/${id}/notes`, {
      text: `${secret}\nDana to call Jo by Friday`,
      private: true,
    });
    assert.equal(added.status, 201);
    assert.deepEqual(added.body, {
      meeting: id,
      private: true,
      lines: [
        { line: secret, commitment: null, coach: null },
        { line: 'Dana to call Jo by Friday', commitment: null, coach: null },
      ],
    });
    // A private line is a note only: no commitment, no coach's flag, not in the meeting's running text.
    assert.equal((await world.db.selectFrom('commitments').select('id').execute()).length, before.length);
    assert.equal((await world.db.selectFrom('coach_flags').select('id').execute()).length, 0);
    const row = await world.db
      .selectFrom('meetings')
      .select('notes')
      .where('id', '=', Number(id.slice(1)))
      .executeTakeFirst();
    assert.equal(row?.notes, 'Dana to send the deck by Friday');

    const linesSeen = await each(async (a) => {
      const { status, body } = await call(a, 'GET', `/api/v1/meetings/${id}`);
      return status === 200
        ? (body.notes as { line: string; private: boolean }[]).map(
            (n) => `${n.line}${n.private ? ' (private)' : ''}`,
          )
        : status;
    });
    assert.deepEqual(linesSeen, {
      owner: ['Dana to send the deck by Friday'],
      manager: [
        'Dana to send the deck by Friday',
        `${secret} (private)`,
        'Dana to call Jo by Friday (private)',
      ],
      peer: 404,
      admin: ['Dana to send the deck by Friday'],
      otherOrgAdmin: 404,
      noSession: 401,
    });

    // The wrap-up, previewed and sent, holds the step and never the private lines.
    const preview = await call('manager', 'GET', `/api/v1/meetings/${id}/wrapup`);
    assert.match(preview.body.markdown as string, /\*\*Send the deck\*\*/);
    assert.doesNotMatch(JSON.stringify(preview.body), /tired|call Jo/);
    assert.equal((await call('manager', 'POST', `/api/v1/meetings/${id}/end`)).status, 200);
    assert.equal((await call('manager', 'POST', `/api/v1/meetings/${id}/wrapup`, {})).status, 200);
    const outbox = await world.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('kind', '=', 'wrapup')
      .execute();
    assert.equal(outbox.length, 2);
    for (const message of outbox) assert.doesNotMatch(`${message.subject}\n${message.body}`, /tired|call Jo/);
  });

  it('previews a wrap-up as each recipient gets it, and sends it once, after the meeting ended', async () => {
    const id = meetings.get('read') as string;
    await call('manager', 'POST', `/api/v1/meetings/${id}/notes`, {
      text: 'Dana to send the deck to Jo by Friday',
    });
    const early = await call('manager', 'POST', `/api/v1/meetings/${id}/wrapup`, {});
    assert.equal(outcome(early), '409 meeting_not_ended');
    const preview = await call('owner', 'GET', `/api/v1/meetings/${id}/wrapup?cc=ada@northwind.example`);
    assert.equal(preview.status, 200);
    const versions = preview.body.versions as {
      audience: string;
      to: { email: string }[];
      subject: string;
    }[];
    assert.deepEqual(
      versions.map((v) => [v.audience, v.to.map((p) => p.email)]),
      [['members', [mara, dana, 'ada@northwind.example']]],
    );
    assert.equal(preview.body.subject, 'Wrap-up: 1:1 Mara Chen & Dana Ruiz, Mon 23 Nov 2026 10:00');
    assert.deepEqual(preview.body.sentTo, []);
    // Nothing was sent by looking.
    assert.equal((await world.db.selectFrom('outbox').select('id').execute()).length, 0);

    const ended = await call('manager', 'POST', `/api/v1/meetings/${id}/end`);
    assert.deepEqual(ended.body, {
      id,
      endedAt: '2026-11-23T15:00:00.000Z',
      wrapupDueAt: '2026-11-24T15:00:00.000Z',
    });
    assert.equal(outcome(await call('manager', 'POST', `/api/v1/meetings/${id}/end`)), '409 meeting_ended');
    const sent = await call('owner', 'POST', `/api/v1/meetings/${id}/wrapup`, {
      cc: ['ada@northwind.example'],
    });
    assert.equal(sent.status, 200);
    assert.deepEqual(sent.body.sentTo, [mara, dana, 'ada@northwind.example']);
    assert.equal(sent.body.late, false);
    const again = await call('manager', 'POST', `/api/v1/meetings/${id}/wrapup`, {});
    assert.equal(outcome(again), '409 wrapup_already_sent');
    const outbox = await world.db
      .selectFrom('outbox')
      .select('recipient_email')
      .where('kind', '=', 'wrapup')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      outbox.map((m) => m.recipient_email),
      [mara, dana, 'ada@northwind.example'],
    );
  });

  it('starts a 1:1 with its agenda, and shows each only the pending items they may see', async () => {
    const { base, people } = world;
    // A step of Mara's that Ada asked for: Dana may not see it, even in her 1:1 with Mara.
    const hidden = await makeCommitment(
      { ...base, actor: people.ada },
      {
        what: 'Send the board deck',
        owner: mara,
        due: '2026-12-02',
      },
    );
    // A step of Mara's agreed in their 1:1: Dana was there, so she sees it.
    await call('manager', 'POST', `/api/v1/meetings/${meetings.get('read')}/notes`, {
      text: 'Mara to book the ROI workshop by Friday',
    });
    const started = await call('manager', 'POST', '/api/v1/meetings', { kind: 'one_on_one', with: [dana] });
    assert.equal(started.status, 201);
    assert.equal((started.body.series as { id: string }).id, series);
    const agenda = started.body.agenda as { title: string; pending: { what: string }[] };
    assert.equal(agenda.title, '1:1 Mara Chen & Dana Ruiz');
    // Dana's seven open steps, soonest first, then Mara's from the earlier meeting.
    assert.deepEqual(
      agenda.pending.map((c) => c.what),
      ['Book the ROI workshop', ...['read', ...actors].map((name) => `Send the ${name} proposal`)],
    );
    const asDana = await call('owner', 'GET', `/api/v1/people/${mara}/agenda`);
    assert.equal(asDana.status, 200);
    const seen = (asDana.body.pending as { id: string; what: string }[]).map((c) => c.what);
    assert.ok(seen.includes('Book the ROI workshop'), seen.join(', '));
    assert.ok(!seen.includes(hidden.commitment.what), seen.join(', '));
    const asAda = await call('admin', 'GET', `/api/v1/series/${series}/agenda`);
    assert.equal(asAda.status, 200);
  });

  it('previews what notes would become, and saves nothing', async () => {
    const count = async () => ({
      commitments: (await world.db.selectFrom('commitments').select('id').execute()).length,
      lines: (await world.db.selectFrom('note_lines').select('id').execute()).length,
      flags: (await world.db.selectFrom('coach_flags').select('id').execute()).length,
    });
    const before = await count();
    const preview = await call('manager', 'POST', '/api/v1/capture/preview', {
      meeting: meetings.get('read'),
      text: 'Dana to send revised pricing to Jo by Friday\nSee me later about the renewal',
    });
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.body, {
      meeting: meetings.get('read'),
      lines: [
        {
          line: 'Dana to send revised pricing to Jo by Friday',
          commitment: {
            owner: { name: 'Dana Ruiz', email: dana },
            unresolvedOwner: null,
            what: 'Send revised pricing to Jo',
            with: [{ name: 'Jo Park', email: jo }],
            outcome: null,
            due: '2026-11-27',
            limbo: ['outcome'],
          },
        },
        {
          line: 'See me later about the renewal',
          commitment: {
            owner: null,
            unresolvedOwner: null,
            what: 'See me about the renewal',
            with: [],
            outcome: null,
            due: null,
            limbo: ['owner', 'due', 'outcome'],
          },
        },
      ],
    });
    const privately = await call('manager', 'POST', '/api/v1/capture/preview', {
      meeting: meetings.get('read'),
      text: 'Dana to send revised pricing to Jo by Friday',
      private: true,
    });
    assert.deepEqual(privately.body.lines, [
      { line: 'Dana to send revised pricing to Jo by Friday', commitment: null },
    ]);
    assert.deepEqual(await count(), before);
  });

  it('reads a manager’s reply as ft coach does, and keeps nothing', async () => {
    const answer = await call('manager', 'POST', '/api/v1/coach', {
      text: "Leave it with me, I'll call their CFO",
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.label, 'buy_back');
    assert.deepEqual(answer.body.cues, ["i'll call", 'leave it with me']);
    assert.equal(typeof answer.body.suggestion, 'string');
    const accountable = await call('manager', 'POST', '/api/v1/coach', {
      text: "What's your plan? I'm counting on you.",
    });
    assert.equal(accountable.body.label, 'accountable');
    assert.equal(outcome(await call('manager', 'POST', '/api/v1/coach', { text: '  ' })), '400 empty_text');
    assert.equal(
      outcome(await call('manager', 'POST', '/api/v1/coach', { text: 'a\nb' })),
      '400 control_characters',
    );
    assert.equal((await world.db.selectFrom('coach_flags').select('id').execute()).length, 0);
  });

  it('pages the meetings newest first, each once', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await call('manager', 'GET', `/api/v1/meetings?limit=3${next ? `&after=${next}` : ''}`);
      assert.equal(page.status, 200);
      assert.equal(page.body.total, 7);
      seen.push(...(page.body.meetings as { id: string }[]).map((m) => m.id));
      next = page.body.next as string | null;
    } while (next);
    assert.deepEqual(seen, [...meetings.values()].reverse());
    assert.equal(
      outcome(await call('manager', 'GET', '/api/v1/meetings?after=nonsense')),
      '400 invalid_cursor',
    );
  });
});

onEachDatabase('ft note --private', (dialect) => {
  it('keeps private notes for their author alone, as notes only', async () => {
    const database = await createTestDatabase(dialect);
    const now = '2026-11-23T15:00:00Z';
    try {
      await ftOk(database, now, ['person', 'add', 'Mara Chen', '--email', mara]);
      await ftOk(database, now, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
      await ftOk(database, now, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
      const added = await ftOk(database, now, [
        'note',
        'm1',
        '--private',
        '--json',
        '--text',
        'Dana to call Jo by Friday\nAsk about her workload',
      ]);
      assert.deepEqual(added.json(), {
        meeting: 'm1',
        private: true,
        lines: [
          { line: 'Dana to call Jo by Friday', commitment: null, coach: null },
          { line: 'Ask about her workload', commitment: null, coach: null },
        ],
      });
      const text = await ftOk(database, now, [
        'note',
        'm1',
        '--private',
        '--text',
        'Dana to call Jo by Friday',
      ]);
      assert.equal(
        text.stdout.trim(),
        'Added 1 private line of notes to m1: seen by you alone, notes only (no commitment, not in the wrap-up).',
      );
      await ftOk(database, now, ['note', 'm1', '--text', 'Dana to send the deck by Friday']);
      const asMara = await ftOk(database, now, ['meeting', 'show', 'm1', '--json']);
      const asDana = await ftOk(database, now, ['--as', dana, 'meeting', 'show', 'm1', '--json']);
      type Shown = { notes: { line: string; private: boolean }[] };
      assert.deepEqual(
        asMara.json<Shown>().notes.map((n) => [n.line, n.private]),
        [
          ['Dana to call Jo by Friday', true],
          ['Ask about her workload', true],
          ['Dana to call Jo by Friday', true],
          ['Dana to send the deck by Friday', false],
        ],
      );
      assert.deepEqual(
        asDana.json<Shown>().notes.map((n) => [n.line, n.private]),
        [['Dana to send the deck by Friday', false]],
      );
      const shownText = await ftOk(database, now, ['meeting', 'show', 'm1']);
      assert.match(shownText.stdout, /Ask about her workload {2}\(private: yours alone\)/);
      const wrapup = await ftOk(database, now, ['wrapup', 'm1', '--json']);
      assert.doesNotMatch(wrapup.stdout, /call Jo|workload/);
      assert.match(wrapup.stdout, /Send the deck/);
      const help = await ftOk(database, now, ['note', '--help']);
      assert.match(
        help.stdout,
        /--private +private notes: seen by you alone; a note only, never a\s+commitment, never in the wrap-up/,
      );
    } finally {
      await database.drop();
    }
  });
});
