import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateWords, ownWords, readReply } from './mail.replies.js';

describe('readReply', () => {
  it('reads the outcome from the first words and what happened from the rest, on one line', () => {
    assert.deepEqual(readReply('Done, signed on Thursday.\nThanks'), {
      outcome: 'done',
      happened: 'signed on Thursday. Thanks',
    });
    assert.deepEqual(readReply('partly done: half the deck'), {
      outcome: 'partly',
      happened: 'half the deck',
    });
    assert.deepEqual(readReply('NOT DONE'), { outcome: 'not_done', happened: null });
    assert.deepEqual(readReply('Not yet - waiting for legal'), {
      outcome: 'not_done',
      happened: 'waiting for legal',
    });
  });

  it('reads nothing from a reply that does not start with an outcome', () => {
    assert.equal(readReply('Thanks!'), null);
    assert.equal(readReply('Undone business'), null);
    assert.equal(readReply(''), null);
  });

  it('leaves out the quoted mail and what follows its header', () => {
    assert.equal(
      ownWords(
        'Done\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Followthrough <ft@x.example> wrote:\r\n> How did it go?',
      ),
      'Done',
    );
    assert.equal(ownWords('Partly\n> quoted\nmore\n-----Original Message-----\nFrom: x'), 'Partly\nmore');
  });
});

describe('dateWords', () => {
  it('turns a reminder address into words the date reader takes', () => {
    assert.deepEqual(
      ['friday', '3days', 'dec3', 'nextweek', 'tomorrow9am', 'endofmonth', '2weeks', 'FRIDAY'].map(dateWords),
      ['friday', 'in 3 days', 'dec 3', 'next week', 'tomorrow 9am', 'end of month', 'in 2 weeks', 'friday'],
    );
  });

  it('takes letters and digits only', () => {
    assert.deepEqual(['reply+1.2.3', 'a.b', 'x', '', 'fri-day'].map(dateWords), [
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
