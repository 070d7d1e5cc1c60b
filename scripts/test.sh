#!/usr/bin/env bash
# Runs every test file through Node's test runner. Node 20 finds no .ts files from a folder or
# a quoted glob, so the files are listed by the shell.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
files=(src/**/*.test.ts test/**/*.test.ts)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test files found" >&2
  exit 1
fi
# Two files at a time: each test works in a database, folder and ports of its own, and the
# suite takes about half as long as one file at a time on a two-core machine.
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
