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
  /** Decides the answer to each recipient in turn; null takes it. */
  answer: (to: string) => Refusal | null;
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
    answer: () => null,
    stop: async () => {},
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
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          smtp.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  smtp.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return smtp;
}
