import type { MigrationProvider } from 'kysely';

/**
 * The migrations' names in order, as the kysely_migration table records them: enough to tell
 * whether any is pending. Their code (all.ts) loads only when one is; a test keeps both lists
 * the same. Append; never edit a migration that has shipped.
 */
export const migrationNames: readonly string[] = [
  '0001_core',
  '0002_notes',
  '0003_repair_edited_migrations',
  '0004_first_week',
  '0005_append_only_logs',
  '0006_not_done_flag',
  '0007_accounts',
  '0008_invitations',
  '0009_private_notes',
  '0010_delivery',
  '0011_calendar_feeds',
  '0012_keys',
  '0013_agreement',
  '0014_recurring',
  '0015_digest',
  '0016_inbound_mails',
  '0017_buy_back_events',
  '0018_flag_indexes',
];

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => (await import('./all.js')).migrations,
};
