import { type CoachVerdict, coach } from '../coach/coach.classify.js';
import { flagWords, isManager } from '../coach/coach.usecases.js';
import { createCommitment } from '../commitments/commitments.usecases.js';
import { inTransaction } from '../db/database.js';
import { forUpdate } from '../db/dialect.js';
import type { Commitment, Meeting, Person } from '../db/schema.js';
import { attendeesOf } from '../meetings/meetings.repository.js';
import { planSeen } from '../meetings/meetings.usecases.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { getPeople, listPeople } from '../people/people.repository.js';
import { meetingFor } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';
import { limits, multiLine } from '../shared/text.js';
import { localDate } from '../shared/time.js';
import { notesLines } from './capture.lines.js';
import { type CapturedStep, captureLine } from './capture.parse.js';
import { PeopleIndex } from './capture.people.js';

export interface CapturedLine {
  line: string;
  /** The next steps the line states, in order: none for a line that is not one. */
  steps: CapturedStep<Person>[];
  /** What the coach read in the line, when a manager wrote it; null otherwise. */
  coach: CoachVerdict | null;
}

export interface SavedLine extends CapturedLine {
  commitments: Commitment[];
}

/** What capture reads notes against: the organization's people, who "I" is, and the meeting's day. */
async function contextOf(scope: Scope, meeting: Meeting) {
  const [people, [author], attendees, planCompanies] = await Promise.all([
    listPeople(scope.db, scope.org.id),
    getPeople(scope.db, scope.org.id, [meeting.author_id]),
    attendeesOf(scope.db, scope.org.id, [meeting.id]),
    scope.db
      .selectFrom('plans')
      .select('company')
      .where('organization_id', '=', scope.org.id)
      .where('company', 'is not', null)
      .execute(),
  ]);
  if (!author) throw new Error(`meeting ${meeting.id} has no author`);
  return {
    // People who left are nobody's owner any more; the names of customers' companies come from the data.
    people: new PeopleIndex(
      people.filter((p) => !p.deactivated_at),
      planCompanies.map((p) => p.company as string),
    ),
    present: new Set(attendees.get(meeting.id) ?? []),
    author,
    meetingDate: localDate(meeting.starts_at, author.time_zone),
    coached: await isManager(scope.db, scope, requireActor(scope)),
  };
}

/** How notes are added: private lines are notes only, seen by their author alone. */
export interface NotesOptions {
  /** The plan the notes' next steps serve (default: the plan the meeting reviews). */
  plan?: string | undefined;
  /** Every line is private: no commitment, no coach, no wrap-up; seen by its author alone. */
  private?: boolean | undefined;
}

function readLines(
  text: string,
  context: Awaited<ReturnType<typeof contextOf>>,
  options: NotesOptions,
): CapturedLine[] {
  return notesLines(text).map((line) =>
    options.private
      ? { line, steps: [], coach: null }
      : {
          line,
          steps: captureLine(line, context),
          coach: context.coached && line.trim() ? coach(line) : null,
        },
  );
}

/** What each line of notes would become, without saving anything. */
export async function previewNotes(
  scope: Scope,
  meetingRef: string,
  text: string,
  options: NotesOptions = {},
) {
  // The notes ft note would refuse are refused here too: the preview prints them back.
  multiLine(text, 'Notes', limits.notes);
  const meeting = await meetingFor(scope, meetingRef, 'run');
  return { meeting, lines: readLines(text, await contextOf(scope, meeting), options) };
}

/**
 * Appends notes to a meeting and turns every line that states a next step into a
 * commitment of that meeting, all or nothing. Lines a manager wrote are read by the coach.
 * Private lines are kept as they are, and nothing more.
 */
export async function addNotes(scope: Scope, meetingRef: string, text: string, options: NotesOptions = {}) {
  const actor = requireActor(scope);
  multiLine(text, 'Notes', limits.notes);
  if (!text.trim()) {
    throw invalid(
      'empty_notes',
      'There are no notes to add: pipe them in (`ft note m1 < notes.txt`) or pass --text "Dana to send pricing by Friday".',
    );
  }
  const meeting = await meetingFor(scope, meetingRef, 'run');
  // Steps serve the plan named, or the one the meeting reviews.
  const planId = options.plan ? (await planSeen(scope, options.plan)).id : meeting.plan_id;
  const context = await contextOf(scope, meeting);
  const lines = readLines(text, context, options);
  for (const { line } of lines) {
    if (line.length > limits.what * 4) {
      throw invalid(
        'too_long',
        `A line of notes is at most ${limits.what * 4} characters; split the long one.`,
      );
    }
  }
  return inTransaction(scope.db, async (trx) => {
    // Notes added at once from two places queue here, so that their lines keep their order.
    const locked = forUpdate(trx, trx.selectFrom('meetings').select('notes').where('id', '=', meeting.id));
    const current = await locked.executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('note_lines')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('organization_id', '=', scope.org.id)
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirst();
    let position = Number(last?.position ?? 0);
    const saved: SavedLine[] = [];
    for (const captured of lines) {
      position += 1;
      const noteLine = await trx
        .insertInto('note_lines')
        .values({
          organization_id: scope.org.id,
          meeting_id: meeting.id,
          position,
          text: captured.line,
          author_id: actor.id,
          commitment_id: null,
          unresolved_owner: captured.steps[0]?.unresolvedOwner ?? null,
          coach: captured.coach ? JSON.stringify(captured.coach) : null,
          private: options.private ? 1 : 0,
          created_at: nowIso(scope),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const commitments: Commitment[] = [];
      for (const step of captured.steps) {
        const made = await createCommitment(trx, scope, actor, {
          what: step.what,
          owner: step.owner,
          unresolvedOwner: step.unresolvedOwner,
          due: step.due
            ? { kind: 'date', due: step.due }
            : step.vagueDue
              ? { kind: 'vague', text: step.vagueDue }
              : null,
          with: step.with,
          outcome: step.outcome,
          meetingId: meeting.id,
          planId,
          prerequisiteIds: [],
          needs: null,
          ask: null,
          followsId: null,
          noteLineId: noteLine.id,
        });
        commitments.push(made.commitment);
      }
      if (commitments[0]) {
        await trx
          .updateTable('note_lines')
          .set({ commitment_id: commitments[0].id })
          .where('id', '=', noteLine.id)
          .execute();
      }
      if (captured.coach) {
        await flagWords(
          trx,
          scope,
          actor,
          captured.line.trim(),
          'note',
          { meetingId: meeting.id, commitmentId: commitments[0]?.id ?? null },
          captured.coach,
        );
      }
      saved.push({ ...captured, commitments });
    }
    // The meeting's running text holds the lines everyone may read; private ones stay on their line.
    const added = text.replace(/\n+$/, '');
    if (!options.private) {
      await trx
        .updateTable('meetings')
        .set({ notes: current.notes ? `${current.notes}\n${added}` : added })
        .where('id', '=', meeting.id)
        .execute();
    }
    return { meeting, lines: saved };
  });
}

/** A meeting's notes, line by line, with what each became. */
export function noteLinesOf(scope: Scope, meetingId: number) {
  return scope.db
    .selectFrom('note_lines')
    .selectAll()
    .where('organization_id', '=', scope.org.id)
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}
