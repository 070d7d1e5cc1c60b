import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Accounts: the tables the sign-in library (Better Auth) keeps users, sessions, passwords,
 * one-time tokens and sign-in attempts in, named and shaped as src/auth/auth.ts maps them
 * (a test checks that the library finds nothing to add), and the link from a member of an
 * organization to their account, with their role there. Contacts have no account.
 * Frozen: later changes go in new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  const instant = postgres ? 'timestamptz' : 'date';
  const flag = postgres ? 'boolean' : 'integer';
  const now = sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable('auth_users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('email_verified', flag, (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('created_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .addColumn('updated_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .execute();
  const user = (c: any) => c.notNull().references('auth_users.id').onDelete('cascade');

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('ip_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('user_id', 'text', user)
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('auth_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', user)
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('id_token', 'text')
    .addColumn('access_token_expires_at', instant)
    .addColumn('refresh_token_expires_at', instant)
    .addColumn('scope', 'text')
    .addColumn('password', 'text')
    .addColumn('created_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_accounts_user').on('auth_accounts').column('user_id').execute();

  await db.schema
    .createTable('auth_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .addColumn('updated_at', instant, (c) => (postgres ? c.notNull().defaultTo(now) : c.notNull()))
    .execute();
  await db.schema
    .createIndex('auth_verifications_identifier')
    .on('auth_verifications')
    .column('identifier')
    .execute();

  await db.schema
    .createTable('auth_rate_limits')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_request', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('people')
    .addColumn('user_id', 'text', (c) => c.references('auth_users.id'))
    .execute();
  // Admins manage people, invitations and settings; everyone else is a member.
  await db.schema
    .alterTable('people')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .execute();
  await db.schema.createIndex('people_user').unique().on('people').column('user_id').execute();
  // Whoever the command line acted as by default (the first member added) ran the organization.
  await sql`update people set role = 'admin'
    where id in (select default_actor_id from organizations where default_actor_id is not null)`.execute(db);
}
