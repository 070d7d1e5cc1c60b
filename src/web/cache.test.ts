import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VersionedCache } from './cache.js';

describe('VersionedCache', () => {
  it('answers only at the version and minute a value was kept at', () => {
    const cache = new VersionedCache<string>(10);
    cache.set('a', '1.5', 100, 'A');
    assert.equal(cache.get('a', '1.5', 100), 'A');
    assert.equal(cache.get('a', '1.6', 100), undefined);
    assert.equal(cache.get('a', '1.5', 101), undefined);
    assert.equal(cache.get('a', null, 100), undefined);
  });

  it('keeps one version at a time: a value of another empties it; one of an earlier minute is not kept', () => {
    const cache = new VersionedCache<string>(10);
    cache.set('a', '1.5', 100, 'A');
    cache.set('b', '1.6', 100, 'B');
    assert.equal(cache.get('a', '1.5', 100), undefined);
    assert.equal(cache.get('b', '1.6', 100), 'B');
    cache.set('c', '1.6', 99, 'C');
    assert.equal(cache.get('c', '1.6', 99), undefined);
    assert.equal(cache.get('b', '1.6', 100), 'B');
  });

  it('drops the oldest past its count or its bytes, and never keeps one larger than all of them', () => {
    const cache = new VersionedCache<string>(2, 10, (v) => v.length);
    cache.set('a', 'v', 1, 'aaaa');
    cache.set('b', 'v', 1, 'bbbb');
    cache.set('c', 'v', 1, 'cc');
    assert.deepEqual(
      ['a', 'b', 'c'].map((k) => cache.get(k, 'v', 1)),
      [undefined, 'bbbb', 'cc'],
    );
    // 2 + 8 bytes fit in 10 once b goes.
    cache.set('d', 'v', 1, 'dddddddd');
    assert.deepEqual(
      ['b', 'c', 'd'].map((k) => cache.get(k, 'v', 1)),
      [undefined, 'cc', 'dddddddd'],
    );
    cache.set('f', 'v', 1, 'fff');
    assert.deepEqual(
      ['c', 'd', 'f'].map((k) => cache.get(k, 'v', 1)),
      [undefined, undefined, 'fff'],
    );
    cache.set('e', 'v', 1, 'e'.repeat(11));
    assert.equal(cache.get('e', 'v', 1), undefined);
    assert.equal(cache.get('f', 'v', 1), 'fff');
  });
});
