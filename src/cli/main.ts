import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { runCli } from './program.js';

/**
 * A reader that stops early (`ft list | head -1`) closes the pipe; writing on is pointless but
 * no failure: the command finishes its work, saves it, and exits with its own status.
 */
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    closed[name] = true;
  });
}

void runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (!closed.stdout) process.stdout.write(text);
  },
  stderr: (text) => {
    if (!closed.stderr) process.stderr.write(text);
  },
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stopSignal: () => {
    // Asked once, the command finishes what it has in hand; asked again, it ends at once
    // (a batch cut short is rolled back, and sent again by whichever process ticks next).
    const stop = new AbortController();
    for (const name of ['SIGTERM', 'SIGINT'] as const) {
      process.on(name, () => {
        if (stop.signal.aborted) process.exit(name === 'SIGINT' ? 130 : 143);
        stop.abort();
      });
    }
    return stop.signal;
  },
  readStdin: async () => {
    if (process.stdin.isTTY) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  askSecret: async (prompt) => {
    if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
    process.stderr.write(prompt);
    // What is typed is read, never echoed.
    const unseen = new Writable({ write: (_chunk, _encoding, done) => done() });
    const reader = createInterface({ input: process.stdin, output: unseen, terminal: true });
    // Ctrl-C or Ctrl-D gives no password: the command says so and ends.
    const answer = await new Promise<string | null>((resolve) => {
      reader.question('', resolve);
      reader.on('SIGINT', () => reader.close());
      reader.on('close', () => resolve(null));
    });
    reader.close();
    process.stderr.write('\n');
    return answer;
  },
}).then((code) => {
  process.exitCode = code;
});
