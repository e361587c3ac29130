#!/usr/bin/env bash
# Installs the chain tools pinned in package-lock.json (solc, anvil, OpenZeppelin) into scripts/chain/node_modules.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v node >/dev/null && command -v npm >/dev/null || { echo "chain: node and npm are needed (install Node.js >= 18)" >&2; exit 2; }
if [ ! -x "$DIR/node_modules/.bin/solcjs" ] || [ ! -x "$DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ]; then
  (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >&2) \
    || { echo "chain: npm ci failed in $DIR (offline?); the EVM tools are not installed" >&2; exit 2; }
fi
