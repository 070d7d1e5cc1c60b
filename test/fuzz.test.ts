import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command, Option } from 'commander';
import fc from 'fast-check';
import pg from 'pg';
import { buildProgram } from '../src/cli/program.js';
import { DATABASE_FILE } from '../src/db/sqlite-file.js';
import { type CliResult, ft, ftOk } from './support/cli.js';
import {
  after,
  before,
  createTestDatabase,
  type Dialect,
  it,
  onEachDatabase,
  type TestDatabase,
} from './support/databases.js';

/**
 * Random arguments for every command and subcommand, read from the commander program itself
 * (a new command is fuzzed without touching this file), run in process on a small seeded team.
 * Each run must keep the command-line contract: an exit status of 0, 1, 2 or 4; no stack trace;
 * a refusal is one coded line on stderr (one JSON document with --json) that echoes no control
 * character and no more than a short line of what was typed, and changes nothing; no output
 * ever carries a terminal escape sequence.
 *
 * Deterministic: one fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS the runs per command, to
 * explore). A failure prints the seed, the replay path and the shortened counterexample.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
/** Runs per command on SQLite, and the smaller sample PostgreSQL gets. */
const runsFor = (dialect: Dialect, target: Target): number => {
  if (RUNS !== undefined) return RUNS;
  const parameters = target.command.registeredArguments.length + target.command.options.length;
  const full = Math.min(80, 30 + 5 * parameters);
  return dialect === 'sqlite' ? full : Math.ceil(full / 3);
};

const NOW = '2026-11-24T15:00:00Z';
const LATER = '2026-11-26T15:00:00Z';
const mara = 'mara@northwind.example';
const dana = 'dana@northwind.example';
const sam = 'sam@northwind.example';
const jo = 'jo@acme.example';

/** A small team: people, two meetings (one ended), a plan, a few commitments, a follow-up sent. */
async function seed(database: TestDatabase): Promise<void> {
  const run = (now: string, args: string[]) => ftOk(database, now, args);
  await run(NOW, ['person', 'add', 'Mara Chen', '--email', mara]);
  await run(NOW, ['person', 'add', 'Dana Ruiz', '--email', dana, '--manager', mara]);
  await run(NOW, ['person', 'add', 'Sam Patel', '--email', sam, '--manager', mara]);
  await run(NOW, ['person', 'add', 'Sam Lee', '--email', 'lee@northwind.example', '--manager', mara]);
  await run(NOW, ['person', 'add', 'Jo Park', '--email', jo, '--contact', '--company', 'Acme']);
  await run(NOW, ['plan', 'add', 'opportunity', 'Acme FY27', '--owner', dana, '--ends', '2026-12-31']);
  await run(NOW, ['meeting', 'start', '--kind', 'one_on_one', '--with', dana]);
  await run(NOW, [
    'commit',
    'Send revised pricing',
    '--owner',
    dana,
    '--due',
    '2026-11-25',
    '--meeting',
    'm1',
    '--outcome',
    'Budget approved',
  ]);
  await run(NOW, ['commit', 'Book the deep-dive', '--owner', dana, '--due', '2026-12-02', '--with', jo]);
  await run(NOW, ['commit', 'Look into pricing', '--owner', sam, '--due', 'later', '--plan', 'p1']);
  await run(NOW, ['note', 'm1', '--text', 'Dana to call Jo by Friday\nJo said finance meets on Thursdays']);
  await run(NOW, ['meeting', 'start', '--kind', 'deal_review', '--with', `${dana},${jo}`]);
  await run(NOW, ['meeting', 'end', 'm2']);
  await run('2026-11-26T14:00:00Z', ['tick']);
}

// ---------------------------------------------------------------------------------------------
// The commands, from the program itself.

interface Target {
  /** The words that name it: [] for `ft` itself, ['person', 'add'], … */
  words: string[];
  command: Command;
}

function targets(command: Command, words: string[] = []): Target[] {
  return [{ words, command }, ...command.commands.flatMap((sub) => targets(sub, [...words, sub.name()]))];
}

