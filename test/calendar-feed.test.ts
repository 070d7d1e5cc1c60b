import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import ICAL from 'ical.js';
import { makeCommitment, moveDue } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { myCalendarLink, rotateCalendarLink } from '../src/feeds/feeds.usecases.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { type Served, served, signUpNorthwind } from './support/server.js';

const NOW = '2026-11-23T15:00:00Z';

/** Each event as an independent parser (ical.js) reads it: UID, summary, start, end, all day or not. */
function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate?.toString() ?? null,
      allDay: event.startDate.isDate,
    };
  });
}

/** The same events as Debian's python3-icalendar reads them, where it is installed. */
function eventsByPython(text: string): string[] | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return null;
  const script = [
    'import sys, icalendar',
    'cal = icalendar.Calendar.from_ical(sys.stdin.read())',
    'for e in cal.walk("VEVENT"):',
    '    print(str(e["UID"]) + " | " + str(e["SUMMARY"]) + " | " + e.decoded("DTSTART").isoformat())',
  ].join('\n');
  const run = spawnSync(python, ['-c', script], { input: text, encoding: 'utf8' });
  if (run.status !== 0 && /No module named .?icalendar/.test(run.stderr)) return null;
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n');
}

onEachDatabase('the calendar feed', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let server: Served;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    server = await served(database, { now: NOW });
  });
  afterEach(async () => {
    await server.stop();
    await db.destroy();
    await database.drop();
  });

  it('holds my open steps on their dates and the follow-ups I will hear; a moved date moves its event', async () => {
    const team = await seedTeam(db, NOW);
    const mara = team.as(team.manager);
    const forDana = await makeCommitment(mara, {
      what: 'Send revised pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'A signed order form',
    });
    const own = await makeCommitment(mara, { what: 'Book the QBR room', owner: 'Mara', due: '2026-11-26' });
    const link = await myCalendarLink(mara);
    assert.match(link.url, /^http:\/\/127\.0\.0\.1:3000\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.deepEqual(await myCalendarLink(mara), link, 'the same address each time');
    const feedUrl = link.url.replace('http://127.0.0.1:3000', server.url);

    const feed = await fetch(feedUrl);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await feed.text();
    const orgId = team.org.id;
    const ownId = own.commitment.id;
    const danaId = forDana.commitment.id;
    const followUp = await db
      .selectFrom('follow_ups')
      .select('id')
      .where('commitment_id', '=', danaId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(eventsOf(text), [
      {
        uid: `commitment-${ownId}.${orgId}@followthrough`,
        summary: 'Book the QBR room',
        start: '2026-11-26',
        end: '2026-11-27',
        allDay: true,
      },
      {
        // Dana is asked Monday at 09:00 in New York; Mara hears the answer.
        uid: `follow-up-${followUp.id}.${orgId}@followthrough`,
        summary: 'Follow up with Dana Ruiz: Send revised pricing',
        start: '2026-11-30T14:00:00Z',
        end: '2026-11-30T14:15:00Z',
        allDay: false,
      },
    ]);
    assert.doesNotMatch(text, /TZID/, 'UTC only');
    const python = eventsByPython(text);
    if (python) {
      assert.deepEqual(python, [
        `commitment-${ownId}.${orgId}@followthrough | Book the QBR room | 2026-11-26`,
        `follow-up-${followUp.id}.${orgId}@followthrough | Follow up with Dana Ruiz: Send revised pricing | 2026-11-30T14:00:00+00:00`,
      ]);
    }

    // Dana's calendar has her step, on its date; moved, the same event moves.
    const dana = team.as(team.seller);
    const danaFeed = (await myCalendarLink(dana)).url.replace('http://127.0.0.1:3000', server.url);
    const before = eventsOf(await (await fetch(danaFeed)).text());
    assert.deepEqual(
      before.map((e) => [e.uid, e.start]),
      [[`commitment-${danaId}.${orgId}@followthrough`, '2026-11-27']],
    );
    await moveDue(dana, `c${danaId}`, '2026-12-03', 'Waiting for legal');
    const after = eventsOf(await (await fetch(danaFeed)).text());
    assert.deepEqual(
      after.map((e) => [e.uid, e.start, e.summary]),
      [[`commitment-${danaId}.${orgId}@followthrough`, '2026-12-03', 'Send revised pricing']],
    );

    // Rotated: the old address answers 404, the new one the same calendar.
    const rotated = await rotateCalendarLink(mara);
    assert.equal(rotated.rotated, true);
    assert.notEqual(rotated.url, link.url);
    const gone = await fetch(feedUrl);
    assert.equal(gone.status, 404);
    assert.equal(await gone.text(), 'No calendar here.\n');
    const fresh = await fetch(rotated.url.replace('http://127.0.0.1:3000', server.url));
    assert.equal(eventsOf(await fresh.text()).length, 2);
    for (const bogus of [
      '/cal/nothing.ics',
      `/cal/${'A'.repeat(43)}.ics`,
      `/cal/${link.url.slice(-47, -4)}`,
    ]) {
      assert.equal((await fetch(`${server.url}${bogus}`)).status, 404, bogus);
    }
  });

  it('ft calendar prints my address at PUBLIC_URL, the same each time; rotate replaces it', async () => {
    await seedTeam(db, NOW);
    const env = { PUBLIC_URL: 'https://ft.northwind.example/' };
    const shown = await ftOk(database, NOW, ['calendar'], env);
    const url = /https:\/\/ft\.northwind\.example\/cal\/[A-Za-z0-9_-]{43}\.ics/.exec(shown.stdout)?.[0];
    assert.ok(url, shown.stdout);
    assert.match(
      shown.stdout,
      /^Your calendar \(your open steps on their dates, and the follow-ups you will hear\):\n/,
    );
    assert.deepEqual((await ftOk(database, NOW, ['calendar', '--json'], env)).json(), {
      url,
      rotated: false,
    });
    const rotated = (await ftOk(database, NOW, ['calendar', 'rotate', '--json'], env)).json<{
      url: string;
    }>();
    assert.notEqual(rotated.url, url);
    assert.deepEqual((await ftOk(database, NOW, ['calendar', '--json'], env)).json(), {
      url: rotated.url,
      rotated: false,
    });
  });

  it('GET /api/v1/me/calendar gives the signed-in member their address on this server; rotating ends the old one', async () => {
    const token = await signUpNorthwind(server.url);
    const call = (method: string, path: string) =>
      fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const shown = (await (await call('GET', '/api/v1/me/calendar')).json()) as { url: string };
    assert.match(shown.url, new RegExp(`^${server.url}/cal/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetch(shown.url);
    assert.equal(feed.status, 200);
    assert.deepEqual(eventsOf(await feed.text()), []);
    const rotated = (await (await call('POST', '/api/v1/me/calendar/rotate')).json()) as { url: string };
    assert.equal((await fetch(shown.url)).status, 404);
    assert.equal((await fetch(rotated.url)).status, 200);
    assert.equal((await fetch(`${server.url}/api/v1/me/calendar`)).status, 401);
  });
});
