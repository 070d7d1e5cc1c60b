import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Today's table types, for queries. Migrations never import these: each migration freezes
 * the schema it needs. Instants are UTC ISO-8601 strings; calendar dates are YYYY-MM-DD;
 * booleans are 0/1; JSON is text. The same representation works on SQLite and PostgreSQL.
 */

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  follow_up_hour: Generated<number>;
  follow_up_offset_days: Generated<number>;
  /** 1 when owners get a "due today" reminder on the morning of the due date. */
  due_today_reminders: Generated<number>;
  default_actor_id: number | null;
  created_at: string;
}

export type PersonKind = 'member' | 'contact';

export interface PersonTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  email: string;
  kind: PersonKind;
  time_zone: string;
  manager_id: number | null;
  partner_id: number | null;
  /** A customer contact's company. */
  company: string | null;
  /** Set when the person left: kept, with everything they did, but no longer acts or owns. */
  deactivated_at: string | null;
  created_at: string;
  /** The account a member signs in with (auth_users.id); contacts have none. */
  user_id: string | null;
  role: Generated<PersonRole>;
  /** 1 when the member wants the daily digest at 08:00 local (0015). */
  daily_digest: Generated<number>;
  /** When their next digest is due, 08:00 their time (0015); null while they want none. */
  digest_at: string | null;
}

/** A member's secret calendar feed (0011): /cal/TOKEN.ics. */
export interface CalendarFeedTable {
  person_id: number;
  organization_id: number;
  token: string;
  created_at: string;
}

/** A mail taken in and acted on (0016), by a key from its Message-ID, sender and recipient. */
export interface InboundMailTable {
  key: string;
  organization_id: number;
  received_at: string;
}

/** A key the program made for itself (0012): `answer_links` signs answer links. */
export interface KeyTable {
  name: string;
  value: string;
  created_at: string;
}

/** An admin manages people, invitations and the organization's settings, and sees everything in it. */
export type PersonRole = 'admin' | 'member';

export interface SeriesTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  kind: string;
  pair_key: string | null;
  created_at: string;
}

export interface MeetingTable {
  id: Generated<number>;
  organization_id: number;
  kind: string;
  series_id: number | null;
  author_id: number;
  starts_at: string;
  ends_at: string | null;
  ended_at: string | null;
  notes: Generated<string>;
  wrapup_due_at: string | null;
  wrapup_sent_at: string | null;
  /** The account or opportunity plan a review is about. */
  plan_id: number | null;
  created_at: string;
}

export interface MeetingAttendeeTable {
  organization_id: number;
  meeting_id: number;
  person_id: number;
}

export type PlanKind = 'account' | 'opportunity';
export type PlanOutcome = 'open' | 'won' | 'lost';

export interface PlanTable {
  id: Generated<number>;
  organization_id: number;
  kind: PlanKind;
  name: string;
  owner_id: number;
  goal: string | null;
  starts_on: string;
  ends_on: string | null;
  outcome: PlanOutcome;
  company: string | null;
  created_at: string;
}

export type CommitmentStatus = 'open' | 'done' | 'missed' | 'dropped';
export type CommitmentSource = 'meeting' | 'plan' | 'self' | 'direct';
/** Shared steps may reach a customer contact (their wrap-up); internal ones never do. */
export type Visibility = 'shared' | 'internal';

export interface CommitmentTable {
  id: Generated<number>;
  organization_id: number;
  what: string;
  owner_id: number | null;
  outcome: string | null;
  due_date: string | null;
  due_time: string | null;
  due_at: string | null;
  vague_due: string | null;
  status: CommitmentStatus;
  source: CommitmentSource;
  meeting_id: number | null;
  plan_id: number | null;
  delegated_by_id: number | null;
  created_by_id: number;
  needs: string | null;
  follows_id: number | null;
  renegotiations: number;
  created_at: string;
  last_activity_at: string;
  closed_at: string | null;
  /** The owner's local date the step was done on, apart from when it was reported. */
  done_on: string | null;
  visibility: Visibility;
  note_line_id: number | null;
  /** Its latest follow-up was answered "not done" with no next step (1), kept by the follow-ups' writes. */
  answered_not_done: Generated<number>;
  /** When its owner agreed to it; null while not yet agreed (0013). A step one set oneself needs none. */
  agreed_at: string | null;
  /** Instead of agreeing, the owner proposed another date or approach (0013). */
  proposal: string | null;
  /** Instead of agreeing, the owner asked for what they need: resources, help (0013). */
  help_asked: string | null;
  /** When the owner proposed or said what they need (0013). */
  agreement_answered_at: string | null;
  /** A recurring step's rule: an RRULE with its DTSTART, the same on every occurrence (0014). */
  every: string | null;
  /** The occurrence before this one (0014). */
  repeats_id: number | null;
  /** When this occurrence's next was made (0014); null while it is still to make. */
  renewed_at: string | null;
}

export interface CommitmentPersonTable {
  organization_id: number;
  commitment_id: number;
  person_id: number;
}

