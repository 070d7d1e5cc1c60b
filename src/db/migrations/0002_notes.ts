import type { Kysely } from 'kysely';
import { idColumn } from '../dialect.js';

/**
 * Meeting notes line by line, with what each line became, and what the delegation coach
 * flagged in what managers wrote. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const table = (name: string) => idColumn(db, db.schema.createTable(name));
  const org = 'organization_id';

  await table('note_lines')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('commitment_id', 'integer', (c) => c.references('commitments.id'))
    .addColumn('unresolved_owner', 'text')
    .addColumn('coach', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('note_lines_meeting')
    .unique()
    .on('note_lines')
    .columns([org, 'meeting_id', 'position'])
    .execute();

  await table('coach_flags')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('writer_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('cues', 'text', (c) => c.notNull())
    .addColumn('commitment_id', 'integer', (c) => c.references('commitments.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('follow_up_id', 'integer', (c) => c.references('follow_ups.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coach_flags_writer')
    .on('coach_flags')
    .columns([org, 'writer_id', 'at'])
    .execute();
}
