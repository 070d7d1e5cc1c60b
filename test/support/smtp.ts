import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A refusal the server gives to a recipient: its code and text. */
export interface Refusal {
  code: number;
  text: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:PORT */
  url: string;
  /** Every mail the server took, parsed. */
  received: ParsedMail[];
  /** The recipients each mail the server took was sent to (its envelope, not its headers). */
  envelopes: string[][];
  /** Decides the answer to each recipient in turn; null takes it. */
  answer: (to: string) => Refusal | null;
  /** While set, every mail's data waits for it before the server answers: a slow server. */
  gate: Promise<void> | null;
  /** How many mails have started sending their data. */
  arriving: number;
  /** Resolves once `ready()` holds, looked at each time a mail starts or ends arriving. */
  until(ready: () => boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (`smtp-server`) on a free port of 127.0.0.1 that keeps what it is sent,
 * parsed with `mailparser`, and answers each recipient as the test says.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const smtp: TestSmtp = {
    url: '',
    received: [],
    envelopes: [],
    answer: () => null,
    gate: null,
    arriving: 0,
    until: (ready) =>
      new Promise((resolve) => {
        if (ready()) return resolve();
        waiting.push(() => {
          if (!ready()) return false;
          resolve();
          return true;
        });
      }),
    stop: async () => {},
  };
  let waiting: (() => boolean)[] = [];
  const changed = () => {
    waiting = waiting.filter((done) => !done());
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = smtp.answer(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.text) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, session, callback) {
      smtp.arriving += 1;
      changed();
      Promise.all([simpleParser(stream), smtp.gate])
        .then(([mail]) => {
          smtp.received.push(mail);
          smtp.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
          changed();
        })
        .catch(callback);
    },
  });
  // A client that dies mid-mail resets its connection, or is gone when the server answers:
  // the server drops that mail and goes on.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  smtp.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return smtp;
}
