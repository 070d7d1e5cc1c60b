/**
 * A receiving SMTP server for the benchmarks, in a process of its own so that it does not
 * share the sender's event loop: it takes every mail, reads it whole, and prints how many it
 * has on "count". Prints its port first. Run by bench/mail.ts.
 */
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'count') process.stdout.write(`${received}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
