/**
 * The API under load: 50 clients at once (autocannon) on `ft serve` over an organization of a
 * million commitments on SQLite (100 managers with 10 sellers each), beside a bare Hono route
 * measured in the same run. Targets: p99 ≤ 20 ms, and the day at ≥ 50% of the bare route's
 * requests a second. The clients take gzip, as browsers, `fetch` and `ft` signed in do; each
 * route gets 2 s of load, unmeasured, first; the server's CPU time an answer is read from /proc.
 * Usage: npm run build && node --import tsx bench/api.ts [commitments] [seconds per route]
 * (API_BENCH_PROFILE=DIR writes a CPU profile of the server there.)
 * Prints a Markdown table; bench/api.md keeps the last run.
 */
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { bench, cpuMs } from './served.js';

const total = Number(process.argv[2] ?? 1_000_000);
const seconds = Number(process.argv[3] ?? 10);
const CONNECTIONS = 50;
const { seed, serve, tokenFor, stop } = bench();

interface Measured {
  p50: number;
  p99: number;
  rps: number;
  failed: number;
  /** The size of one answer, in bytes. */
  bytes: number;
  /** What one answer took on the wire, headers included, as the clients asked for it. */
  sent: number;
  /** The server's CPU time for each answer, in µs. */
  cpuUs: number | null;
}

/** What browsers, `fetch` and `ft` signed in send: they take gzip. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const cpuOf = (before: number | null, after: number | null, requests: number): number | null =>
  before === null || after === null || requests === 0 ? null : ((after - before) * 1000) / requests;

/** Seconds of load before each measured run, unmeasured: the server's code is compiled by then. */
const WARM_UP = 2;

async function load(server: ChildProcess, url: string, token?: string): Promise<Measured> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      headers: {
        'accept-encoding': ACCEPT_ENCODING,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  await run(WARM_UP);
  const before = cpuMs(server.pid);
  const result = await run(seconds);
  const one = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failed: result.non2xx + result.errors + result.timeouts,
    bytes: (await one.arrayBuffer()).byteLength,
    sent: result.throughput.total / Math.max(1, result.requests.total),
    cpuUs: cpuOf(before, cpuMs(server.pid), result.requests.total),
  };
}

try {
  const seeded = await seed(total);
  // API_BENCH_PROFILE=DIR: a CPU profile of the server, written there when it stops.
  const { url: api, bare, ft, bareServer } = await serve(process.env.API_BENCH_PROFILE);
  const [managerToken, sellerToken] = [
    await tokenFor(api, seeded.manager),
    await tokenFor(api, seeded.seller),
  ];

  const rows: [string, Measured][] = [];
  rows.push(['a bare Hono route (`GET /bare`), the anchor', await load(bareServer, `${bare}/bare`)]);
  rows.push([
    "the server's own health check (`GET /healthz`): its whole app, no data read",
    await load(ft, `${api}/healthz`),
  ]);
  rows.push([
    "a seller's day (`GET /api/v1/me/today`)",
    await load(ft, `${api}/api/v1/me/today`, sellerToken),
  ]);
  rows.push([
    "a manager's team, overdue (`GET /api/v1/commitments?team=…&overdue=true&limit=50`)",
    await load(
      ft,
      `${api}/api/v1/commitments?team=${encodeURIComponent(seeded.manager)}&overdue=true&limit=50`,
      managerToken,
    ),
  ]);
  rows.push([
    "a 1:1 agenda, the manager's with a seller (`GET /api/v1/people/{seller}/agenda`)",
    await load(ft, `${api}/api/v1/people/${encodeURIComponent(seeded.seller)}/agenda`, managerToken),
  ]);
  const anchor = rows[0]?.[1].rps ?? 1;

  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; SQLite, ${total.toLocaleString('en-US')} commitments (seeded in ${Math.round(seeded.seededMs / 1000)} s); ${CONNECTIONS} connections, ${seconds} s a route; load average ${loadavg()[0]?.toFixed(2)}.\n`,
  );
  console.log(
    '| route | answer | sent | p50 | p99 | requests/s | × bare | server CPU an answer | failed | p99 ≤ 20 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const [name, m] of rows) {
    console.log(
      `| ${name} | ${(m.bytes / 1024).toFixed(1)} KB | ${(m.sent / 1024).toFixed(1)} KB | ${m.p50} ms | ${m.p99} ms | ${Math.round(m.rps).toLocaleString('en-US')} | ${(m.rps / anchor).toFixed(2)} | ${m.cpuUs === null ? '?' : `${Math.round(m.cpuUs)} µs`} | ${m.failed} | ${m.p99 <= 20 ? 'PASS' : 'MISS'} |`,
    );
  }
} finally {
  stop();
}
