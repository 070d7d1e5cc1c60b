#!/usr/bin/env bash
# Writes test/fixtures/upgrade/: the same small team, written by earlier releases' own `ft`,
# on SQLite (<name>.sqlite) and on PostgreSQL (<name>.pg.sql), for test/upgrade.test.ts.
#
# For maintainers, when a release whose database differs from today's must be covered: add it
# to `releases` below and run this from a checkout with node_modules installed. The tests read
# only the committed files. Each release is checked out in a temporary git worktree, built,
# and run with a fixed clock; the worktree is removed afterwards.
#
# Needs git, node, a PostgreSQL at FIXTURE_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/test) and psql and pg_dump.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/test/fixtures/upgrade
pg_url=${FIXTURE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}

# commit, fixture name
releases=(
  "81b8a9f 0001-first-release"
  "2746fc7 0002-coach-columns"
  "a242c20 0002-current"
)

work=$(mktemp -d)
trap 'for w in "$work"/src-*; do [ -d "$w" ] && git worktree remove --force "$w"; done; rm -rf "$work"' EXIT

# True when two lockfiles install the same packages apart from Biome, the linter: the first
# release's lockfile lists Biome without its platform packages, so `npm ci` refuses it, and
# nothing it builds or runs with differs from today's.
same_packages_but_biome() {
  node -e '
    const fs = require("node:fs");
    const read = (file) => {
      const packages = { ...JSON.parse(fs.readFileSync(file, "utf8")).packages };
      for (const key of Object.keys(packages)) if (key.includes("@biomejs/")) delete packages[key];
      const own = { ...packages[""], devDependencies: { ...packages[""].devDependencies } };
      delete own.devDependencies["@biomejs/biome"];
      packages[""] = own;
      return JSON.stringify(packages);
    };
    process.exit(read(process.argv[1]) === read(process.argv[2]) ? 0 : 1);
  ' "$1" "$2"
}

# The scenario: a manager, two sellers (one in Berlin), a customer contact, a 1:1 with four
# commitments, notes with a next step and a buy-back (when the release has `ft note`), the
# meeting ended and its wrap-up sent, one commitment done, one dropped, a tick that sends a
# follow-up, and its answer with a next step.
scenario() {
  local release=$1 notes=$2
  local dana=dana@northwind.example
  at() {
    local now=$1
    shift
    FOLLOWTHROUGH_NOW=$now node "$release/dist/cli/main.js" "$@" >/dev/null
  }
  # Releases with `ft init` refuse a data folder that nobody created.
  if [[ -f $release/dist/init/init.commands.js ]]; then at 2026-11-23T09:00-05:00 init; fi
  at 2026-11-23T09:00-05:00 person add "Mara Chen" --email mara@northwind.example --tz America/New_York
  at 2026-11-23T09:01-05:00 person add "Dana Ruiz" --email $dana --manager mara@northwind.example \
    --tz America/New_York
  at 2026-11-23T09:02-05:00 person add "Lena Vogel" --email lena@northwind.example \
    --manager mara@northwind.example --tz Europe/Berlin
  at 2026-11-23T09:03-05:00 person add "Jo Park" --email jo@acme.example --contact
  at 2026-11-24T10:00-05:00 meeting start --kind one_on_one --with $dana
  at 2026-11-24T10:10-05:00 commit "Send revised pricing" --owner $dana --due 2026-11-27 \
    --with jo@acme.example --outcome "Acme approves budget" --meeting m1 \
    --ask "How did the Acme call go? Let's talk about what happened."
  at 2026-11-24T10:12-05:00 commit "Book the security review" --owner $dana --due 2026-11-25 \
    --outcome "Security signs off before the pilot" --meeting m1
  at 2026-11-24T10:14-05:00 commit "Send the Initech proposal" --owner lena@northwind.example \
    --due 2026-12-02 --outcome "Initech starts a pilot in January"
  at 2026-11-24T10:16-05:00 commit "Draft the Globex account plan" --owner lena@northwind.example \
    --due 2026-12-04
  if [ "$notes" = yes ]; then
    printf '%s\n' \
      "Dana to send the order form to Jo by next Friday so that legal can start their review" \
      "Jo said finance meets on Thursdays" \
      "I'll call their CFO myself" |
      at 2026-11-24T10:30-05:00 note m1
  fi
  at 2026-11-24T10:45-05:00 meeting end m1
  at 2026-11-24T11:00-05:00 wrapup m1 --send
  at 2026-11-25T16:00-05:00 --as $dana done c2 --note "Booked with their CISO for 2 December"
  at 2026-11-26T09:00-05:00 drop c4 --reason "Globex paused the project until spring"
  at 2026-11-30T09:00-05:00 tick
  at 2026-11-30T11:00-05:00 --as $dana answer f1 --outcome not_done --happened "Jo is out until Wednesday" \
    --learned "Finance signs off, not Jo" --next "Call Acme finance" --next-due 2026-12-03
}

