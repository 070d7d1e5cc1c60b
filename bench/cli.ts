/**
 * What a command of the built `ft` costs: the CPU time (user + system) of each run as its own
 * process, beside `node -e 0` measured in the same rounds, on a team with 100,000 open
 * commitments in SQLite; and, with 10,000, beside Taskwarrior's equivalents when `task` is
 * installed. Targets: each command within 2× `node -e 0`; no slower than Taskwarrior.
 * Usage: npm run build && node --import tsx bench/cli.ts [runs] (default 15).
 * Prints Markdown tables; bench/cli.md keeps the last run. BENCH_KEEP=1 keeps the seeded folders.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { createDays, dropDays, seedCommitments, seedMeetings } from './seed.js';

const runs = Number(process.argv[2] ?? 15);
const NOW = '2026-11-24T15:00:00.000Z'; // a Tuesday, 10:00 in New York
const ZONE = 'America/New_York';
const program = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(program)) throw new Error('Build the program first: npm run build');

const manager = { name: 'Mara Chen', email: 'mara@northwind.example' };
const sellers = [
  'Dana Ruiz',
  'Sam Okafor',
  'Priya Nair',
  'Tom Becker',
  'Lena Vogel',
  'Omar Haddad',
  'Kim Tanaka',
  'Ana Souza',
  'Ben Walsh',
  'Eva Lind',
].map((name) => ({ name, email: `${name.split(' ')[0]?.toLowerCase()}@northwind.example` }));
/** Due dates spread from 30 days ago to 89 days ahead: a quarter of the open work is overdue. */
const FIRST_DAY = -30;
const LAST_DAY = 89;

const work = mkdtempSync(join(tmpdir(), 'ft-bench-cli-'));
const { DATABASE_URL: _ignored, FOLLOWTHROUGH_AS: _actor, ...baseEnv } = process.env;
const ftEnv = (dataDir: string) => ({
  ...baseEnv,
  FOLLOWTHROUGH_DATA: dataDir,
  FOLLOWTHROUGH_NOW: NOW,
  FOLLOWTHROUGH_TIME_ZONE: ZONE,
});

