#!/usr/bin/env node
/**
 * What `ft` runs: the program, built into one file (ft.cjs), compiled with the code cache the
 * build wrote beside it, so that a command starts without parsing and compiling the program
 * again (Node 20 keeps no compile cache of its own). A cache from another Node version is
 * rejected by V8 and the program compiles as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('./ft.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const wrapped = (Module as unknown as { wrap: (source: string) => string }).wrap(readFileSync(file, 'utf8'));
const script = new Script(wrapped, { filename: file, cachedData });
// The build runs a few commands with this set, each adding what it compiled to the cache.
if (process.argv.includes('--write-compile-cache')) {
  process.argv.splice(process.argv.indexOf('--write-compile-cache'), 1);
  process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
// The program runs as a script, which cannot import() by itself: the few ES-module packages it
// leaves outside (the server's accounts) are imported through this module (src/shared/packages.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for('followthrough.import')] = (specifier: string) =>
  import(specifier);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
