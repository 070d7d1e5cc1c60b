import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dataVersion } from '../src/db/dialect.js';
import { createTestDatabase, it, onEachDatabase } from './support/databases.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

onEachDatabase('the data version kept answers are checked against', (dialect) => {
  it(
    dialect === 'sqlite'
      ? 'changes at once with this connection’s writes, and from the next turn with another’s'
      : 'is not read on PostgreSQL, where it would take a query',
    async () => {
      const database = await createTestDatabase(dialect);
      const server = database.open();
      const other = database.open();
      try {
        if (dialect === 'postgres') {
          assert.equal(dataVersion(server), null);
          return;
        }
        await nextTurn();
        const before = dataVersion(server);
        assert.match(before ?? '', /^\d+\.\d+$/);
        assert.equal(dataVersion(server), before);

        // Another connection (another process, `ft` beside the server) commits.
        await sql`create table scratch (x integer)`.execute(other);
        assert.equal(dataVersion(server), before, 'read once in a turn');
        await nextTurn();
        const afterTheirs = dataVersion(server);
        assert.notEqual(afterTheirs, before);

        // This connection's own write counts at once, in the same turn.
        await sql`insert into scratch (x) values (1)`.execute(server);
        const afterMine = dataVersion(server);
        assert.notEqual(afterMine, afterTheirs);
        await nextTurn();
        assert.equal(dataVersion(server), afterMine, 'nothing written since');
      } finally {
        await server.destroy();
        await other.destroy();
        await database.drop();
      }
    },
  );
});
