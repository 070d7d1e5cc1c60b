import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dataLocation } from '../db/location.js';
import { AppError } from '../shared/errors.js';
import { authSecret, SECRET_FILE } from './auth.secret.js';

describe('the secret that signs sessions', () => {
  it('is made once in a data folder, readable by its owner only, and the same at every start', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ft-secret-'));
    try {
      const location = dataLocation({ dataDir: folder });
      const first = authSecret({}, location);
      assert.match(first, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(authSecret({}, location), first);
      assert.equal(statSync(join(folder, SECRET_FILE)).mode & 0o777, 0o600);
      assert.equal(authSecret({ BETTER_AUTH_SECRET: 'z'.repeat(32) }, location), 'z'.repeat(32));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('must be set for PostgreSQL, and long enough wherever it is set', () => {
    const postgres = dataLocation({ dataDir: '.', databaseUrl: 'postgres://app@db.internal/ft' });
    assert.throws(
      () => authSecret({}, postgres),
      (e: unknown) => e instanceof AppError && e.code === 'missing_setting' && e.status === 400,
    );
    assert.throws(
      () => authSecret({ BETTER_AUTH_SECRET: 'short' }, postgres),
      (e: unknown) =>
        e instanceof AppError &&
        e.message ===
          'BETTER_AUTH_SECRET must be at least 32 random characters (it has 5); make one with `openssl rand -base64 32`.',
    );
  });
});
