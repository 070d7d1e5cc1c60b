import type { Logger } from 'pino';

/** Waits `ms`, or less when `signal` aborts; the real one is a timer, tests move a manual clock. */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

export interface Loop {
  /** Finishes the round in hand, then stops; resolves once it has. */
  stop(): Promise<void>;
  /** Ends the wait in hand: there is work now (another loop wrote some). */
  wake(): void;
  /** Aborts when stopping: a long round gives up what it has not started. */
  readonly stopping: AbortSignal;
  /** Resolves when the loop has ended. */
  readonly stopped: Promise<void>;
}

export interface LoopOptions {
  /** What the log calls a failed round: "tick failed". */
  name: string;
  log: Logger;
  /** The longest it waits before looking again, whatever the round expects. */
  maxWaitMs: number;
  wait?: Wait | undefined;
  /** One round of work; resolves with how long until the next is worth running, in ms. */
  round: (signal: AbortSignal) => Promise<number>;
}

/**
 * Runs a round of work, waits as long as it asks (at most `maxWaitMs`, less when woken), and
 * again, until stopped. A round that fails (a database gone away) is tried again after a wait
 * that doubles each time, up to the longest.
 */
export function startLoop(options: LoopOptions): Loop {
  const { log, maxWaitMs, name } = options;
  const wait = options.wait ?? timerWait;
  const stopping = new AbortController();
  let nap = new AbortController();
  // Woken during a round: the next round runs at once, the work may have come after this one looked.
  let woken = false;
  let failures = 0;

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let delay: number;
      woken = false;
      try {
        delay = await options.round(stopping.signal);
        failures = 0;
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, `${name} failed`);
        delay = Math.min(maxWaitMs, 1000 * 2 ** (failures - 1));
      }
      if (stopping.signal.aborted) break;
      if (delay <= 0 || woken) continue;
      nap = new AbortController();
      await wait(Math.min(maxWaitMs, delay), AbortSignal.any([stopping.signal, nap.signal]));
    }
  };
  const stopped = loop();

  return {
    stop: async () => {
      stopping.abort();
      await stopped;
    },
    wake: () => {
      woken = true;
      nap.abort();
    },
    stopping: stopping.signal,
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
