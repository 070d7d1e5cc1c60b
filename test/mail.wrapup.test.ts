import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import ICAL from 'ical.js';
import { makeCommitment } from '../src/commitments/commitments.usecases.js';
import type { Db } from '../src/db/database.js';
import { endMeeting, startMeeting } from '../src/meetings/meetings.usecases.js';
import { addPerson } from '../src/people/people.usecases.js';
import { ManualClock } from '../src/shared/clock.js';
import { formatId } from '../src/shared/ids.js';
import { wrapup } from '../src/wrapups/wrapups.usecases.js';
import { createTestDatabase, it, onEachDatabase, type TestDatabase } from './support/databases.js';
import { seedTeam } from './support/seed.js';
import { type Served, served } from './support/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

/** Tuesday 24 November, 10:30 in New York: Mara's deal review with Dana and Jo from Acme ends. */
const ENDED = '2026-11-24T15:30:00.000Z';

onEachDatabase('a wrap-up by mail', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: TestSmtp;
  let server: Served;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await server?.stop();
    await smtp.stop();
    await db.destroy();
    await database.drop();
  });

  it('reaches the attendees and the absentee copied in within minutes of the meeting, each member with their own steps as .ics', async () => {
    const team = await seedTeam(db, '2026-11-24T15:00:00Z');
    const mara = team.as(team.manager);
    await addPerson(mara, {
      name: 'Lee Park',
      email: 'lee@northwind.example',
      manager: 'mara@northwind.example',
    });
    await addPerson(mara, { name: 'Jo Tan', email: 'jo@acme.example', contact: true });
    const { meeting } = await startMeeting(mara, {
      kind: 'deal_review',
      with: ['dana@northwind.example', 'jo@acme.example'],
    });
    const ref = formatId('meeting', meeting.id);
    const pricing = await makeCommitment(mara, {
      what: 'Send revised pricing',
      owner: 'Dana',
      due: '2026-11-27',
      outcome: 'Acme approves the budget',
      with: ['jo@acme.example'],
      meeting: ref,
    });
    const roi = await makeCommitment(mara, {
      what: 'Prepare the ROI model',
      owner: 'Lee',
      due: '2026-12-01',
      outcome: 'Finance sees the payback',
      meeting: ref,
    });
    team.clock.set(ENDED);
    await endMeeting(mara, ref);
    // Lee was not there: the wrap-up copies him in.
    await wrapup(mara, ref, { send: true, cc: ['lee@northwind.example'] });

    const clock = new ManualClock('2026-11-24T15:31:00.000Z');
    server = await served(database, { scheduler: true, clock, server: { smtpUrl: smtp.url } });
    await smtp.until(() => smtp.received.length === 4);
    const to = (email: string) => {
      const i = smtp.envelopes.findIndex((e) => e.length === 1 && e[0] === email);
      assert.ok(i >= 0, `a wrap-up to ${email}`);
      return smtp.received[i];
    };
    assert.deepEqual(smtp.envelopes.flat().sort(), [
      'dana@northwind.example',
      'jo@acme.example',
      'lee@northwind.example',
      'mara@northwind.example',
    ]);
    const events = (email: string) =>
      (to(email)?.attachments ?? []).flatMap((a) => {
        assert.equal(a.filename, 'next-steps.ics');
        return new ICAL.Component(ICAL.parse(a.content.toString('utf8')))
          .getAllSubcomponents('vevent')
          .map((v) => {
            const e = new ICAL.Event(v);
            return [e.uid, e.summary, e.startDate.toString()];
          });
      });
    const orgId = team.org.id;
    assert.deepEqual(events('dana@northwind.example'), [
      [`commitment-${pricing.commitment.id}.${orgId}@followthrough`, 'Send revised pricing', '2026-11-27'],
    ]);
    assert.deepEqual(events('lee@northwind.example'), [
      [`commitment-${roi.commitment.id}.${orgId}@followthrough`, 'Prepare the ROI model', '2026-12-01'],
    ]);
    assert.deepEqual(events('mara@northwind.example'), []);
    // Jo reads the shared step only, with no ids, no calendar file and no internal step.
    const jo = to('jo@acme.example');
    assert.deepEqual(jo?.attachments, []);
    assert.equal(
      jo?.text,
      [
        'Hi Jo,',
        '',
        'Thank you for your time on Tue 24 Nov 2026. Here is the next step we agreed:',
        '',
        '1. Send revised pricing',
        '   Who: Dana Ruiz',
        '   With: Jo Tan',
        '   So that: Acme approves the budget',
        '   By: Fri 27 Nov 2026',
        '',
        'Best regards,',
        'Mara Chen',
      ].join('\n'),
    );
    // Lee, copied in, reads the whole wrap-up, and is asked about his own step.
    assert.match(
      to('lee@northwind.example')?.text ?? '',
      /## Your steps: do you agree\?\n[\s\S]*Prepare the ROI model/,
    );

    // Delivered within 24 hours of the meeting's end: at once, here.
    const delivered = () =>
      db
        .selectFrom('outbox')
        .select(['recipient_email', 'delivered_at'])
        .where('kind', '=', 'wrapup')
        .execute();
    // The server took each mail just before the sender marks it delivered.
    let rows = await delivered();
    for (let i = 0; i < 500 && rows.some((r) => r.delivered_at === null); i++) {
      await delay(10);
      rows = await delivered();
    }
    assert.equal(rows.length, 4);
    for (const row of rows) {
      assert.ok(row.delivered_at, `${row.recipient_email} delivered`);
      assert.ok(Date.parse(row.delivered_at) - Date.parse(ENDED) < 86_400_000);
    }
  });
});