const program = buildProgram(
  { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false },
  () => async () => {},
);
const everyCommand = targets(program);
/** Options every command accepts (--data, --as, --now); --json is added to half the runs apart. */
const globalOptions = program.options.filter((option) => option.long !== '--json');

// ---------------------------------------------------------------------------------------------
// Values.

const people = [
  mara,
  dana,
  sam,
  jo,
  'DANA@northwind.example',
  'Dana',
  'Mara Chen',
  'Sam',
  'Jo Park',
  `${dana},${jo}`,
  'nobody@x.example',
];
const ids = [
  ...['c1', 'c2', 'c3', 'c4', 'm1', 'm2', 'f1', 'f2', 'p1', 's1', 's2', 'o1', 'a1', '1', '2', 'c999'],
  ...['c2147483647', 'm2147483648', 'f99999999999', 'p0', 'a-1'],
  // ft list --after takes a cursor: a JSON pair [due_at, id] in base64url. Some made-up ones.
  ...[
    [null, 1],
    ['2026-11-25T04:59:59.999Z', 1],
    [null, 1e20],
    ['\u0000', 1],
    ['2026-11-25', 2 ** 31],
    ['x'.repeat(31), 1],
  ].map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')),
];
const dates = [
  '2026-11-27',
  '2026-12-01',
  '2027-01-15',
  '2026-11-27 15:00',
  'friday',
  'tomorrow',
  'Dec 3',
  'next week',
  'end of quarter',
  'ASAP',
  'later',
  'yesterday',
  '2026-02-30',
  '9999-12-31',
  '0001-01-01',
  '2026',
];
const instants = [
  '2026-11-26T15:00:00Z',
  '2026-11-30T09:00-05:00',
  '2026-11-24T10:00',
  '10:00',
  '9999-12-31T23:59Z',
];
const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kathmandu', 'UTC', 'UTC+99', 'Mars/Olympus', 'est'];
const numbers = [
  ...['0', '1', '8', '20', '23', '24', '2027', '-1', '1.5', '0x10'],
  ...['1e20', '1e309', 'NaN', '9007199254740993', '2147483648'],
];
const choices = [
  'one_on_one',
  'deal_review',
  'customer_call',
  'account',
  'opportunity',
  'open',
  'done',
  'partly',
  'not_done',
  'missed',
  'dropped',
  'won',
  'lost',
  'follow_up',
  'wrap_up',
  'on',
  'off',
  'US',
  'DE',
  'party',
];
const words = [
  'Send revised pricing',
  'Dana to call Jo by Friday so that legal can start',
  'I will look at it later',
  'Leave it with me',
  'Budget approved',
  'Acme',
  'Christmas Eve',
  'SE on leave',
  'x',
];

/** Valid-looking values for a parameter, guessed from its names (`--due <date>`, `<ids...>`). */
function validFor(hint: string, given: readonly string[] | undefined): string[] {
  const named = /<([a-z|]+)>/.exec(hint)?.[1]?.split('|') ?? [];
  if (given?.length) return [...given];
  if (named.length > 1) return named;
  if (/zone|--tz/.test(hint)) return zones;
  if (/instant|--now|--at |<time>/.test(hint)) return [...instants, ...dates];
  if (/date|--due|--since|--until|--from|--ends|--on|done-on|new-due|next-due/.test(hint)) return dates;
  if (/hour|days|<n>|<year>|limit|--last/.test(hint)) return numbers;
  if (/kind|status|outcome|<code>/.test(hint)) return choices;
  if (/person|people|email|manager|owner|--as|--to |--with|--cc|partner/.test(hint)) return people;
  if (/<ids?|meeting|cursor|remove|series|plan|<id>/.test(hint)) return [...ids, 'c1,c2'];
  return words;
}

const controlCharacter = fc
  .integer({ min: 0, max: 0x20 })
  .map((code) => String.fromCharCode(code === 0x20 ? 0x7f : code));
