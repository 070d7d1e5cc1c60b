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
exec node --import tsx --test --test-reporter=spec "${files[@]}"
