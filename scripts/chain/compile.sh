#!/usr/bin/env bash
# Compiles ledger/contracts/*.sol with solcjs (optimized) into OUT_DIR (default ledger/target/contracts):
# <Contract>.abi and <Contract>.bin for each deployable contract.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DIR/../.." && pwd)"
OUT="${1:-$ROOT/ledger/target/contracts}"
"$DIR/install.sh"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$DIR/node_modules/.bin/solcjs" --bin --abi --optimize --base-path "$ROOT/ledger/contracts" \
  --include-path "$DIR/node_modules" -o "$TMP" "$ROOT"/ledger/contracts/*.sol >&2
mkdir -p "$OUT"
for c in EdgeToken NodeRegistry ModelRegistry JobMarket; do
  cp "$TMP/${c}_sol_${c}.abi" "$OUT/$c.abi"
  cp "$TMP/${c}_sol_${c}.bin" "$OUT/$c.bin"
done
echo "$OUT"