const escapes = [
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001b]0;owned\u0007',
  '\u001b[1A\u001b[2K',
  '\u009b31m',
  'ok\rFAKE',
  'line one\nline two',
  'back\bspace',
];
const longUnits = [
  'a',
  'Dana to call Jo by Friday ',
  'x@',
  'é',
  '\u001b[31m',
  'c1,',
  '🚀',
  `${dana},`,
  '9',
  'a/',
];
const longLengths = [201, 255, 301, 501, 2001, 4001, 100_000, 100_000, 100_000];
const unicode = [
  '\u202eevil\u202c',
  'مرحبا دانا',
  'דנה',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͕̍',
  '\u200b',
  '\ufeffDana',
  '\ud800',
  'İstanbul',
  'ＤＡＮＡ',
  '٣',
];
const sqlish = [
  "'; DROP TABLE commitments; --",
  "' OR '1'='1",
  '%',
  '_',
  '%Dana%',
  '\\',
  "c1'; delete from people; --",
  '1 union select * from people',
  '" or ""="',
];
const shellish = [
  '$(rm -rf ~)',
  '`id`',
  '; ls',
  '| cat /etc/passwd',
  '&& echo hi',
  '~',
  '*',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, as someone might paste it
  '${HOME}',
  '>out.txt',
  '-rf',
  '-x',
  '-',
];
const outOfRange = ['-1', '-0', '99999999999999999999', '1e309', 'NaN', 'Infinity', '0x1F', '1_000', '２'];

/** Values no command should take as given: blanks, control characters, pages of text, odd scripts. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\t', '  \n '),
  fc.tuple(fc.constantFrom(...words, ...people, ...ids), controlCharacter).map(([w, c]) => `${w}${c}x`),
  fc.constantFrom(...escapes),
  fc
    .tuple(fc.constantFrom(...longUnits), fc.constantFrom(...longLengths))
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
  fc.constantFrom(...unicode),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(...sqlish, ...shellish, ...outOfRange),
);

/** Mostly valid-looking, so that runs get past the first check; hostile about one time in three. */
const value = (valid: string[]): fc.Arbitrary<string> =>
  fc
    .oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: hostile })
    .filter(notSpecial);

/**
 * Tokens left out: "--" (the rest would be arguments, --json too, so a run would not know
 * whether it asked for JSON), and the help flags, whose page is tested elsewhere.
 */
const notSpecial = (token: string): boolean => !['--', '--json', '--help', '-h'].includes(token);

/** `arbitrary` with the given chance, else `none` (which shrinking heads for). */
const sometimes = <T>(chance: number, arbitrary: fc.Arbitrary<T>, none: T): fc.Arbitrary<T> =>
  fc.oneof(
    { weight: Math.round((1 - chance) * 100), arbitrary: fc.constant(none) },
    { weight: Math.round(chance * 100), arbitrary },
  );

/** A data folder somewhere under `sandbox` (a folder of this test): a name never climbs out of it. */
const dataFolder = (sandbox: string): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.constantFrom('', 'new', 'new/deeper', DATABASE_FILE),
      hostile.map((name) => name.replace(/(^|\/)\.\.(?=\/|$)/g, '$1__')),
    )
    .map((name) => `${sandbox}/${name}`);

const unknownOption: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('--frobnicate', '-z', '--jsonx', '--no-json', '--owner2', '--x=1'),
    hostile.map((name) => `--${name}`),
  )
  .filter(notSpecial);

// ---------------------------------------------------------------------------------------------
// One run: a command line, whether --json is given, and what standard input holds.

interface Run {
  argv: string[];
  json: boolean;
  stdin: string | null;
}

const takesValue = (option: Option): boolean => option.required || option.optional;
const hintOf = (option: Option): string => option.flags;

/** `--flag value`, `--flag=value`, or the flag alone when it takes no value. */
function optionTokens(option: Option, valid: string[]): fc.Arbitrary<string[]> {
  const flag = option.long ?? option.short ?? option.flags;
  if (!takesValue(option)) return fc.constant([flag]);
  return fc
    .tuple(value(valid), fc.integer({ min: 0, max: 9 }))
    .map(([v, form]) => (form === 0 ? [`${flag}=${v}`] : [flag, v]));
}

