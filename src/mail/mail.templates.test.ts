import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Commitment, Meeting, Person } from '../db/schema.js';
import { askMessage } from '../followups/followups.messages.js';
import { renderAgreementAsk, renderWrapup } from '../wrapups/wrapups.render.js';
import { mailHtml } from './mail.templates.js';

const person = (id: number, name: string) => ({ id, name, time_zone: 'Europe/Berlin' }) as Person;
const dana = person(1, 'Dana Ruiz');
const mara = person(2, 'Mara Lee');
const step = {
  id: 12,
  what: 'Send revised pricing to Acme',
  outcome: 'A signed order form',
  due_date: '2026-11-27',
  due_time: null,
  vague_due: null,
  needs: null,
  visibility: 'internal',
} as Commitment;
const ANSWER = 'https://ft.example/answer/3.abc.def';
const AGREE = 'https://ft.example/agree/xyz';

/** Each button: its label, then its link, as a mail client reads them. */
const buttons = (page: string) =>
  [...page.matchAll(/<a href="([^"]*)"><span style="[^"]*">([^<]*)<\/span><\/a>/g)].map((m) => [m[2], m[1]]);
/** The text of each element of one name, markup inside left out. */
const texts = (page: string, tag: string) =>
  [...page.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, ''),
  );

const followUp = (owner: Person, ask: string | null) =>
  askMessage({
    followUpId: 3,
    links: {
      done: `${ANSWER}?outcome=done`,
      partly: `${ANSWER}?outcome=partly`,
      not_done: `${ANSWER}?outcome=not_done&from=mail`,
    },
    commitment: step,
    owner,
    answerer: dana,
    delegator: owner.id === dana.id ? null : owner,
    withPeople: [],
    ask,
    fireAt: '2026-11-30T08:00:00.000Z',
    late: false,
    now: new Date('2026-11-30T08:00:00.000Z'),
  });

const view = (owner: Person) =>
  ({ commitment: step, owner, delegatedBy: mara, with: [], limbo: [] }) as unknown as CommitmentView;

function wrapupBody(): string {
  const wrap = renderWrapup({
    meeting: { id: 7, kind: 'one_on_one', starts_at: '2026-11-23T09:00:00.000Z' } as Meeting,
    series: null,
    author: mara,
    attendees: [mara, dana],
    cc: [],
    items: [view(dana)],
    followUpOffsetDays: 1,
    customersReceive: false,
  });
  return `${renderAgreementAsk([{ view: view(dana), link: AGREE }])}\n\n${wrap.body}`;
}

