import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { type Loop, startLoop, type Wait } from '../server/loop.js';
import type { Clock } from '../shared/clock.js';
import { DELIVERY_BATCH, deliverDue } from './mail.delivery.js';

/** How many messages go out at once: the pool's connections. */
export const SEND_CONNECTIONS = 5;
/** The longest it waits before looking again: a wrap-up written by a request goes out within it. */
const LOOK_AGAIN_MS = 1000;
/** How long the messages in flight may take once the sender is asked to stop. */
const DRAIN_MS = 10_000;

/**
 * The transport for SMTP_URL: a pool of connections kept open between messages, with
 * timeouts well inside a lease, so a slow server cannot keep a message leased past it.
 */
export function mailTransport(smtpUrl: string): Transporter {
  return createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: SEND_CONNECTIONS,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 30_000,
  } as Parameters<typeof createTransport>[0]);
}

export interface SenderOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  transport: Transporter;
  from: string;
  /** Where replies to follow-ups go, when the inbound listener runs. */
  replyDomain?: string | undefined;
  wait?: Wait;
}

export type Sender = Pick<Loop, 'stop' | 'stopped' | 'wake'>;

/**
 * Delivers the outbox on a loop of its own, beside the scheduler's: a slow mail server holds
 * the sender, never the follow-ups being written. A full batch is followed by the next at
 * once; otherwise it looks again within a second, or at once when woken (the tick wrote messages).
 * Asked to stop, it sends nothing more, lets the messages in flight finish (cut off after
 * DRAIN_MS, to be tried again), and closes its connections.
 */
export function startSender(options: SenderOptions): Sender {
  const { log, transport } = options;
  const loop = startLoop({
    name: 'delivery',
    log,
    maxWaitMs: LOOK_AGAIN_MS,
    wait: options.wait,
    round: async (signal) => {
      const result = await deliverDue(options, { signal, concurrency: SEND_CONNECTIONS });
      if (result.taken > 0) log.info({ delivery: result }, 'delivery');
      const more = result.taken >= DELIVERY_BATCH || result.handedBack > 0;
      return more && !signal.aborted ? 0 : LOOK_AGAIN_MS;
    },
  });
  return {
    wake: loop.wake,
    stopped: loop.stopped,
    stop: async () => {
      const cutOff = setTimeout(() => transport.close(), DRAIN_MS);
      await loop.stop();
      clearTimeout(cutOff);
      transport.close();
    },
  };
}