function runsOf(target: Target, sandbox: string): fc.Arbitrary<Run> {
  const { command, words: path } = target;
  const positional = command.registeredArguments.map((argument) => {
    const one = value(validFor(`<${argument.name()}>`, argument.argChoices));
    const values = argument.variadic ? fc.array(one, { minLength: 1, maxLength: 3 }) : one.map((v) => [v]);
    // A required argument is left out now and then: commander must say so, in one line.
    return sometimes(argument.required ? 0.95 : 0.5, values, [] as string[]);
  });
  const own = command.options.filter((option) => option.long !== '--json' && !globalOptions.includes(option));
  const options = own.map((option) =>
    sometimes(
      option.mandatory ? 0.95 : 0.4,
      optionTokens(option, validFor(hintOf(option), option.argChoices)),
      [],
    ),
  );
  const globals = globalOptions.map((option) =>
    sometimes(
      0.15,
      option.long === '--data'
        ? dataFolder(sandbox).map((folder) => [option.long as string, folder])
        : optionTokens(option, validFor(hintOf(option), option.argChoices)),
      [],
    ),
  );
  return fc
    .record({
      positional: fc.tuple(...positional),
      options: fc.tuple(...options).chain((units) => fc.shuffledSubarray(units, { minLength: units.length })),
      globals: fc.tuple(...globals),
      globalsFirst: fc.boolean(),
      extra: sometimes(0.1, value(words), null),
      unknown: sometimes(0.1, unknownOption, null),
      json: fc.integer({ min: 0, max: 3 }),
      stdin: sometimes(0.3, fc.oneof(fc.constantFrom(...words), hostile), null),
    })
    .map((r) => {
      const globals = r.globals.flat();
      const argv = [
        ...(r.globalsFirst ? globals : []),
        ...path,
        ...r.positional.flat(),
        ...r.options.flat(),
        ...(r.extra === null ? [] : [r.extra]),
        ...(r.unknown === null ? [] : [r.unknown]),
        ...(r.globalsFirst ? [] : globals),
      ];
      // --json first or last: half of the runs read JSON.
      const json = r.json >= 2;
      return {
        argv: json ? (r.json === 2 ? ['--json', ...argv] : [...argv, '--json']) : argv,
        json,
        stdin: r.stdin,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// The database: every row of every table, and back to the seeded state after a run changed it.

interface Store {
  snapshot(): Promise<Record<string, string[]>>;
  restore(): Promise<void>;
  /** Counters a refused write may have used (PostgreSQL sequences are not transactional) back too. */
  rewind(): Promise<void>;
  close(): Promise<void>;
}

function sqliteStore(database: TestDatabase): Store {
  const file = join(database.env.FOLLOWTHROUGH_DATA, DATABASE_FILE);
  const checkpoint = new SQLite(file);
  checkpoint.pragma('wal_checkpoint(TRUNCATE)');
  checkpoint.close();
  const seeded = readFileSync(file);
  return {
    async snapshot() {
      const db = new SQLite(file, { fileMustExist: true });
      try {
        const tables = db
          .prepare("select name from sqlite_master where type = 'table' order by name")
          .pluck()
          .all() as string[];
        return Object.fromEntries(
          tables.map((table) => [
            table,
            db
              .prepare(`select * from "${table}"`)
              .all()
              .map((row) => JSON.stringify(row))
              .sort(),
          ]),
        );
      } finally {
        db.close();
      }
    },
    async restore() {
      for (const leftover of [`${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true });
      writeFileSync(file, seeded);
    },
    async rewind() {},
    async close() {},
  };
}

/** PostgreSQL: the seeded rows are copied to a schema beside the test's, and copied back. */
async function postgresStore(database: TestDatabase): Promise<Store> {
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  const query = async <T>(text: string) => (await client.query(text)).rows as T[];
  // The catalog is read while other test files change their own schemas: parallel workers
  // reading it then can see a table half changed. One process reads it here.
  await query('set max_parallel_workers_per_gather = 0');
  const [{ schema } = { schema: '' }] = await query<{ schema: string }>('select current_schema() as schema');
  const tables = (
    await query<{ name: string }>(
      'select table_name as name from information_schema.tables where table_schema = current_schema() order by 1',
    )
  ).map((row) => row.name);
  const edges = await query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`,
  );
  // Parents before children, so that every foreign key holds as the rows go back.
  const ordered: string[] = [];
  const place = (table: string, seen = new Set<string>()) => {
    if (ordered.includes(table) || seen.has(table)) return;
    seen.add(table);
    for (const edge of edges) if (edge.child === table && edge.parent !== table) place(edge.parent, seen);
    ordered.push(table);
  };
  for (const table of tables) place(table);
  const saved = `${schema}_seeded`;
  await query(
    [
      `create schema ${saved}`,
      ...tables.map((table) => `create table ${saved}.${table} as select * from ${table}`),
    ].join(';\n'),
  );
  const withId = await query<{ sequence: string }>(
    `with ids as materialized (
       select table_schema, table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id')
     select pg_get_serial_sequence(format('%I.%I', table_schema, table_name), 'id') as sequence from ids`,
  );
  const resetSequences: string[] = [];
  for (const { sequence } of withId) {
    if (!sequence) continue;
    const [state] = await query<{ last: string; called: boolean }>(
      `select last_value::text as last, is_called as called from ${sequence}`,
    );
    if (state) resetSequences.push(`select setval('${sequence}', ${state.last}, ${state.called})`);
  }
  const restore = [
    `truncate ${tables.join(', ')} restart identity cascade`,
    ...ordered.map((table) => `insert into ${table} select * from ${saved}.${table}`),
    ...resetSequences,
  ].join(';\n');
  const snapshotQuery = `select ${tables
    .map((table) => `(select coalesce(json_agg(t)::text, '[]') from ${table} t) as "${table}"`)
    .join(', ')}`;
  return {
    async snapshot() {
      const [row = {}] = await query<Record<string, string>>(snapshotQuery);
      return Object.fromEntries(
        Object.entries(row).map(([table, rows]) => [
          table,
          (JSON.parse(rows) as unknown[]).map((r) => JSON.stringify(r)).sort(),
        ]),
      );
    },
    async restore() {
      await query(restore);
    },
    async rewind() {
      if (resetSequences.length) await query(resetSequences.join(';\n'));
    },
    async close() {
      await query(`drop schema ${saved} cascade`);
      await client.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What every run must keep.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A V8 stack frame: "    at fn (file:///…/x.js:1:2)" or "    at node:internal/…:1:2". */
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\|<anonymous>).*:\d+:\d+\)?$/m;
const ERROR_WITH_STACK = /^\w*Error\b.*\n\s+at /m;
const CODE = /^[a-z][a-z0-9_]*$/;
/** A refusal of ours: `ft: <message> [code]`. */
const REFUSAL = /^ft: [^\n]+ \[[a-z][a-z0-9_]*\]\n$/;
/**
 * A usage error from commander (status 2), the one shape allowed more than one line: its message
 * on one line, the suggestion line commander adds for a mistyped option or command ("(Did you
 * mean --json?)"), then the hint "(add --help for usage)". Nothing else: input holding a line
 * break must not start a line of its own.
 */
const USAGE = /^error: [^\n]+\n(?:\(Did you mean [^\n]+\?\)\n)?\(add --help for usage\)\n$/;
/** How much of one value a message may quote back. */
const ECHO_LIMIT = 300;

/** A group run without a subcommand shows its help, as --help does: status 0, help on stderr. */
function isGroupHelp(target: Target, result: CliResult): boolean {
  return (
    target.command.commands.length > 0 &&
    target.words.length > 0 &&
    result.code === 0 &&
    result.stdout === '' &&
    result.stderr.startsWith(`Usage: ft ${target.words.join(' ')} `)
  );
}

/** A stretch of `text` longer than ECHO_LIMIT characters that is also in `input`, if any. */
function echoed(text: string, input: string): string | null {
  if (input.length <= ECHO_LIMIT) return null;
  for (let at = 0; at + ECHO_LIMIT < text.length; at += 1) {
    const window = text.slice(at, at + ECHO_LIMIT + 1);
    if (input.includes(window)) return window;
  }
  return null;
}

interface Outcome {
  result: CliResult;
  /** What the run changed in the database, shortly; null when nothing. */
  changed: string | null;
  /** Files of the data (or of a --data folder) the run left open. */
  leftOpen: string[];
}

function checkRun(target: Target, run: Run, { result, changed, leftOpen }: Outcome): void {
  const out = `stdout ${show(result.stdout)}, stderr ${show(result.stderr)}`;
  assert.ok([0, 1, 2, 4].includes(result.code), `exit status ${result.code} (3 is a bug); ${out}`);
  assert.deepEqual(leftOpen, [], `the command left files open; ${out}`);
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    assert.ok(!STACK_FRAME.test(text) && !ERROR_WITH_STACK.test(text), `a stack trace on ${name}; ${out}`);
    const control = CONTROL.exec(text);
    assert.ok(
      !control,
      `${name} holds the control character ${show(control?.[0] ?? '')} (an escape sequence or a line rewrite); ${out}`,
    );
  }
  if (result.code === 0) {
    if (isGroupHelp(target, result)) return;
    if (run.json) {
      const lines = result.stdout.trimEnd().split('\n');
      const oneDocument = parses(result.stdout);
      assert.ok(
        oneDocument || lines.every(parses),
        `with --json, stdout is one JSON document (or one per line); ${out}`,
      );
    }
    return;
  }
  assert.equal(changed, null, `a refused command changed the data: ${changed}; ${out}`);
  assert.equal(result.stdout, '', `a refusal prints nothing on stdout; ${out}`);
  if (run.json) {
    assert.ok(result.stderr.endsWith('\n') && !result.stderr.slice(0, -1).includes('\n'), `one line; ${out}`);
    const error = parses(result.stderr) ? (JSON.parse(result.stderr) as { error?: unknown }).error : null;
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    assert.ok(
      typeof code === 'string' && CODE.test(code) && typeof message === 'string' && message.length > 0,
      `with --json a refusal is one JSON document {"error": {"code", "message"}}; ${out}`,
    );
    // JSON escapes control characters; a script that prints the message would not.
    assert.ok(!ANY_CONTROL.test(message as string), `the JSON message holds a control character; ${out}`);
  } else if (result.code === 2) {
    assert.ok(
      REFUSAL.test(result.stderr) || USAGE.test(result.stderr),
      `a usage error is one coded line, or commander's line and its hint; ${out}`,
    );
  } else {
    assert.ok(REFUSAL.test(result.stderr), `a refusal is one line, "ft: … [code]"; ${out}`);
  }
  for (const input of [...run.argv, run.stdin ?? '']) {
    const echo = echoed(result.stderr, input);
    assert.equal(echo, null, `the error quotes more than ${ECHO_LIMIT} characters of input; ${out}`);
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A value as a failure prints it: escaped, and a long one cut, with its length. */
function show(text: string): string {
  const cut = text.length > 240 ? `${text.slice(0, 160)}…${text.slice(-40)}` : text;
  return `${JSON.stringify(cut)}${text.length > 240 ? ` (${text.length} characters)` : ''}`;
}

/** What changed between two snapshots, table by table, shortly. */
function difference(before: Record<string, string[]>, after: Record<string, string[]>): string | null {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = tables.flatMap((table) => {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (!added.length && !removed.length) return [];
    return [`${table}: +${added.length} -${removed.length} ${show(added[0] ?? removed[0] ?? '')}`];
  });
  return changes.length ? changes.join('; ') : null;
}

// ---------------------------------------------------------------------------------------------

onEachDatabase('random arguments to every command', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let seeded: Record<string, string[]>;
  let sandbox: string;
  const home = process.cwd();

  before(async () => {
    database = await createTestDatabase(dialect);
    await seed(database);
    store = dialect === 'sqlite' ? sqliteStore(database) : await postgresStore(database);
    seeded = await store.snapshot();
    // A --data of "" or "x" means a folder here: the sandbox, never the checkout.
    sandbox = mkdtempSync(join(tmpdir(), 'ft-fuzz-'));
    process.chdir(sandbox);
  });
  after(async () => {
    process.chdir(home);
    await store.close();
    await database.drop();
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('enumerates every command of the program, groups and subcommands alike', () => {
    const names = everyCommand.map((t) => t.words.join(' '));
    for (const expected of ['', 'person', 'person add', 'commit', 'holidays remove', 'settings']) {
      assert.ok(names.includes(expected), `${expected || '(ft itself)'} is fuzzed`);
    }
  });

  for (const target of everyCommand) {
    const name = `ft ${target.words.join(' ')}`.trim();
    it(`${name}: any arguments keep the contract`, { timeout: 120_000 }, async () => {
      const seed = SEED ^ hash(`${name}`);
      const numRuns = runsFor(dialect, target);
      const details = await fc.check(
        fc.asyncProperty(runsOf(target, sandbox), async (run) => {
          const result = await ft(database, LATER, run.argv, {}, run.stdin);
          const leftOpen = openFilesUnder([database.env.FOLLOWTHROUGH_DATA, sandbox]);
          const now = await store.snapshot();
          const changed = difference(seeded, now);
          await (changed ? store.restore() : store.rewind());
          for (const entry of readdirSync(sandbox))
            rmSync(join(sandbox, entry), { recursive: true, force: true });
          checkRun(target, run, { result, changed, leftOpen });
        }),
        {
          seed,
          numRuns,
          examples: (found(sandbox)[target.words.join(' ')] ?? []).map((argv): [Run] => [
            { argv, json: argv.includes('--json'), stdin: null },
          ]),
          endOnFailure: process.env.FUZZ_SHRINK === '0',
        },
      );
      if (details.failed) {
        const [run] = details.counterexample ?? [];
        const error =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        assert.fail(
          [
            `${name} broke the contract after ${details.numRuns} runs (${details.numShrinks} shrinks).`,
            `  seed ${seed}, path "${details.counterexamplePath}" (fc.check(…, { seed, path }) replays it)`,
            `  argv ${run ? `[${run.argv.map(show).join(', ')}]` : '?'}${run?.stdin != null ? `, stdin ${show(run.stdin)}` : ''}`,
            `  ${error.split('\n')[0]}`,
          ].join('\n'),
        );
      }
    });
  }
});

/**
 * Command lines this fuzz once found breaking the contract (fixed since), by command: each
 * run replays them before drawing new ones, on both databases.
 */
function found(sandbox: string): Record<string, string[][]> {
  const cursor = (pair: unknown[]) => Buffer.from(JSON.stringify(pair)).toString('base64url');
  return {
    list: [
      ['list', '--json', '--frobnicate'],
      ['list', '--x\ny'],
      ['list', '--owner', 'a\u0000b'],
      ['list', '--after', cursor([null, 1e20])],
      ['list', '--after', cursor(['\u0000', 1])],
      ['--data', `${sandbox}/${'a'.repeat(300)}`, 'list'],
      ['--data', `${sandbox}/x\u0000y`, 'list'],
      ['--data', `${sandbox}/\u001b[31m`, 'list'],
      ['--data', `${sandbox}/${'a/'.repeat(1000)}`, 'list'],
    ],
    show: [['show', 'c2147483648']],
    outbox: [['outbox', '--last', '99999999999999999999']],
    note: [['note', '\u001b[31mm1']],
    capture: [['capture', '--meeting', 'm1', '--dry-run', '--text', '\u001b[31mred\u001b[0m']],
    'person add': [['--now', '9999-12-31', 'person', 'add', 'Kim', '--email', 'kim@northwind.example']],
  };
}

/** Files under these folders this process holds open (read on Linux; elsewhere none are seen). */
function openFilesUnder(folders: string[]): string[] {
  let descriptors: string[];
  try {
    descriptors = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  return descriptors.flatMap((fd) => {
    try {
      const file = readlinkSync(`/proc/self/fd/${fd}`);
      return folders.some((folder) => file.startsWith(`${folder}/`)) ? [file] : [];
    } catch {
      return [];
    }
  });
}

/** A stable 31-bit hash of a command's name, so that each command draws its own sequence. */
function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + (c.codePointAt(0) ?? 0)) | 0;
  return h & 0x7fffffff;
}
