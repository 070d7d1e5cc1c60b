import assert from 'node:assert/strict';
import { it, onEachDatabase } from './support/databases.js';
import { matrixWorld } from './support/matrix.js';

/**
 * The core walk, over HTTP alone: a manager runs a 1:1 and agrees a step with a seller, sends
 * the wrap-up; the scheduler of `ft serve` sends the follow-up by itself at 09:00 in the
 * seller's zone once the clock reaches it (and not a second before); the seller answers; the
 * next 1:1's agenda starts with the answer and the next step.
 */
onEachDatabase('the core walk, through the API', (dialect) => {
  const world = matrixWorld(dialect, { scheduler: true });

  /** Resolves once the scheduler has looked twice since now: the second look began after the call. */
  const schedulerLooked = async () => {
    const seen = world.server.lines.length;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ticks = world.server.lines.slice(seen).filter((line) => line.msg === 'tick');
      if (ticks.length >= 2) return ticks;
      if (Date.now() > deadline) throw new Error('the scheduler did not look again within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const followUpMail = () =>
    world.db
      .selectFrom('outbox')
      .select(['kind', 'recipient_email', 'subject'])
      .where('kind', '=', 'follow_up')
      .execute();

  it('commit, wrap-up, the follow-up at 09:00 owner-local, the answer, the next agenda', async () => {
    // Monday 23 Nov, 10:00 in New York: Mara runs her 1:1 with Dana.
    const started = await world.call('manager', 'POST', '/api/v1/meetings', {
      kind: 'one_on_one',
      with: ['dana@northwind.example'],
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const meeting = started.body.id as string;
    const noted = await world.call('manager', 'POST', `/api/v1/meetings/${meeting}/notes`, {
      text: 'Dana to send the revised pricing to Jo by Wednesday so that Acme can sign this quarter',
    });
    assert.equal(noted.status, 201, JSON.stringify(noted.body));
    const [line] = noted.body.lines as { commitment: { id: string } | null }[];
    const step = line?.commitment?.id as string;
    assert.match(step, /^c\d+$/);
    const shown = await world.call('owner', 'GET', `/api/v1/commitments/${step}`);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    assert.equal(shown.body.due, '2026-11-25');
    assert.equal((shown.body.owner as { email: string }).email, 'dana@northwind.example');

    const ended = await world.call('manager', 'POST', `/api/v1/meetings/${meeting}/end`);
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    const sent = await world.call('manager', 'POST', `/api/v1/meetings/${meeting}/wrapup`, {});
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const wrapups = await world.db
      .selectFrom('outbox')
      .select('recipient_email')
      .where('kind', '=', 'wrapup')
      .execute();
    assert.deepEqual(wrapups.map((w) => w.recipient_email).sort(), [
      'dana@northwind.example',
      'mara@northwind.example',
    ]);

    // The follow-up is for Thursday 26 Nov, 09:00 in New York (14:00 UTC).
    const followUp = (await world.call('owner', 'GET', `/api/v1/commitments/${step}`)).body.followUp as {
      id: string;
      fireAt: string;
      status: string;
    };
    assert.equal(followUp.fireAt, '2026-11-26T14:00:00.000Z');
    world.clock.set('2026-11-26T13:59:59.000Z');
    await schedulerLooked();
    assert.deepEqual(await followUpMail(), []);

    world.clock.set('2026-11-26T14:00:00.000Z');
    const ticks = await schedulerLooked();
    assert.equal(
      ticks.reduce((sum, t) => sum + ((t.tick as { sent: number }).sent ?? 0), 0),
      1,
    );
    const mail = await followUpMail();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.recipient_email, 'dana@northwind.example');
    const pending = await world.call('owner', 'GET', '/api/v1/followups');
    assert.deepEqual(
      (pending.body.followUps as { id: string; status: string }[])
        .filter((f) => f.status !== 'scheduled')
        .map((f) => [f.id, f.status]),
      [[followUp.id, 'sent']],
    );

    // Dana answers on Thursday morning.
    world.clock.set('2026-11-26T15:30:00.000Z');
    const answered = await world.call('owner', 'POST', `/api/v1/followups/${followUp.id}/answer`, {
      outcome: 'done',
      happened: 'Sent it Wednesday; Jo is reviewing with finance',
      next: 'Call Jo about the pricing questions',
      nextDue: 'next Tuesday',
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.status, 'done');
    const next = answered.body.next as string;
    const nextShown = await world.call('owner', 'GET', `/api/v1/commitments/${next}`);
    assert.equal(nextShown.body.due, '2026-12-01');

    // The next 1:1: its agenda starts with what is pending and what was answered since.
    const agenda = await world.call('manager', 'GET', '/api/v1/people/dana@northwind.example/agenda');
    assert.equal(agenda.status, 200, JSON.stringify(agenda.body));
    const text = JSON.stringify(agenda.body);
    assert.ok(text.includes('Call Jo about the pricing questions'), text);
    assert.ok(text.includes('Sent it Wednesday; Jo is reviewing with finance'), text);
  });
});
