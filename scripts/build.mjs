// Builds the `ft` program into dist/: one entry file and chunks that load when a command
// needs them, so that start-up reads a few files instead of hundreds of modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // The native SQLite driver, the PostgreSQL driver and the holiday data stay packages of their own.
  external: ['better-sqlite3', 'pg', 'date-holidays'],
  // Bundled CommonJS code may call require().
  banner: {
    js: "import { createRequire as __ftRequire } from 'node:module'; const require = __ftRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
