import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { requestTarget } from '../src/web/cache.js';

/** What URL parsing makes of a request line's target: the answer `requestTarget` must give. */
function parsed(target: string): string | null {
  try {
    const url = new URL(target, 'http://target');
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

describe('the path and query an answer is kept under', () => {
  it('is what URL parsing makes of the target, for every target', () => {
    // Characters parsing keeps, encodes, resolves or drops, in every order.
    const piece = fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2E',
      '?',
      '#',
      '%',
      '%20',
      ' ',
      '"',
      "'",
      '<',
      '>',
      '`',
      '{',
      '}',
      '\\',
      'é',
      '\t',
      'api',
      'v1',
      'me',
      'today',
      '=',
      '&',
      '@',
      ':',
      ';',
      '~',
      '-',
      '_',
      '+',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const target = `/${pieces.join('')}`;
        assert.equal(requestTarget(target), parsed(target));
      }),
      { numRuns: 5000, seed: 20261124 },
    );
  });

  it('leaves a plain target as it is and resolves the rest as parsing does', () => {
    assert.equal(requestTarget('/api/v1/me/today'), '/api/v1/me/today');
    assert.equal(
      requestTarget('/api/v1/commitments?team=mara%40northwind.example&overdue=true'),
      '/api/v1/commitments?team=mara%40northwind.example&overdue=true',
    );
    assert.equal(
      requestTarget('/api/v1/people/dana@northwind.example/agenda'),
      '/api/v1/people/dana@northwind.example/agenda',
    );
    assert.equal(requestTarget('/api/v1/me/today?'), '/api/v1/me/today');
    assert.equal(requestTarget('/api/v1/x/../me/./today'), '/api/v1/me/today');
    assert.equal(requestTarget('/api/v1/x/%2E%2e/me'), '/api/v1/me');
    assert.equal(requestTarget("/api/v1/commitments?q=it's"), '/api/v1/commitments?q=it%27s');
    assert.equal(requestTarget('/api/v1/me#today'), '/api/v1/me');
  });
});
