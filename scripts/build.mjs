// Builds the `ft` program into dist/cli: the whole program in one file (ft.cjs), in which each
// use case's modules run only when a command first needs them; a small launcher (main.js);
// and the V8 code cache of the program, written by running a few commands, so that a command
// starts without parsing and compiling it (see src/cli/launch.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * Packages that stay packages, loaded with require when first needed: the native SQLite driver,
 * the PostgreSQL driver, the holiday data; and what only the server and its mail use (HTTP,
 * validation, SMTP, parsing mail, the log). A command reads and compiles the bundle at every
 * start, so what most commands never run stays out of it: this keeps about two thirds of the
 * program's bytes out of every `ft list`. Each package keeps its own files, once, so that the
 * schemas of zod and the routes of Hono meet a single copy of each.
 */
const required = [
  'better-sqlite3',
  'pg',
  'date-holidays',
  'pino',
  'zod',
  'hono',
  '@hono/node-server',
  '@hono/zod-openapi',
  'nodemailer',
  'smtp-server',
  'mailparser',
];
/** ES-module packages that stay packages, loaded with import(): the server's accounts. */
const imported = ['better-auth'];
const external = [...required, ...imported];

/** `await import('pg')` of a package left outside the bundle becomes a require, loaded when called. */
const requireExternals = {
  name: 'require-externals',
  setup(b) {
    const names = required.map((name) => name.replace(/[/.]/g, (c) => `\\${c}`));
    const filter = new RegExp(`^(${names.join('|')})(/.*)?$`);
    b.onResolve({ filter }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'external-package' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'external-package' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/ft.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [requireExternals],
  define: { 'import.meta.url': '__ftUrl' },
  // Less to read and hash at every start; names kept, so that stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: "const __ftUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: ['src/cli/launch.ts'],
  outfile: 'dist/cli/main.js',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

// The code cache: each command adds what it compiled to what the ones before it wrote.
const data = mkdtempSync(join(tmpdir(), 'ft-build-'));
const env = {
  ...process.env,
  FOLLOWTHROUGH_DATA: data,
  FOLLOWTHROUGH_NOW: '2026-11-24T15:00:00Z',
  FOLLOWTHROUGH_TIME_ZONE: 'America/New_York',
  DATABASE_URL: '',
  FOLLOWTHROUGH_AS: '',
};
const runs = [
  ['--help'],
  ['init'],
  ['person', 'add', 'Mara Chen', '--email', 'mara@example.com'],
  ['person', 'add', 'Dana Ruiz', '--email', 'dana@example.com', '--manager', 'mara@example.com'],
  ['commit', 'Send pricing', '--owner', 'dana', '--due', 'friday', '--outcome', 'Budget'],
  ['commit', 'Book the review', '--owner', 'dana', '--due', '2026-11-23'],
  ['list', '--owner', 'dana', '--overdue'],
  ['--as', 'dana@example.com'],
  [],
  ['stats'],
  ['show', 'c1'],
];
try {
  for (const args of runs) {
    const run = spawnSync(process.execPath, ['dist/cli/main.js', '--write-compile-cache', ...args], {
      env,
      encoding: 'utf8',
    });
    if (run.status !== 0)
      throw new Error(`ft ${args.join(' ')} failed while writing the code cache: ${run.stderr}`);
  }
} finally {
  rmSync(data, { recursive: true, force: true });
}
