import assert from 'node:assert/strict';
import { it } from 'node:test';
import { migrations } from './all.js';
import { migrationNames } from './index.js';

it('names every migration, in order, without loading them', () => {
  assert.deepEqual(Object.keys(migrations), [...migrationNames]);
  assert.deepEqual([...migrationNames].sort(), [...migrationNames]);
});
