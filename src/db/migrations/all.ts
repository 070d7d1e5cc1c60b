import type { Migration } from 'kysely';
import * as core from './0001_core.js';
import * as notes from './0002_notes.js';
import * as repairEdited from './0003_repair_edited_migrations.js';
import * as firstWeek from './0004_first_week.js';
import * as appendOnlyLogs from './0005_append_only_logs.js';
import * as notDoneFlag from './0006_not_done_flag.js';
import * as accounts from './0007_accounts.js';
import * as invitations from './0008_invitations.js';
import * as privateNotes from './0009_private_notes.js';
import * as delivery from './0010_delivery.js';
import * as calendarFeeds from './0011_calendar_feeds.js';
import * as keys from './0012_keys.js';
import * as agreement from './0013_agreement.js';
import * as recurring from './0014_recurring.js';
import * as digest from './0015_digest.js';
import * as inboundMails from './0016_inbound_mails.js';
import * as buyBackEvents from './0017_buy_back_events.js';
import * as flagIndexes from './0018_flag_indexes.js';

/** The ordered, forward-only list of migrations. Append; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_notes': notes,
  '0003_repair_edited_migrations': repairEdited,
  '0004_first_week': firstWeek,
  '0005_append_only_logs': appendOnlyLogs,
  '0006_not_done_flag': notDoneFlag,
  '0007_accounts': accounts,
  '0008_invitations': invitations,
  '0009_private_notes': privateNotes,
  '0010_delivery': delivery,
  '0011_calendar_feeds': calendarFeeds,
  '0012_keys': keys,
  '0013_agreement': agreement,
  '0014_recurring': recurring,
  '0015_digest': digest,
  '0016_inbound_mails': inboundMails,
  '0017_buy_back_events': buyBackEvents,
  '0018_flag_indexes': flagIndexes,
};
