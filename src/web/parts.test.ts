import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageText } from './parts.js';

describe('a refusal as a page says it', () => {
  it('keeps the value typed as the subject of an option’s refusal', () => {
    assert.equal(
      pageText('--due "blorp" is not a date; use a date like 2026-12-04, "friday" or "next tuesday".'),
      '"blorp" is not a date; use a date like 2026-12-04, "friday" or "next tuesday".',
    );
  });
  it('names the field for an option that is the subject', () => {
    assert.equal(
      pageText('--what cannot be empty: say what will be done.'),
      'What will be done cannot be empty: say what will be done.',
    );
  });
  it('leaves out a sentence that only points to a command, and an option’s example', () => {
    assert.equal(
      pageText('No person Zorro. See `ft person list`, or add them with `ft person add NAME --email E`.'),
      'No person Zorro.',
    );
    assert.equal(
      pageText('Renegotiating needs a reason: --reason "Legal review moved".'),
      'Renegotiating needs a reason.',
    );
    assert.equal(pageText('f2 was answered already; see `ft show c12`.'), 'f2 was answered already.');
  });
  it('keeps a message that is only a command, in words', () => {
    assert.equal(
      pageText('Start your first 1:1: `ft meeting start --kind one_on_one`.'),
      'Start your first 1:1: the command line.',
    );
  });
});
