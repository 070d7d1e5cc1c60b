import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Two migrations were edited after they had shipped, so databases made by earlier releases
 * differ from new ones, and this brings them in line:
 * - 0002_notes first kept the coach's verdict on a line of notes as `coach_label` and
 *   `coach_cues` (a JSON array); it is now one JSON column, `coach`. Such databases get
 *   `coach`, filled from the old columns (the confidence and suggestion were never kept, so
 *   they are null); the old columns stay, unread.
 * - 0001_core first indexed commitments by meeting and by plan without their status.
 * On a database that is already right it changes nothing. Frozen: later changes go in new
 * migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(await columnsOf(db, 'note_lines')).includes('coach')) {
    await db.schema.alterTable('note_lines').addColumn('coach', 'text').execute();
    await fillCoachFromOldColumns(db);
  }
  for (const [name, columns] of Object.entries(commitmentIndexes)) {
    const now = await indexColumns(db, name);
    if (now.join() === columns.join()) continue;
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema.createIndex(name).on('commitments').columns(columns).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

/** The two indexes as 0001_core creates them since it was edited. */
const commitmentIndexes: Record<string, string[]> = {
  commitments_meeting: ['organization_id', 'meeting_id', 'status'],
  commitments_plan: ['organization_id', 'plan_id', 'status'],
};

/** The verdict as the notes code has written it since: the shape `note_lines.coach` holds. */
interface FrozenVerdict {
  label: string;
  confidence: number | null;
  cues: string[];
  suggestion: string | null;
}

const BATCH = 500;

async function fillCoachFromOldColumns(db: Kysely<any>): Promise<void> {
  for (let after = 0; ; ) {
    const rows: { id: number; coach_label: string; coach_cues: string | null }[] = await db
      .selectFrom('note_lines')
      .select(['id', 'coach_label', 'coach_cues'])
      .where('coach_label', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const verdict: FrozenVerdict = {
        label: row.coach_label,
        confidence: null,
        cues: parseCues(row.coach_cues),
        suggestion: null,
      };
      await db
        .updateTable('note_lines')
        .set({ coach: JSON.stringify(verdict) })
        .where('id', '=', row.id)
        .execute();
    }
    if (rows.length < BATCH) return;
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

function parseCues(text: string | null): string[] {
  if (!text) return [];
  try {
    const cues: unknown = JSON.parse(text);
    return Array.isArray(cues) ? cues.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

/** The columns of a commitments index in order; none when it does not exist. */
async function indexColumns(db: Kysely<any>, index: string): Promise<string[]> {
  if (!isPostgres(db)) {
    const { rows } = await sql<{ name: string }>`select name from pragma_index_info(${index})
      order by seqno`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ def: string }>`select indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename = 'commitments' and indexname = ${index}`.execute(db);
  // e.g. CREATE INDEX commitments_meeting ON s.commitments USING btree (organization_id, meeting_id)
  const list = rows[0]?.def.match(/\(([^()]*)\)\s*$/)?.[1];
  return list ? list.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
}
