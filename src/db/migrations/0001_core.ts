import type { Kysely } from 'kysely';
import { idColumn } from '../dialect.js';

/** The core schema. Frozen: later changes go in new migrations. */
export async function up(db: Kysely<any>): Promise<void> {
  const table = (name: string) => idColumn(db, db.schema.createTable(name));
  const org = 'organization_id';

  await table('organizations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('follow_up_hour', 'integer', (c) => c.notNull().defaultTo(9))
    .addColumn('follow_up_offset_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('default_actor_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('people')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'integer', (c) => c.references('people.id'))
    .addColumn('partner_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_email').unique().on('people').columns([org, 'email']).execute();
  await db.schema.createIndex('people_manager').on('people').columns([org, 'manager_id']).execute();

  await table('series')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pair_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('series_name').unique().on('series').columns([org, 'name']).execute();
  await db.schema.createIndex('series_pair').unique().on('series').columns([org, 'pair_key']).execute();

  await table('meetings')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.references('series.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wrapup_due_at', 'text')
    .addColumn('wrapup_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_series')
    .on('meetings')
    .columns([org, 'series_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('meetings_author')
    .on('meetings')
    .columns([org, 'author_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('meeting_attendees_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('meeting_attendees_person')
    .on('meeting_attendees')
    .columns([org, 'person_id'])
    .execute();

  await table('plans')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('goal', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_owner').on('plans').columns([org, 'owner_id']).execute();

  await table('commitments')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('people.id'))
    .addColumn('outcome', 'text')
    .addColumn('due_date', 'text')
    .addColumn('due_time', 'text')
    .addColumn('due_at', 'text')
    .addColumn('vague_due', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    .addColumn('delegated_by_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_by_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('needs', 'text')
    .addColumn('follows_id', 'integer', (c) => c.references('commitments.id'))
    .addColumn('renegotiations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  const commitmentIndex = (name: string, columns: string[]) =>
    db.schema
      .createIndex(name)
      .on('commitments')
      .columns([org, ...columns])
      .execute();
  await commitmentIndex('commitments_owner', ['owner_id', 'status', 'due_at']);
  await commitmentIndex('commitments_status', ['status', 'due_at']);
  await commitmentIndex('commitments_owner_due', ['owner_id', 'due_at']);
  await commitmentIndex('commitments_meeting', ['meeting_id', 'status']);
  await commitmentIndex('commitments_plan', ['plan_id', 'status']);
  await commitmentIndex('commitments_follows', ['follows_id']);

  await db.schema
    .createTable('commitment_people')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitments.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('commitment_people_pk', ['commitment_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('commitment_prerequisites')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitments.id'))
    .addColumn('prerequisite_id', 'integer', (c) => c.notNull().references('commitments.id'))
    .addPrimaryKeyConstraint('commitment_prerequisites_pk', ['commitment_id', 'prerequisite_id'])
    .execute();

  await table('commitment_events')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_commitment')
    .on('commitment_events')
    .columns([org, 'commitment_id'])
    .execute();
  await db.schema.createIndex('events_kind').on('commitment_events').columns([org, 'kind', 'at']).execute();

  await table('follow_ups')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .addColumn('answerer_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('hearer_id', 'integer', (c) => c.references('people.id'))
    .addColumn('ask', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answer_due_at', 'text')
    .addColumn('unanswered_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('happened', 'text')
    .addColumn('learned', 'text')
    .addColumn('next_commitment_id', 'integer', (c) => c.references('commitments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The scheduler claims due rows across organizations by these two indexes.
  await db.schema.createIndex('follow_ups_fire').on('follow_ups').columns(['status', 'fire_at']).execute();
  await db.schema
    .createIndex('follow_ups_answer_due')
    .on('follow_ups')
    .columns(['status', 'answer_due_at'])
    .execute();
  await db.schema
    .createIndex('follow_ups_commitment')
    .on('follow_ups')
    .columns([org, 'commitment_id'])
    .execute();
  await db.schema
    .createIndex('follow_ups_answerer')
    .on('follow_ups')
    .columns([org, 'answerer_id', 'status'])
    .execute();
  await db.schema
    .createIndex('follow_ups_hearer')
    .on('follow_ups')
    .columns([org, 'hearer_id', 'answered_at'])
    .execute();

  await table('outbox')
    .addColumn(org, 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up_id', 'integer', (c) => c.references('follow_ups.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('commitment_id', 'integer', (c) => c.references('commitments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_key').unique().on('outbox').columns(['idempotency_key']).execute();
  await db.schema.createIndex('outbox_org').on('outbox').columns([org, 'id']).execute();
  await db.schema.createIndex('outbox_undelivered').on('outbox').columns(['delivered_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
