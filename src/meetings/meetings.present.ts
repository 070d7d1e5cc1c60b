import { agendaJson } from '../agendas/agendas.present.js';
import type { AgendaResult } from '../agendas/agendas.usecases.js';
import { coachJson } from '../coach/coach.present.js';
import { commitmentJson, personJson } from '../commitments/commitments.present.js';
import type { Meeting, Person, Series } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import type { meetingView } from './meetings.view.js';

/** A meeting just started, with the agenda it starts with (a series' or a plan's), as `ft meeting start --json`. */
export function startedJson(
  started: { meeting: Meeting; series: Series | null; attendees: Person[] },
  agenda: AgendaResult | null,
) {
  return {
    id: formatId('meeting', started.meeting.id),
    kind: started.meeting.kind,
    startsAt: started.meeting.starts_at,
    series: started.series ? { id: formatId('series', started.series.id), name: started.series.name } : null,
    attendees: started.attendees.map(personJson),
    agenda: agenda ? agendaJson(agenda) : null,
  };
}

/** One meeting of a list, as `ft meeting list --json`. */
export const meetingRowJson = (row: { meeting: Meeting; attendees: Person[]; commitments: number }) => ({
  id: formatId('meeting', row.meeting.id),
  kind: row.meeting.kind,
  startsAt: row.meeting.starts_at,
  endedAt: row.meeting.ended_at,
  series: row.meeting.series_id ? formatId('series', row.meeting.series_id) : null,
  plan: row.meeting.plan_id ? formatId('plan', row.meeting.plan_id) : null,
  attendees: row.attendees.map(personJson),
  commitments: row.commitments,
  wrapupSentAt: row.meeting.wrapup_sent_at,
});

/** A meeting ended: when its wrap-up is due. */
export const endedJson = (m: Meeting) => ({
  id: formatId('meeting', m.id),
  endedAt: m.ended_at,
  wrapupDueAt: m.wrapup_due_at,
});

/** A meeting as `ft meeting show --json`: its notes (private ones to their author only) and commitments. */
export function meetingDetailJson(view: Awaited<ReturnType<typeof meetingView>>) {
  return {
    id: formatId('meeting', view.meeting.id),
    kind: view.meeting.kind,
    startsAt: view.meeting.starts_at,
    endedAt: view.meeting.ended_at,
    attendees: view.attendees.map(personJson),
    notes: view.lines.map((l) => ({
      line: l.line,
      private: l.private,
      commitment: l.steps[0] ? commitmentJson(l.steps[0].view) : null,
      ...(l.steps.length > 1 ? { also: l.steps.slice(1).map((s) => commitmentJson(s.view)) } : {}),
      unresolvedOwner: l.steps[0]?.unresolvedOwner ?? null,
      candidates: (l.steps[0]?.candidates ?? []).map(personJson),
      coach: coachJson(l.coach),
    })),
    commitments: view.others.map(commitmentJson),
  };
}
