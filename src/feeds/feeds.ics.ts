import ical from 'ical-generator';
import { formatId } from '../shared/ids.js';

export interface FeedContent {
  /** Whose calendar: its name reads "Followthrough: NAME". */
  name: string;
  steps: { id: number; what: string; outcome: string | null; due_date: string | null }[];
  followUps: { id: number; fire_at: string; commitment_id: number; what: string; owner_name: string }[];
}

/** How long a follow-up's event lasts in the calendar of whoever hears its answer. */
const FOLLOW_UP_MINUTES = 15;

/**
 * The iCalendar text of a feed, in UTC only (the generator's zones are not to be trusted): an
 * all-day event on each step's due date, and a short one at each follow-up's time. Each event's
 * UID is made from its row's id and its organization's, so a calendar that reads the feed again
 * moves the event when its date moves, instead of adding another.
 */
export function icsOf(content: FeedContent, options: { organizationId: number; now: Date }): string {
  const calendar = ical({
    name: `Followthrough: ${content.name}`,
    prodId: { company: 'Followthrough', product: 'Followthrough', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const step of content.steps) {
    if (!step.due_date) continue;
    calendar.createEvent({
      id: `commitment-${step.id}.${options.organizationId}@followthrough`,
      stamp: options.now,
      start: new Date(`${step.due_date}T00:00:00Z`),
      allDay: true,
      summary: step.what,
      description: [
        step.outcome ? `Outcome: ${step.outcome}` : null,
        `Followthrough ${formatId('commitment', step.id)}`,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  for (const followUp of content.followUps) {
    const start = new Date(followUp.fire_at);
    calendar.createEvent({
      id: `follow-up-${followUp.id}.${options.organizationId}@followthrough`,
      stamp: options.now,
      start,
      end: new Date(start.getTime() + FOLLOW_UP_MINUTES * 60_000),
      summary: `Follow up with ${followUp.owner_name}: ${followUp.what}`,
      description: `How did it go? ${followUp.owner_name} is asked today.\nFollowthrough ${formatId('commitment', followUp.commitment_id)}`,
    });
  }
  return calendar.toString();
}
