import { invalid } from './errors.js';
import { quoted } from './text.js';
import { parseIsoInstant } from './time.js';

/** The one place the product reads the time; tests and demos pass a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === 'string' ? parseInstant(at, '--now (FOLLOWTHROUGH_NOW)') : at;
  return { now: () => new Date(instant.getTime()) };
}

/** A clock that tests move forward explicitly; it never advances by itself. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = typeof start === 'string' ? parseInstant(start, 'now') : start;
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = typeof at === 'string' ? parseInstant(at, 'now') : at;
  }
}

/** An ISO-8601 instant with an explicit offset: a clock setting must not depend on the machine's zone. */
export function parseInstant(value: string, setting: string): Date {
  const instant = parseIsoInstant(value);
  if (!instant) {
    throw invalid(
      'invalid_instant',
      `${setting} must be an ISO-8601 instant with a zone, like 2026-11-30T14:00:00Z or 2026-11-30T09:00-05:00 (got ${quoted(value)}).`,
    );
  }
  // Instants are stored as text that must sort by time: four-digit years only.
  if (instant.getUTCFullYear() < 2000 || instant.getUTCFullYear() > 9000) {
    throw invalid(
      'invalid_instant',
      `${setting} must be a time between the years 2000 and 9000 (got ${quoted(value)}).`,
    );
  }
  return instant;
}
