import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { nextDueAt } from '../followups/followups.repository.js';
import { tick } from '../followups/tick.js';
import type { Clock } from '../shared/clock.js';

/** Waits `ms`, or less when `signal` aborts; the real one is a timer, tests move a manual clock. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The longest it waits before looking again, whatever it expects. */
  maxWaitMs: number;
  wait?: Wait;
}

export interface Scheduler {
  /** Finishes the batch in hand, then stops; resolves once it has. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended. */
  readonly stopped: Promise<void>;
}

/** Never looks again sooner than this, so rows another process holds do not make it spin. */
const MIN_WAIT_MS = 200;

/**
 * The tick on a loop: it sends what is due, then waits until the next follow-up, reminder or
 * answer window is due, or `maxWaitMs` (a row written by another process since is found then).
 * Every send goes through the tick's claims, so several schedulers never send anything twice,
 * and one stopped part-way leaves nothing half done: it is the same work `ft tick` does.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, log, maxWaitMs } = options;
  const wait = options.wait ?? timerWait;
  const stopping = new AbortController();
  let failures = 0;

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let delay: number;
      try {
        const result = await tick(db, clock, { signal: stopping.signal });
        if (result.sent || result.unanswered || result.reminded) log.info({ tick: result }, 'tick');
        else log.debug({ tick: result }, 'tick');
        failures = 0;
        const next = await nextDueAt(db);
        delay = next === null ? maxWaitMs : Date.parse(next) - clock.now().getTime();
      } catch (error) {
        // A database that went away comes back: wait longer each time, up to the longest wait.
        failures += 1;
        log.error({ err: error, failures }, 'tick failed');
        delay = Math.min(maxWaitMs, 1000 * 2 ** (failures - 1));
      }
      if (stopping.signal.aborted) break;
      await wait(Math.min(maxWaitMs, Math.max(MIN_WAIT_MS, delay)), stopping.signal);
    }
  };
  const stopped = loop();

  return {
    stop: async () => {
      stopping.abort();
      await stopped;
    },
    stopped,
  };
}

const timerWait: Wait = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
