import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameServer } from './origins.js';

describe('sameServer', () => {
  it('names a server on this computer by each of its names, and any other by its own alone', () => {
    assert.deepEqual(sameServer('http://127.0.0.1:3000'), [
      'http://127.0.0.1:3000',
      'http://localhost:3000',
      'http://[::1]:3000',
    ]);
    assert.deepEqual(sameServer('https://followthrough.example.com/'), ['https://followthrough.example.com']);
  });
});
