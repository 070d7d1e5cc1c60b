import { commitmentJson, followUpJson } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import { teamFlags } from './today.rules.js';
import type { Day } from './today.usecases.js';

/** A person's day as `ft --json` prints it and the API answers it. */
export function dayJson(day: Day) {
  return {
    person: { name: day.person.name, email: day.person.email },
    date: day.date,
    totals: day.totals,
    overdue: day.overdue.map(commitmentJson),
    dueToday: day.dueToday.map(commitmentJson),
    comingUp: day.comingUp.map(commitmentJson),
    toAnswer: day.toAnswer.map((a) => ({ ...followUpJson(a.followUp), what: a.commitment.what })),
    answers: day.answers.map((a) => ({
      ...followUpJson(a.followUp),
      what: a.commitment.what,
      answerer: a.answerer?.email ?? null,
    })),
    wrapupsOwed: day.wrapupsOwed.map((m) => ({
      id: formatId('meeting', m.id),
      kind: m.kind,
      with: m.with,
      endedAt: m.ended_at,
      wrapupDueAt: m.wrapup_due_at,
    })),
    team: day.team.map(({ person, flags }) => ({
      person: { name: person.name, email: person.email },
      ...Object.fromEntries(
        teamFlags.map((f) => [
          f,
          { count: flags[f].count, ids: flags[f].ids.map((id) => formatId('commitment', id)) },
        ]),
      ),
    })),
  };
}