interface Case {
  label: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

const ft = (dataDir: string, ...args: string[]): Case => ({
  label: `ft ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`.trim(),
  argv: [process.execPath, program, ...args],
  env: ftEnv(dataDir),
});
const anchor: Case = { label: 'node -e 0', argv: [process.execPath, '-e', '0'], env: baseEnv };

/** Runs a case once, with its output read, and fails unless it succeeds; returns the lines it printed. */
function check(c: Case): number {
  const result = spawnSync(c.argv[0] as string, c.argv.slice(1), {
    env: c.env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`${c.label} exited ${result.status}: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean).length;
}

/**
 * The CPU seconds (user + system) of one run, for the whole life of the process, as the kernel
 * accounts for a finished child: bash's `times` prints it after waiting. The same wrapper for
 * every program, so `node -e 0`, `ft` and `task` are measured alike. Output goes to /dev/null.
 */
function cpu(c: Case): number {
  const script = '"$@" </dev/null >/dev/null 2>&1; status=$?; times; exit $status';
  const result = spawnSync('bash', ['-c', script, 'bench', ...c.argv], { env: c.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${c.label} exited ${result.status}`);
  const children = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(result.stdout.trim().split('\n')[1] ?? '');
  if (!children) throw new Error(`unexpected output of times: ${result.stdout}`);
  const [, um, us, sm, ss] = children.map(Number) as number[];
  return (um as number) * 60 + (us as number) + (sm as number) * 60 + (ss as number);
}

interface Sample {
  median: number;
  min: number;
  lines: number;
}

/** Every case once per round, rounds after rounds, so that a slow moment hits them all alike. */
function measure(cases: Case[]): Map<Case, Sample> {
  const lines = new Map(cases.map((c) => [c, check(c)]));
  const seconds = new Map<Case, number[]>(cases.map((c) => [c, []]));
  for (let round = 0; round < runs; round++) for (const c of cases) seconds.get(c)?.push(cpu(c));
  return new Map(
    cases.map((c) => {
      const sorted = (seconds.get(c) as number[]).sort((a, b) => a - b);
      return [
        c,
        {
          median: sorted[Math.floor(sorted.length / 2)] as number,
          min: sorted[0] as number,
          lines: lines.get(c) as number,
        },
      ];
    }),
  );
}

/** A data folder made by `ft init` and `ft person add`, then `count` open commitments written by SQL. */
async function teamFolder(count: number): Promise<string> {
  const dataDir = join(work, `ft-${count}`);
  const run = (...args: string[]) => check(ft(dataDir, ...args));
  run('init');
  run('person', 'add', manager.name, '--email', manager.email, '--tz', ZONE);
  for (const s of sellers)
    run('person', 'add', s.name, '--email', s.email, '--manager', manager.email, '--tz', ZONE);
  const db = openDatabase({ dataDir });
  try {
    const people = await db.selectFrom('people').select(['id', 'email', 'organization_id']).execute();
    const idOf = (email: string) => people.find((p) => p.email === email)?.id as number;
    const owner = sql<number>`case n.i % ${sql.lit(sellers.length)} ${sql.join(
      sellers.map((s, k) => sql`when ${sql.lit(k)} then ${sql.lit(idOf(s.email))}`),
      sql` `,
    )} end`;
    const orgId = people[0]?.organization_id as number;
    await createDays(db, NOW, ZONE, FIRST_DAY - 5, LAST_DAY + 1);
    await seedCommitments(db, {
      orgId,
      count,
      owner,
      delegator: sql<number>`${sql.lit(idOf(manager.email))}`,
      from: FIRST_DAY,
      to: LAST_DAY,
      history: false,
      now: NOW,
    });
    await seedMeetings(db, orgId, 4, NOW);
    await dropDays(db);
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
  return dataDir;
}

/** A Taskwarrior data folder with the same tasks: one project per seller, the same spread of due dates. */
function taskwarrior(count: number): NodeJS.ProcessEnv | null {
  const version = spawnSync('task', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return null;
  // A home of its own, as a user's: ~/.taskrc and ~/.task, no overrides to announce.
  const home = join(work, 'home');
  mkdirSync(join(home, '.task'), { recursive: true });
  writeFileSync(
    join(home, '.taskrc'),
    `data.location=${join(home, '.task')}\nconfirmation=no\nhooks=off\nnews.version=2.6.0\n`,
  );
  const { TASKRC: _rc, TASKDATA: _data, ...rest } = baseEnv;
  const env = { ...rest, HOME: home };
  // Taskwarrior has no clock to set: its dates are placed around the real today, as ft's are around NOW.
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const today = Date.now();
  const tasks = Array.from({ length: count }, (_, k) => {
    const i = k + 1;
    const day = FIRST_DAY + (((i * 7919) % 10007) % (LAST_DAY - FIRST_DAY + 1));
    const seller = sellers[i % sellers.length] as { email: string };
    return {
      uuid: randomUUID(),
      status: 'pending',
      description: `Next step ${i}`,
      project: seller.email.split('@')[0],
      entry: stamp(today + (day - 14) * 86_400_000),
      due: stamp(today + day * 86_400_000),
    };
  });
  const file = join(work, 'tasks.json');
  writeFileSync(file, JSON.stringify(tasks));
  const imported = spawnSync('task', ['import', file], { env, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`task import failed: ${imported.stderr}`);
  return env;
}

/** The machine may be shared: its load beside the numbers says how quiet it was. */
const load = () => `Load average ${loadavg()[0]?.toFixed(2)}.`;
const ms = (s: number) => `${Math.round(s * 1000)} ms`;
const cell = (s: Sample) => `${ms(s.median)} (${ms(s.min)})`;

try {
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; CPU time = user + system of the whole process; median (min) of ${runs} runs. ${load()}\n`,
  );

  const big = await teamFolder(100_000);
  const dana = sellers[0]?.email as string;
  const cases = [
    ft(big, '--help'),
    ft(big),
    ft(big, '--as', dana),
    ft(big, 'list', '--owner', 'dana', '--overdue'),
    ft(big, 'commit', 'Send the revised pricing', '--owner', 'dana', '--due', '2026-12-04'),
    ft(big, 'commit', 'Call Acme finance', '--owner', 'dana', '--due', 'friday'),
    ft(big, 'stats'),
  ];
  const result = measure([anchor, ...cases]);
  const base = result.get(anchor) as Sample;
  console.log(
    '100,000 open commitments in one team (a manager, 10 sellers), SQLite. Target: CPU within 2× `node -e 0`.\n',
  );
  console.log('| command | lines out | CPU | `node -e 0` | × `node -e 0` | ≤ 2× |');
  console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const c of cases) {
    const s = result.get(c) as Sample;
    const ratio = s.median / base.median;
    console.log(
      `| \`${c.label}\` | ${s.lines.toLocaleString('en')} | ${cell(s)} | ${cell(base)} | ${ratio.toFixed(2)}× | ${ratio <= 2 ? 'PASS' : 'MISS'} |`,
    );
  }

  const small = await teamFolder(10_000);
  const task = taskwarrior(10_000);
  if (!task) {
    console.log('\nTaskwarrior (`task`) is not installed: the comparison at 10,000 is skipped.');
  } else {
    const tw = (...args: string[]): Case => ({
      label: `task ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`,
      argv: ['task', ...args],
      env: task,
    });
    const pairs: [string, Case, Case][] = [
      [
        'overdue for one seller',
        ft(small, 'list', '--owner', 'dana', '--overdue'),
        tw('project:dana', '+OVERDUE', 'list'),
      ],
      ['counts', ft(small, 'stats'), tw('count')],
      [
        'add one',
        ft(small, 'commit', 'Send the revised pricing', '--owner', 'dana', '--due', '2026-12-04'),
        tw('add', 'Send the revised pricing', 'project:dana', 'due:2026-12-04'),
      ],
    ];
    const compared = measure([anchor, ...pairs.flatMap(([, a, b]) => [a, b])]);
    const zero = compared.get(anchor) as Sample;
    const version = spawnSync('task', ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(
      `\n10,000 open commitments in the same kind of team, SQLite; Taskwarrior ${version} with the same 10,000 tasks (a project per seller). Target: ft no slower than Taskwarrior.\n`,
    );
    console.log('| what | ft | CPU | Taskwarrior | CPU | `node -e 0` | ft ÷ task | ≤ task |');
    console.log('| --- | --- | ---: | --- | ---: | ---: | ---: | :---: |');
    for (const [what, a, b] of pairs) {
      const x = compared.get(a) as Sample;
      const y = compared.get(b) as Sample;
      const ratio = x.median / y.median;
      console.log(
        `| ${what} | \`${a.label}\` | ${cell(x)} | \`${b.label}\` | ${cell(y)} | ${cell(zero)} | ${ratio.toFixed(2)} | ${ratio <= 1 ? 'PASS' : 'MISS'} |`,
      );
    }
  }
  console.log(`\n${load()}`);
} finally {
  // BENCH_KEEP=1 keeps the seeded folders, to profile a command on them (`node --cpu-prof`).
  if (process.env.BENCH_KEEP) console.log(`\nThe seeded folders are kept in ${work}.`);
  else rmSync(work, { recursive: true, force: true });
}
