import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Person } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { pickPerson, reportsOf } from './people.rules.js';

let nextId = 1;
function person(name: string, email: string, extra: Partial<Person> = {}): Person {
  return {
    id: nextId++,
    organization_id: 1,
    name,
    email,
    kind: 'member',
    time_zone: 'America/New_York',
    manager_id: null,
    partner_id: null,
    company: null,
    deactivated_at: null,
    created_at: '2026-11-01T12:00:00.000Z',
    user_id: null,
    role: 'member',
    daily_digest: 0,
    digest_at: null,
    ...extra,
  };
}

const mara = person('Mara Chen', 'mara@northwind.example');
const dana = person('Dana Ruiz', 'dana@northwind.example');
const danaLee = person('Dana Lee', 'dana.lee@northwind.example');
const jo = person('Jo Park', 'jo@acme.example', { kind: 'contact' });
const everyone = [mara, dana, danaLee, jo];

/** Asserts that `fn` throws an AppError with `code` and returns it for more checks. */
function appError(fn: () => unknown, code: string): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AppError, `expected an AppError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  return caught;
}

describe('pickPerson', () => {
  it('finds someone by e-mail address', () => {
    assert.equal(pickPerson('dana@northwind.example', everyone), dana);
  });

  it('finds someone by e-mail address typed in any case and with spaces around it', () => {
    assert.equal(pickPerson('  Dana@NorthWind.Example ', everyone), dana);
  });

  it('finds someone by full name, in any case', () => {
    assert.equal(pickPerson('dana lee', everyone), danaLee);
    assert.equal(pickPerson('Mara Chen', everyone), mara);
  });

  it('finds someone by a first name only they have', () => {
    assert.equal(pickPerson('mara', everyone), mara);
    assert.equal(pickPerson('Jo', everyone), jo);
  });

  it('refuses a first name two people share and lists both e-mail addresses', () => {
    const error = appError(() => pickPerson('Dana', everyone), 'ambiguous_person');
    assert.deepEqual(error.details?.candidates, ['dana@northwind.example', 'dana.lee@northwind.example']);
    assert.match(error.message, /Dana Ruiz <dana@northwind\.example>/);
    assert.match(error.message, /Dana Lee <dana\.lee@northwind\.example>/);
    assert.match(error.message, /e-mail/);
  });

  it('refuses a full name two people share', () => {
    const twin = person('Mara Chen', 'mara.chen@acme.example');
    const error = appError(() => pickPerson('mara chen', [mara, twin]), 'ambiguous_person');
    assert.deepEqual(error.details?.candidates, ['mara@northwind.example', 'mara.chen@acme.example']);
  });

  it('says nobody is called that when no name matches', () => {
    const error = appError(() => pickPerson('Priya', everyone), 'person_not_found');
    assert.equal(error.status, 404);
    assert.match(error.message, /Priya/);
  });

  it('says nobody has an unknown e-mail address, without guessing', () => {
    const error = appError(() => pickPerson('priya@northwind.example', everyone), 'person_not_found');
    assert.deepEqual(error.details?.candidates, []);
  });

  it('does not take a last name for a first name, but suggests who it could be', () => {
    const error = appError(() => pickPerson('Ruiz', [dana]), 'person_not_found');
    assert.deepEqual(error.details?.candidates, ['dana@northwind.example']);
    assert.match(error.message, /Did you mean Dana Ruiz <dana@northwind\.example>\?/);
  });
});

describe('reportsOf', () => {
  it('lists everyone below a manager, several levels deep', () => {
    const org = [
      { id: 1, manager_id: null }, // VP
      { id: 2, manager_id: 1 }, // director
      { id: 3, manager_id: 2 }, // manager
      { id: 4, manager_id: 3 }, // seller
      { id: 5, manager_id: 3 }, // seller
      { id: 6, manager_id: 1 }, // director
      { id: 7, manager_id: null }, // someone in another branch
      { id: 8, manager_id: 7 },
    ];
    assert.deepEqual(
      reportsOf(1, org).sort((a, b) => a - b),
      [2, 3, 4, 5, 6],
    );
    assert.deepEqual(
      reportsOf(3, org).sort((a, b) => a - b),
      [4, 5],
    );
  });

  it('lists nobody below a seller', () => {
    assert.deepEqual(reportsOf(4, [{ id: 4, manager_id: 3 }]), []);
  });

  it('stops at a loop in the manager links and never lists the manager themself', () => {
    const loop = [
      { id: 1, manager_id: 3 },
      { id: 2, manager_id: 1 },
      { id: 3, manager_id: 2 },
    ];
    assert.deepEqual(
      reportsOf(1, loop).sort((a, b) => a - b),
      [2, 3],
    );
  });

  it('ignores a loop outside the manager’s branch', () => {
    const people = [
      { id: 1, manager_id: null },
      { id: 2, manager_id: 1 },
      { id: 3, manager_id: 4 },
      { id: 4, manager_id: 3 },
    ];
    assert.deepEqual(reportsOf(1, people), [2]);
  });
});
