import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CoachLabel, coach } from './coach.classify.js';

/** The article's eighteen example replies, each with the label it gives them. */
const seed: [CoachLabel, string][] = [
  ['buy_back', 'Let me think about it for a bit.'],
  ['buy_back', "I'll let you know when I have a free moment to take a look at it."],
  ['buy_back', "Leave it here. I'll take a look at it in a moment."],
  ['buy_back', 'Let me check with some of my sources and see what they come up with.'],
  ['buy_back', "I'll draft up a couple of ideas and give them to you in a bit."],
  ['buy_back', "After I finish dealing with this review let's sit down and discuss some options."],
  ['limbo', "Send me a memo and we'll take a look at it when I get around to it."],
  ['limbo', 'Check with engineering. I think they saw something like this.'],
  ['limbo', "Draft up a proposal and then let's talk about it."],
  ['limbo', 'See me later about this.'],
  ['limbo', 'Let me know if I can help with contacting people for you.'],
  ['limbo', "We'll have to do something a little later. I'm busy right now."],
  ['accountable', 'I know you can do this.'],
  ['accountable', "I'm counting on you to see this through."],
  ['accountable', 'I gave this project to you because of your expertise with these types of systems.'],
  ['accountable', 'What are you going to do about this issue?'],
  ['accountable', "What's your plan for moving the project forward?"],
  ['accountable', 'I know you will get this done.'],
];

describe('the delegation coach', () => {
  for (const [label, text] of seed) {
    it(`${label}: ${text}`, () => {
      assert.equal(coach(text).label, label);
    });
  }

  it('names the words that decided it', () => {
    const verdict = coach("No worries, I'll call their CFO myself.");
    assert.equal(verdict.label, 'buy_back');
    assert.ok(verdict.cues.includes("i'll call"), verdict.cues.join('|'));
    assert.ok(verdict.cues.includes('myself'));
  });

  it('hands a buy-back back to the report', () => {
    assert.match(
      coach('Leave it with me.').suggestion ?? '',
      /What's your plan for it\? I'm counting on you/,
    );
  });

  it("names what a limbo reply leaves out: the owner when it is 'we' or 'someone', the date when none is given", () => {
    const suggestion = coach('Someone should look at the redlines at some point.').suggestion ?? '';
    assert.match(suggestion, /who owns it/);
    assert.match(suggestion, /by when/);
    assert.doesNotMatch(coach('Ping me later, you know the account.').suggestion ?? '', /who owns it/);
  });

  it('makes no suggestion for accountable or neutral replies', () => {
    assert.equal(coach("What's your plan?").suggestion, null);
    assert.equal(coach('Thanks for the update.').suggestion, null);
  });

  it('is more confident when more cues agree, and neutral when none fires', () => {
    const one = coach("I'll take a look.");
    const two = coach("Leave it with me, I'll take a look myself.");
    assert.deepEqual([one.label, one.confidence, one.cues], ['buy_back', 0.83, ["i'll take", 'take a look']]);
    assert.deepEqual(
      [two.label, two.confidence, two.cues],
      ['buy_back', 0.93, ["i'll take", 'leave it with me', 'myself', 'take a look']],
    );
    const nothing = coach('The QBR is on Tuesday.');
    assert.equal(nothing.label, 'neutral');
    assert.deepEqual(nothing.cues, []);
  });

  it("tells 'I'll be out' (no task taken) from 'I'll handle it'", () => {
    assert.equal(coach("I'll be out Friday, back Monday.").label, 'neutral');
    assert.equal(coach("I'll handle it.").label, 'buy_back');
  });

  it('a concrete hand-back with a date is accountable', () => {
    assert.equal(coach('Send me your revised plan by Thursday.').label, 'accountable');
  });
});
