import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { nextDueAt } from '../followups/followups.repository.js';
import { tick } from '../followups/tick.js';
import type { Clock } from '../shared/clock.js';
import { type Loop, startLoop, type Wait } from './loop.js';

export type { Wait } from './loop.js';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The longest it waits before looking again, whatever it expects. */
  maxWaitMs: number;
  wait?: Wait;
  /** Told when a tick wrote messages to the outbox (the sender then delivers them at once). */
  onWritten?: () => void;
  /** Where people reach the server: the answer links of follow-ups start with it. */
  publicUrl?: string | undefined;
}

export type Scheduler = Pick<Loop, 'stop' | 'stopped'>;

/** Never looks again sooner than this, so rows another process holds do not make it spin. */
const MIN_WAIT_MS = 200;

/**
 * The tick on a loop: it sends what is due, then waits until the next follow-up, reminder or
 * answer window is due, or `maxWaitMs` (a row written by another process since is found then).
 * Every send goes through the tick's claims, so several schedulers never send anything twice,
 * and one stopped part-way leaves nothing half done: it is the same work `ft tick` does.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, log } = options;
  return startLoop({
    name: 'tick',
    log,
    maxWaitMs: options.maxWaitMs,
    wait: options.wait,
    round: async (signal) => {
      const result = await tick(db, clock, { signal, publicUrl: options.publicUrl });
      if (result.sent || result.unanswered || result.reminded || result.renewed || result.digests) {
        log.info({ tick: result }, 'tick');
        options.onWritten?.();
      } else log.debug({ tick: result }, 'tick');
      const next = await nextDueAt(db);
      const delay = next === null ? options.maxWaitMs : Date.parse(next) - clock.now().getTime();
      return Math.max(MIN_WAIT_MS, delay);
    },
  });
}
