import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect.js';

/**
 * What a team's first real week needs: when a step was done (apart from when it was
 * reported), which steps may reach a customer, the due-today reminder, people who leave,
 * customers' companies, meetings about a plan, dates people are away and the
 * organization's holidays. Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const org = 'organization_id';
  const addColumns = async (name: string, columns: [string, 'text' | 'integer', string?][]) => {
    for (const [column, type, fallback] of columns) {
      await db.schema
        .alterTable(name)
        .addColumn(column, type, (c) =>
          fallback === undefined ? c : c.notNull().defaultTo(sql.raw(fallback)),
        )
        .execute();
    }
  };

  await addColumns('commitments', [
    ['done_on', 'text'],
    ['visibility', 'text', "'internal'"],
    // The line of notes it was read from: a line may hold several steps.
    ['note_line_id', 'integer'],
  ]);
  await addColumns('people', [
    ['deactivated_at', 'text'],
    ['company', 'text'],
  ]);
  await addColumns('organizations', [['due_today_reminders', 'integer', '1']]);
  await addColumns('follow_ups', [['remind_at', 'text']]);
  await db.schema
    .alterTable('meetings')
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    .execute();
  await addColumns('plans', [['company', 'text']]);

  await db.schema
    .createIndex('follow_ups_remind')
    .on('follow_ups')
    .columns(['status', 'remind_at'])
    .execute();
  await db.schema.createIndex('meetings_plan').on('meetings').columns([org, 'plan_id']).execute();
  await db.schema
    .createIndex('commitments_done')
    .on('commitments')
    .columns([org, 'owner_id', 'done_on'])
    .execute();

  await idColumn(db, db.schema.createTable('away_periods'))
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('away_periods_person')
    .on('away_periods')
    .columns([org, 'person_id', 'ends_on'])
    .execute();

  await idColumn(db, db.schema.createTable('holidays'))
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holidays_date').unique().on('holidays').columns([org, 'date']).execute();

  // A step owned by a customer contact, or agreed with one, is shared: it is in their wrap-up.
  await sql`
    update commitments set visibility = 'shared'
    where owner_id in (select id from people where kind = 'contact')
       or id in (
         select cp.commitment_id from commitment_people cp
         join people p on p.id = cp.person_id
         where p.kind = 'contact'
       )`.execute(db);

  await fillDoneOn(db);
  await fillCompanies(db);
  await fillReminders(db);
}

/** The calendar date of an instant in a zone, by the runtime's own time-zone data. */
function localDate(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Done steps were stamped when they were reported. Nothing better is known about when they
 * were done, so `done_on` is the day they were reported, in the owner's zone: a step reported
 * on its follow-up stays counted late, as it was before.
 */
async function fillDoneOn(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: number; closed_at: string; zone: string }>`
    select c.id, c.closed_at, coalesce(p.time_zone, o.time_zone) as zone
    from commitments c
    join organizations o on o.id = c.organization_id
    left join people p on p.id = c.owner_id
    where c.status = 'done' and c.closed_at is not null`.execute(db);
  for (const row of rows.rows) {
    await sql`update commitments set done_on = ${localDate(row.closed_at, row.zone)} where id = ${row.id}`.execute(
      db,
    );
  }
}

const FREE_MAIL = new Set([
  'gmail',
  'googlemail',
  'outlook',
  'hotmail',
  'live',
  'yahoo',
  'icloud',
  'me',
  'aol',
  'proton',
  'protonmail',
  'gmx',
  'web',
  'mail',
]);

/** A contact's company from their address: jo@acme.example works at Acme (free mail says nothing). */
function companyOf(email: string): string | null {
  const labels = (email.split('@')[1] ?? '').split('.');
  const name = labels.length >= 2 ? labels[labels.length - 2] : undefined;
  if (!name || FREE_MAIL.has(name)) return null;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

async function fillCompanies(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: number; email: string }>`
    select id, email from people where kind = 'contact' and company is null`.execute(db);
  for (const row of rows.rows) {
    const company = companyOf(row.email);
    if (company) await sql`update people set company = ${company} where id = ${row.id}`.execute(db);
  }
}

/** The wall-clock time in a zone as an instant, by the runtime's time-zone data. */
function wallClock(date: string, time: string, zone: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  // The zone's offset at that moment, read back from how the zone shows the guess.
  const shown = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const part = (type: string) => Number(shown.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return new Date(guess.getTime() - (asUtc - guess.getTime())).toISOString();
}

/**
 * Follow-ups already scheduled get the due-today reminder too: 08:30 on the due date in
 * the owner's zone. One whose time has passed by the next tick is dropped there, unsent.
 */
async function fillReminders(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: number; due_date: string; due_at: string; zone: string }>`
    select f.id, c.due_date, c.due_at, p.time_zone as zone
    from follow_ups f
    join commitments c on c.id = f.commitment_id
    join people p on p.id = c.owner_id
    where f.status = 'scheduled' and c.due_date is not null and c.due_at is not null`.execute(db);
  for (const row of rows.rows) {
    const remindAt = wallClock(row.due_date, '08:30', row.zone);
    if (remindAt < row.due_at) {
      await sql`update follow_ups set remind_at = ${remindAt} where id = ${row.id}`.execute(db);
    }
  }
}
