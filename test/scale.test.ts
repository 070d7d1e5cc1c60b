import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { isPostgres } from '../src/db/dialect.js';
import { ftOk } from './support/cli.js';
import { createTestDatabase, onEachDatabase, type TestDatabase } from './support/databases.js';

const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
const NOW = '2026-11-24T15:00:00Z';

/** Rows 1…n, as a table both engines can insert from. */
function numbers(db: Db, n: number) {
  return isPostgres(db)
    ? sql`select g as i from generate_series(1, ${sql.lit(n)}) as g`
    : sql`with recursive g(i) as (select 1 union all select i + 1 from g where i < ${sql.lit(n)}) select i from g`;
}

/**
 * A hundred thousand open commitments of one seller, written straight into the database:
 * 60,000 due 10 Nov (overdue now), 40,000 due 10 Dec; 1,667 of them with no outcome (limbo).
 */
async function seedHundredThousand(db: Db, orgId: number, ownerId: number, managerId: number) {
  await sql`
    insert into commitments (organization_id, what, owner_id, outcome, due_date, due_time, due_at, status, source,
      delegated_by_id, created_by_id, renegotiations, created_at, last_activity_at, visibility)
    select ${orgId}, 'Step ' || i, ${ownerId},
      case when i % 60 = 1 then null else 'Deal moves' end,
      case when i <= 60000 then '2026-11-10' else '2026-12-10' end, null,
      case when i <= 60000 then '2026-11-11T04:59:59.999Z' else '2026-12-11T04:59:59.999Z' end,
      'open', 'direct', ${managerId}, ${managerId}, 0,
      '2026-11-20T15:00:00.000Z', '2026-11-20T15:00:00.000Z', 'internal'
    from (${numbers(db, 100_000)}) as n`.execute(db);
}

onEachDatabase('a team with a hundred thousand open commitments', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await ftOk(database, NOW, ['person', 'add', 'Mara Chen', '--email', mara]);
    await ftOk(database, NOW, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
    const db = database.open();
    try {
      const people = await db.selectFrom('people').select(['id', 'email', 'organization_id']).execute();
      const id = (email: string) => people.find((p) => p.email === email)?.id as number;
      await seedHundredThousand(db, people[0]?.organization_id as number, id(dana), id(mara));
    } finally {
      await db.destroy();
    }
  });
  afterEach(async () => database.drop());

  it('ft stats counts them all in the database, for the team and the organization', async () => {
    const team = (await ftOk(database, NOW, ['stats', '--team', mara, '--json'])).json<
      Record<string, number>
    >();
    assert.deepEqual(
      {
        due: team.due,
        openOverdue: team.openOverdue,
        limbo: team.limbo,
        stalled: team.stalled,
        rate: team.followThroughRate,
      },
      { due: 60_000, openOverdue: 60_000, limbo: 1_667, stalled: 0, rate: 0 },
    );
    const org = (await ftOk(database, NOW, ['stats', '--org', '--json'])).json<Record<string, number>>();
    assert.deepEqual([org.due, org.limbo, org.size], [60_000, 1_667, 2]);
  });

  it('ft list says how many it shows of how many, and pages on with a cursor', async () => {
    const first = (await ftOk(database, NOW, ['list', '--limbo', '--json'])).json<{
      commitments: { id: string }[];
      total: number;
      next: string | null;
    }>();
    assert.deepEqual([first.commitments.length, first.total], [1_000, 1_667]);
    assert.ok(first.next);
    const rest = (await ftOk(database, NOW, ['list', '--limbo', '--after', first.next, '--json'])).json<{
      commitments: { id: string }[];
      next: string | null;
    }>();
    assert.equal(rest.commitments.length, 667);
    assert.equal(rest.next, null);
    const ids = new Set([...first.commitments, ...rest.commitments].map((c) => c.id));
    assert.equal(ids.size, 1_667, 'no row twice, none left out');

    const text = await ftOk(database, NOW, ['list', '--limbo']);
    assert.match(
      text.stdout,
      /showing 1,000 of 1,667; --limit N or --all for more, or --after \S+ for the next page/,
    );
    const all = (await ftOk(database, NOW, ['list', '--limbo', '--all', '--json'])).json<{
      commitments: unknown[];
    }>();
    assert.equal(all.commitments.length, 1_667);
  });

  it("the seller's day and the manager's team section stay whole", async () => {
    const day = (await ftOk(database, NOW, ['--as', dana, '--json'])).json<{
      overdue: unknown[];
      totals: { overdue: number; upcoming: number };
    }>();
    assert.equal(day.overdue.length, 50, 'the day lists the first 50 overdue');
    assert.deepEqual(day.totals, { overdue: 60_000, upcoming: 0, toAnswer: 0, answers: 0 });
    const text = await ftOk(database, NOW, ['--as', dana]);
    assert.match(text.stdout, /^ {2}… and 59,950 more: ft list --owner dana@northwind\.example --overdue$/m);
    const manager = (await ftOk(database, NOW, ['--json'])).json<{
      team: {
        person: { email: string };
        overdue: { count: number; ids: string[] };
        limbo: { count: number };
      }[];
    }>();
    assert.deepEqual(
      manager.team.map((t) => [t.person.email, t.overdue.count, t.overdue.ids.length, t.limbo.count]),
      [[dana, 60_000, 5, 1_667]],
    );
  });
});
