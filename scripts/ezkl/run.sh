#!/usr/bin/env bash
# EZKL baseline: installs @ezkljs/engine (pinned in package-lock.json) into scripts/ezkl/node_modules on first
# use, then runs bench.mjs. Usage: scripts/ezkl/run.sh [FIXTURE_DIR]
# Exit 2 with one line on stderr when node/npm are missing or the install fails; otherwise bench.mjs's exit code.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail() { echo "ezkl baseline: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || fail "node not found on PATH (install Node.js >= 18)"
command -v npm >/dev/null 2>&1 || fail "npm not found on PATH (install npm)"

if [ ! -f "$HERE/node_modules/@ezkljs/engine/package.json" ]; then
  echo "ezkl baseline: installing @ezkljs/engine into $HERE/node_modules (npm ci)..." >&2
  log="$(mktemp)"
  if ! (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    reason="$(grep -m1 -i 'npm error' "$log" | sed 's/^npm error *//')"
    rm -f "$log"
    fail "npm ci failed in $HERE${reason:+: $reason}"
  fi
  rm -f "$log"
fi

exec node "$HERE/bench.mjs" "$@"