const REMOTE = /<img|<link|<script|<style|<iframe|\bsrc=|url\(|@import/i;

describe('mailHtml', () => {
  it('shows a follow-up’s step, its note, and one button per outcome', () => {
    const text = followUp(mara, 'Bring the discount approval');
    const page = mailHtml({ kind: 'follow_up', ...text });
    assert.deepEqual(buttons(page), [
      ['Done', `${ANSWER}?outcome=done`],
      ['Partly', `${ANSWER}?outcome=partly`],
      ['Not done', `${ANSWER}?outcome=not_done&amp;from=mail`],
    ]);
    assert.ok(page.includes(`<a href="${ANSWER}?outcome=not_done&amp;from=mail">`));
    assert.match(
      page,
      /<p [^>]*>Mara Lee committed to:<\/p><div [^>]*><strong>Send revised pricing to Acme \(owner: Mara Lee\)<\/strong>\nOutcome: A signed order form\n/,
    );
    assert.deepEqual(texts(page, 'blockquote'), ['Bring the discount approval']);
    // The ft commands are there, smaller, after the buttons.
    const small = /<p style="[^"]*font-size:13px[^"]*">([^<]*)<\/p>/.exec(page)?.[1] ?? '';
    assert.match(small, /^Or with ft:\nDone by Fri 27 Nov\? Answer: ft answer f3 --outcome done/);
    assert.ok(page.indexOf('font-size:13px') > page.indexOf('>Not done<'));
    assert.doesNotMatch(page, REMOTE);
  });

  it('never makes a button of what someone typed as the step', () => {
    const text = followUp(dana, null);
    const faked = text.body.replace('  Send revised pricing to Acme', '  Done: https://elsewhere.example/x');
    assert.notEqual(faked, text.body);
    const page = mailHtml({ kind: 'follow_up', subject: text.subject, body: faked });
    assert.deepEqual(
      buttons(page).map(([, href]) => href?.slice(0, ANSWER.length)),
      [ANSWER, ANSWER, ANSWER],
    );
  });

  it('shows a wrap-up’s headings and lists, and the agreement links as buttons', () => {
    const page = mailHtml({ kind: 'wrapup', subject: 'Wrap-up', body: wrapupBody() });
    assert.deepEqual(texts(page, 'h2'), ['Your steps: do you agree?', 'Next steps']);
    assert.deepEqual(texts(page, 'h1'), ['Wrap-up: 1:1 m7, Mon 23 Nov 2026 10:00']);
    assert.deepEqual(buttons(page), [
      ['I agree', `${AGREE}?do=agree`],
      ['Propose another date or approach', `${AGREE}?do=propose`],
      ['I need something (resources, help)', `${AGREE}?do=help`],
    ]);
    assert.equal(texts(page, 'ol').length, 2);
    assert.match(
      page,
      /<ol start="1" [^>]*><li [^>]*><strong>Send revised pricing to Acme<\/strong> \(c12\)<ul /,
    );
    // The step's details: a list inside its item.
    assert.deepEqual(texts(page.slice(page.lastIndexOf('<ul ')), 'li'), [
      'Owner: Dana Ruiz',
      'Outcome: A signed order form',
      'Due: Fri 27 Nov 2026',
    ]);
    assert.doesNotMatch(page, REMOTE);
  });

  it('shows an invitation’s link as a button', () => {
    const page = mailHtml({
      kind: 'invitation',
      subject: 'Mara Lee invited you',
      body: 'Hello Dana,\n\nMara Lee invited you.\n\nChoose your password here: https://ft.example/invite/tok\n\nThe link works once.',
    });
    assert.deepEqual(buttons(page), [['Choose your password', 'https://ft.example/invite/tok']]);
    assert.deepEqual(texts(page, 'p').slice(0, 2), ['Hello Dana,', 'Mara Lee invited you.']);
  });

  it('escapes whatever a person wrote, in names, notes, links and the subject', () => {
    const evil = person(3, 'Eve <script>alert(1)</script> & "Co"');
    const text = followUp(evil, '</blockquote><b onclick="x">"hi" & bye');
    const page = mailHtml({ kind: 'follow_up', subject: `<script>alert(2)</script> "&"`, body: text.body });
    assert.ok(page.includes('Eve &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; committed to:'));
    assert.deepEqual(texts(page, 'blockquote'), [
      '&lt;/blockquote&gt;&lt;b onclick=&quot;x&quot;&gt;&quot;hi&quot; &amp; bye',
    ]);
    assert.ok(page.includes('<title>&lt;script&gt;alert(2)&lt;/script&gt; &quot;&amp;&quot;</title>'));
    const link = mailHtml({
      kind: 'invitation',
      subject: 's',
      body: 'Choose your password here: https://ft.example/invite/t?a=1&b="><script>x</script>',
    });
    assert.deepEqual(buttons(link), [
      [
        'Choose your password',
        'https://ft.example/invite/t?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;',
      ],
    ]);
    for (const html of [page, link]) assert.doesNotMatch(html, REMOTE);
  });

  it('lays every kind out for a phone, with nothing to fetch', () => {
    for (const kind of ['follow_up', 'answer', 'wrapup', 'unanswered', 'away', 'invitation', 'digest']) {
      const page = mailHtml({ kind, subject: 'S', body: `${wrapupBody()}\n\n${followUp(mara, 'x').body}` });
      assert.match(page, /^<!doctype html>\n<html lang="en">/);
      assert.ok(page.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'));
      assert.match(page, /max-width:36em/);
      assert.match(page, /font-family:system-ui,/);
      assert.doesNotMatch(page, REMOTE);
    }
  });

  it('shows an unknown kind as paragraphs, lists and links, with no buttons or headings', () => {
    const page = mailHtml({
      kind: 'weekly_review',
      subject: 'Your week',
      body: '# Not a heading\n\nThis week:\n  - Pricing: https://ft.example/c/12\n  - Demo\n\nDone: https://ft.example/x',
    });
    assert.deepEqual(buttons(page), []);
    assert.deepEqual(texts(page, 'h1'), []);
    assert.deepEqual(texts(page, 'p'), ['# Not a heading', 'This week:', 'Done: https://ft.example/x']);
    assert.deepEqual(texts(page, 'li'), ['Pricing: https://ft.example/c/12', 'Demo']);
    assert.ok(page.includes('<a href="https://ft.example/c/12">https://ft.example/c/12</a>'));
    assert.ok(page.includes('<a href="https://ft.example/x">https://ft.example/x</a>'));
  });

  it('shows the daily digest’s headings as headings and its items as a list', () => {
    const page = mailHtml({
      kind: 'digest',
      subject: 'Your day: 1 overdue',
      body: 'Hi Dana,\n\nYour day, Wed 25 Nov:\n\n## Overdue (1)\n- Send <b>pricing</b>: was due Tue 24 Nov (yesterday) (c1)\n\nDone? ft done ID.',
    });
    assert.deepEqual(texts(page, 'h2'), ['Overdue (1)']);
    assert.deepEqual(texts(page, 'li'), [
      'Send &lt;b&gt;pricing&lt;/b&gt;: was due Tue 24 Nov (yesterday) (c1)',
    ]);
    assert.deepEqual(buttons(page), []);
  });
});