export interface CommitmentPrerequisiteTable {
  organization_id: number;
  commitment_id: number;
  prerequisite_id: number;
}

export interface CommitmentEventTable {
  id: Generated<number>;
  organization_id: number;
  commitment_id: number;
  kind: string;
  actor_id: number | null;
  at: string;
  data: string;
}

export type FollowUpStatus = 'scheduled' | 'sent' | 'answered' | 'unanswered' | 'cancelled';
export type AnswerOutcome = 'done' | 'partly' | 'not_done';

export interface FollowUpTable {
  id: Generated<number>;
  organization_id: number;
  commitment_id: number;
  status: FollowUpStatus;
  fire_at: string;
  answerer_id: number;
  hearer_id: number | null;
  ask: string | null;
  sent_at: string | null;
  late: Generated<number>;
  answer_due_at: string | null;
  unanswered_at: string | null;
  answered_at: string | null;
  outcome: AnswerOutcome | null;
  happened: string | null;
  learned: string | null;
  next_commitment_id: number | null;
  /** When the "due today" reminder goes out; cleared once it has (or no longer can). */
  remind_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  organization_id: number;
  kind: string;
  idempotency_key: string;
  recipient_id: number;
  recipient_email: string;
  subject: string;
  body: string;
  late: number;
  follow_up_id: number | null;
  meeting_id: number | null;
  commitment_id: number | null;
  created_at: string;
  delivered_at: string | null;
  /** How many times it was leased to be sent (0010). */
  attempts: Generated<number>;
  /** Held by a sender until then; another may take it after (0010). */
  leased_until: string | null;
  /** Refused for now by the mail server: not tried again before then (0010). */
  next_attempt_at: string | null;
  /** Refused for good, or too old to send: not tried again (0010). */
  failed_at: string | null;
  /** What the mail server said, or why it was not sent (0010). */
  failure: string | null;
}

export interface NoteLineTable {
  id: Generated<number>;
  organization_id: number;
  meeting_id: number;
  position: number;
  text: string;
  author_id: number;
  commitment_id: number | null;
  unresolved_owner: string | null;
  /** JSON of the coach's verdict on the line when a manager wrote it: label, confidence, cues, suggestion. */
  coach: string | null;
  /** 1 when its author marked the line private: shown to them alone, a note only (0009). */
  private: Generated<number>;
  created_at: string;
}

export type CoachSource = 'answer' | 'note';

export interface CoachFlagTable {
  id: Generated<number>;
  organization_id: number;
  writer_id: number;
  label: string;
  source: CoachSource;
  text: string;
  cues: string;
  commitment_id: number | null;
  meeting_id: number | null;
  follow_up_id: number | null;
  at: string;
}

export interface AwayPeriodTable {
  id: Generated<number>;
  organization_id: number;
  person_id: number;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by_id: number | null;
  created_at: string;
}

export interface HolidayTable {
  id: Generated<number>;
  organization_id: number;
  date: string;
  name: string;
  /** 'manual', or 'country:XX' for public holidays imported for a country. */
  source: string;
  created_at: string;
}

/** An account, kept by the sign-in library (src/auth/auth.ts): read here only to check and link. */
export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
}

/** An admin's invitation to a member to make their account: the link's token kept only as a hash. */
export interface InvitationTable {
  id: Generated<number>;
  organization_id: number;
  person_id: number;
  invited_by_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface Database {
  auth_users: AuthUserTable;
  invitations: InvitationTable;
  organizations: OrganizationTable;
  people: PersonTable;
  series: SeriesTable;
  meetings: MeetingTable;
  meeting_attendees: MeetingAttendeeTable;
  plans: PlanTable;
  commitments: CommitmentTable;
  commitment_people: CommitmentPersonTable;
  commitment_prerequisites: CommitmentPrerequisiteTable;
  commitment_events: CommitmentEventTable;
  follow_ups: FollowUpTable;
  outbox: OutboxTable;
  calendar_feeds: CalendarFeedTable;
  keys: KeyTable;
  inbound_mails: InboundMailTable;
  note_lines: NoteLineTable;
  coach_flags: CoachFlagTable;
  away_periods: AwayPeriodTable;
  holidays: HolidayTable;
}

export type Organization = Selectable<OrganizationTable>;
export type Person = Selectable<PersonTable>;
export type Invitation = Selectable<InvitationTable>;
export type Series = Selectable<SeriesTable>;
export type Meeting = Selectable<MeetingTable>;
export type Plan = Selectable<PlanTable>;
export type Commitment = Selectable<CommitmentTable>;
export type NewCommitment = Insertable<CommitmentTable>;
export type CommitmentEvent = Selectable<CommitmentEventTable>;
export type FollowUp = Selectable<FollowUpTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type NoteLine = Selectable<NoteLineTable>;
export type CoachFlag = Selectable<CoachFlagTable>;
export type AwayPeriod = Selectable<AwayPeriodTable>;
export type Holiday = Selectable<HolidayTable>;
