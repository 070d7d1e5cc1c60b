import type { Db } from '../db/database.js';
import type { CoachSource, Person } from '../db/schema.js';
import { nowIso, type Scope } from '../organizations/scope.js';
import { AppError } from '../shared/errors.js';
import { limits, oneLine } from '../shared/text.js';
import { type CoachVerdict, coach } from './coach.classify.js';

/** What a flag points at: the commitment, meeting or follow-up the words were written about. */
export interface CoachRefs {
  commitmentId?: number | null;
  meetingId?: number | null;
  followUpId?: number | null;
}

/** Whether someone manages anyone: the coach reads what managers write. */
export async function isManager(db: Db, scope: Scope, person: Pick<Person, 'id'>): Promise<boolean> {
  const report = await db
    .selectFrom('people')
    .select('id')
    .where('organization_id', '=', scope.org.id)
    .where('manager_id', '=', person.id)
    .limit(1)
    .executeTakeFirst();
  return report !== undefined;
}

export const isFlag = (v: CoachVerdict): boolean => v.label === 'buy_back' || v.label === 'limbo';

/**
 * Keeps a buy-back or limbo the coach found in what a manager wrote, for `ft stats`.
 * Returns the verdict whatever it is, so the caller can show it next to the words.
 */
export async function flagWords(
  db: Db,
  scope: Scope,
  writer: Person,
  text: string,
  source: CoachSource,
  refs: CoachRefs,
  verdict: CoachVerdict = coach(text),
): Promise<CoachVerdict> {
  if (!isFlag(verdict)) return verdict;
  await db
    .insertInto('coach_flags')
    .values({
      organization_id: scope.org.id,
      writer_id: writer.id,
      label: verdict.label,
      source,
      text,
      cues: JSON.stringify(verdict.cues),
      commitment_id: refs.commitmentId ?? null,
      meeting_id: refs.meetingId ?? null,
      follow_up_id: refs.followUpId ?? null,
      at: nowIso(scope),
    })
    .execute();
  return verdict;
}

/** A reply read by the coach, and nothing kept: what `ft coach "…"` prints. */
export function readReply(text: string): CoachVerdict {
  if (!text.trim()) throw new AppError('empty_text', 'Give the reply to read, like "Let me think about it".');
  return coach(oneLine(text, 'A reply', limits.note));
}
