import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalSafe } from './remote.client.js';

describe('terminalSafe', () => {
  it('keeps lines, tabs and colours, and shows every other control character as ?', () => {
    assert.equal(
      terminalSafe('a\tb\n\u001b[1mbold\u001b[22m\u001b]0;title\u0007\u001b[2J\r\u009b'),
      'a\tb\n\u001b[1mbold\u001b[22m?]0;title??[2J??',
    );
  });
});
