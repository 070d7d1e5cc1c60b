/**
 * Delivery of the outbox to a loopback SMTP server (bench/smtp-sink.ts, in its own process):
 * messages a second with the sender's pool of connections, on SQLite and, when DATABASE_URL
 * names an empty PostgreSQL database, on PostgreSQL. Each run checks that the server took
 * every message once and that every row is marked delivered. Target: ≥ 500 messages a second.
 * Then mail in: `friday@` mails to the inbound listener, each read and made a step (mails/s).
 * Usage: node --import tsx bench/mail.ts [messages]. bench/mail.md keeps the last run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { type Db, migrate, openDatabase } from '../src/db/database.js';
import { deliverDue } from '../src/mail/mail.delivery.js';
import { startInbound } from '../src/mail/mail.inbound.js';
import { mailTransport, SEND_CONNECTIONS } from '../src/mail/mail.sender.js';
import { ensureOrganization } from '../src/organizations/organizations.usecases.js';
import { enqueue } from '../src/outbox/outbox.repository.js';
import { addPerson } from '../src/people/people.usecases.js';
import { fixedClock } from '../src/shared/clock.js';

const total = Number(process.argv[2] ?? 5000);
/** Measured this many times in a row, each over `total` messages: the table gives each, and their median. */
const RUNS = 3;
/** Delivered first, unmeasured: a sender that has run a while, as a server's has. */
const WARM_UP = 2000;
const NOW = '2026-11-30T15:00:00.000Z';
const sink = fileURLToPath(new URL('./smtp-sink.ts', import.meta.url));

/** The sink's process: its port, and a way to ask how many mails it took. */
async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', sink], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const port = Number(await next());
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: async () => {
      const answer = next();
      child.stdin.write('count\n');
      return Number(await answer);
    },
    stop: () => {
      child.stdin.end();
      return new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

/** `total` messages of a typical follow-up's size, to one seller. */
async function seed(db: Db): Promise<void> {
  await migrate(db);
  const clock = fixedClock(NOW);
  const org = await ensureOrganization(db, clock, 'America/New_York');
  const dana = await addPerson(
    { db, clock, org, actor: null },
    { name: 'Dana Ruiz', email: 'dana@bench.example' },
  );
  const body = `Hi Dana,\n\nHow did it go? What's next?\n\nSend revised pricing to Acme (with Sam Patel)\nOutcome: a signed order form\nDue: Fri 27 Nov\n\n${'Answer with done, partly or not done. '.repeat(8)}`;
  for (let i = 0; i < WARM_UP + RUNS * total; i += 500) {
    await enqueue(
      db,
      org.id,
      NOW,
      Array.from({ length: Math.min(500, WARM_UP + RUNS * total - i) }, (_, j) => ({
        kind: 'follow_up',
        idempotency_key: `bench:${i + j}`,
        recipient_id: dana.id,
        recipient_email: dana.email,
        subject: `How did it go? Send revised pricing (${i + j})`,
        body,
        late: 0,
      })),
    );
  }
}

async function run(label: string, db: Db): Promise<string> {
  await seed(db);
  const smtp = await startSink();
  const transport = mailTransport(smtp.url);
  const deps = {
    db,
    clock: fixedClock(NOW),
    log: pino({ level: 'silent' }),
    transport,
    from: 'Followthrough <ft@bench.example>',
  };
  let warm = 0;
  while (warm < WARM_UP)
    warm += (await deliverDue(deps, { concurrency: SEND_CONNECTIONS, batch: WARM_UP - warm })).delivered;
  const runs: { rate: number; cpu: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    let delivered = 0;
    while (delivered < total) {
      const result = await deliverDue(deps, {
        concurrency: SEND_CONNECTIONS,
        batch: Math.min(100, total - delivered),
      });
      if (result.delivered !== result.taken) throw new Error(`${label}: ${JSON.stringify(result)}`);
      delivered += result.delivered;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStarted);
    runs.push({ rate: total / seconds, cpu: (cpu.user + cpu.system) / total });
  }
  transport.close();
  const received = await smtp.count();
  await smtp.stop();
  const marked = await db
    .selectFrom('outbox')
    .select(sql<number>`count(*)`.as('n'))
    .where('delivered_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const all = WARM_UP + RUNS * total;
  if (received !== all || Number(marked.n) !== all) {
    throw new Error(`${label}: received ${received}, marked ${marked.n} of ${all}`);
  }
  const rates = runs.map((r) => Math.round(r.rate)).sort((a, b) => a - b);
  const rate = rates[Math.floor(RUNS / 2)] as number;
  const perMessage = Math.round(runs.map((r) => r.cpu).sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number);
  return `| ${label} | ${RUNS} × ${total.toLocaleString('en-US')} | ${rates.map((r) => r.toLocaleString('en-US')).join(', ')} | ${rate.toLocaleString('en-US')}/s | ${perMessage} µs | ${rate >= 500 ? 'yes' : 'no'} |`;
}

/** How many mails the inbound listener is sent in a run. */
const INBOUND = 2000;

/**
 * Mail in: `friday@` mails from a member, each read (mailparser) and made a step of theirs, sent
 * over five pooled connections from this same process. Checks that each made one step.
 */
async function inbound(label: string, db: Db): Promise<string> {
  const clock = fixedClock(NOW);
  const listener = await startInbound({
    db,
    clock,
    log: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
  });
  const client = createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: SEND_CONNECTIONS,
  } as Parameters<typeof createTransport>[0]);
  const count = async () =>
    Number(
      (await db.selectFrom('commitments').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
    );
  const before = await count();
  const text = `Can you look at this before Friday?\n\n${'> quoted thread line, as forwarded mail has\n'.repeat(20)}`;
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: SEND_CONNECTIONS }, async () => {
      for (let i = next++; i < INBOUND; i = next++) {
        await client.sendMail({
          from: 'dana@bench.example',
          to: 'friday@bench.example',
          subject: `Fwd: Question ${i} from Acme`,
          text,
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  await listener.stop();
  const made = (await count()) - before;
  if (made !== INBOUND) throw new Error(`${label}: ${made} steps made from ${INBOUND} mails`);
  return `| ${label} | ${INBOUND.toLocaleString('en-US')} | ${seconds.toFixed(2)} s | ${Math.round(INBOUND / seconds).toLocaleString('en-US')}/s |`;
}

const rows: string[] = [];
const inboundRows: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-mail-'));
try {
  const sqlite = openDatabase({ dataDir, databaseUrl: undefined }, { create: true });
  rows.push(await run('SQLite', sqlite));
  inboundRows.push(await inbound('SQLite', sqlite));
  await sqlite.destroy();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const pg = openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL }, { create: false });
  rows.push(await run('PostgreSQL', pg));
  inboundRows.push(await inbound('PostgreSQL', pg));
  await pg.destroy();
}

console.log(`Delivery to a loopback SMTP server (smtp-server in its own process), ${SEND_CONNECTIONS} pooled connections,
after ${WARM_UP.toLocaleString('en-US')} delivered unmeasured, on ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}. Target: ≥ 500 messages a second.

| database | messages | each run, a second | median | sender CPU a message | ≥ 500/s |
| --- | ---: | ---: | ---: | ---: | :---: |
${rows.join('\n')}

Mail in: \`friday@\` mails from a member to the listener (\`ft serve --smtp-port\`), each read and made a
step of theirs, sent over ${SEND_CONNECTIONS} pooled connections from the same process.

| database | mails | took | mails a second |
| --- | ---: | ---: | ---: |
${inboundRows.join('\n')}`);
