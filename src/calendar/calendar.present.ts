import { personJson } from '../commitments/commitments.present.js';
import type { AwayPeriod, Holiday, Person } from '../db/schema.js';
import type { MovedFollowUp } from '../followups/followups.scheduling.js';
import { formatId } from '../shared/ids.js';

/** Time away, as `ft away --json` and the API state it. */
export const awayJson = ({ away, person }: { away: AwayPeriod; person: Person | null }) => ({
  id: formatId('away', away.id),
  person: personJson(person),
  from: away.starts_on,
  until: away.ends_on,
  note: away.note,
});

/** Time away just recorded: the follow-ups that moved, and who was told. */
export const awayAddedJson = (result: {
  away: AwayPeriod;
  person: Person;
  moved: MovedFollowUp[];
  told: string[];
}) => ({
  ...awayJson(result),
  moved: result.moved.map((m) => ({
    followUp: formatId('follow_up', m.followUp.id),
    from: m.from,
    to: m.to,
  })),
  told: result.told,
});

export const holidayJson = (h: Holiday) => ({ date: h.date, name: h.name, source: h.source });
