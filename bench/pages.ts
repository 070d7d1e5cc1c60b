/**
 * The web app's main pages at a million commitments on SQLite (the organization of
 * bench/served.ts): the manager's day, their 1:1's meeting page, their team page and their
 * insights, beside a bare Hono route measured in the same run. "Server time" is the latency
 * one client at a time sees (nothing queued), the bare route giving what the loopback and the
 * framework cost; a second run with 10 clients at once shows the pages under load. Pages are
 * computed for each request: the API's kept answers do not serve them. Target (issue "The web
 * app"): p99 ≤ 30 ms.
 * Usage: npm run build && node --import tsx bench/pages.ts [commitments] [seconds per route]
 * Prints a Markdown table; bench/pages.md keeps the last run.
 */
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { bench } from './served.js';

const total = Number(process.argv[2] ?? 1_000_000);
const seconds = Number(process.argv[3] ?? 10);
const { seed, serve, tokenFor, stop } = bench();

interface Measured {
  p50: number;
  p99: number;
  max: number;
  rps: number;
  loadedP99: number;
  failed: number;
  bytes: number;
}

async function measure(url: string, token?: string): Promise<Measured> {
  const headers = { accept: 'text/html', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const first = await fetch(url, { headers });
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const run = (connections: number, duration: number) => autocannon({ url, connections, duration, headers });
  await run(1, 2);
  const alone = await run(1, seconds);
  const loaded = await run(10, seconds);
  return {
    p50: alone.latency.p50,
    p99: alone.latency.p99,
    max: alone.latency.max,
    rps: alone.requests.average,
    loadedP99: loaded.latency.p99,
    failed: alone.non2xx + alone.errors + alone.timeouts + loaded.non2xx + loaded.errors + loaded.timeouts,
    bytes,
  };
}

try {
  const seeded = await seed(total);
  const { url, bare } = await serve();
  const manager = await tokenFor(url, seeded.manager);
  const rows: [string, Measured][] = [
    ['a bare Hono route (`GET /bare`), the anchor', await measure(`${bare}/bare`)],
    ["the manager's day (`GET /`)", await measure(`${url}/`, manager)],
    [
      "the meeting page of the manager's 1:1 with a seller, its agenda and notes (`GET /m/{id}`)",
      await measure(`${url}/m/${seeded.meetingId}`, manager),
    ],
    ['the team page, ten sellers (`GET /team`)', await measure(`${url}/team`, manager)],
    ["the team's insights, twelve weeks (`GET /insights`)", await measure(`${url}/insights`, manager)],
  ];
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; SQLite, ${total.toLocaleString('en-US')} commitments (seeded in ${Math.round(seeded.seededMs / 1000)} s); one client at a time for ${seconds} s a route, then 10 at once; load average ${loadavg()[0]?.toFixed(2)}.\n`,
  );
  console.log(
    '| page | answer | p50 | p99 | max | requests/s, one client | p99, 10 clients | failed | p99 ≤ 30 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const [name, m] of rows) {
    console.log(
      `| ${name} | ${(m.bytes / 1024).toFixed(1)} KB | ${m.p50} ms | ${m.p99} ms | ${m.max} ms | ${Math.round(m.rps).toLocaleString('en-US')} | ${m.loadedP99} ms | ${m.failed} | ${m.p99 <= 30 ? 'PASS' : 'MISS'} |`,
    );
  }
} finally {
  stop();
}