sql() { PGOPTIONS='-c client_min_messages=warning' psql "$pg_url" -v ON_ERROR_STOP=1 -q "$@"; }

mkdir -p "$out"
for entry in "${releases[@]}"; do
  read -r sha name <<<"$entry"
  echo "$name: $sha"
  release=$work/src-$sha
  git worktree add --quiet --detach "$release" "$sha"
  if cmp -s "$release/package-lock.json" "$root/package-lock.json" ||
    same_packages_but_biome "$release/package-lock.json" "$root/package-lock.json"; then
    ln -s "$root/node_modules" "$release/node_modules"
  else
    (cd "$release" && npm ci --no-audit --no-fund)
  fi
  (cd "$release" && npx tsc -p tsconfig.build.json)
  # kysely_migration.timestamp records the real clock; the release's commit time is written
  # there instead, so that a rerun writes the same files. It must stay in the past: the
  # migrator orders the migrations it finds done by that time, and one applied later with an
  # earlier time would be taken for out of order.
  migrated_at=$(node -p 'new Date(process.argv[1]).toISOString()' "$(git show -s --format=%cI "$sha")")
  notes=no
  git cat-file -e "$sha:src/db/migrations/0002_notes.ts" 2>/dev/null && notes=yes

  # Only the variables set here reach the release's `ft`.
  export FOLLOWTHROUGH_TIME_ZONE=America/New_York
  unset FOLLOWTHROUGH_AS DATABASE_URL

  # SQLite: the data folder's database, copied into one file (no WAL beside it) with 1 KiB
  # pages so that it stays small; its schema and rows are as the release wrote them.
  export FOLLOWTHROUGH_DATA=$work/data-$sha
  scenario "$release" $notes
  rm -f "$out/$name.sqlite"
  node -e '
    const SQLite = require(process.argv[1]);
    const [, , file, into, migratedAt] = process.argv;
    const db = new SQLite(file);
    db.prepare("update kysely_migration set timestamp = ?").run(migratedAt);
    db.pragma("page_size = 1024");
    db.prepare("vacuum into ?").run(into);
    db.close();
  ' "$release/node_modules/better-sqlite3" "$FOLLOWTHROUGH_DATA/followthrough.db" "$out/$name.sqlite" \
    "$migrated_at"

  # PostgreSQL: the same scenario in a fresh schema, dumped as plain SQL that the pg client
  # runs as one script: INSERTs instead of COPY, without psql's \restrict lines or the
  # CREATE SCHEMA (the test makes the schema), and with the schema's name as __SCHEMA__.
  schema=ft_upgrade_fixture
  sql -c "drop schema if exists $schema cascade" -c "create schema $schema"
  export FOLLOWTHROUGH_DATA=$work/pg-$sha
  DATABASE_URL="$pg_url$([[ $pg_url == *\?* ]] && echo '&' || echo '?')options=-c%20search_path%3D$schema" \
    scenario "$release" $notes
  sql -c "update $schema.kysely_migration set timestamp = '$migrated_at'"
  pg_dump --no-owner --no-privileges --inserts --schema=$schema "$pg_url" |
    grep -v -E "^(\\\\(un)?restrict .*|CREATE SCHEMA $schema;|-- Dumped (from|by) .*)$" |
    sed "s/\\b$schema\\b/__SCHEMA__/g" >"$out/$name.pg.sql"
  sql -c "drop schema $schema cascade"

  git worktree remove --force "$release"
done
ls -l "$out"
