#!/usr/bin/env bash
# Starts anvil on 127.0.0.1 at a free port (or PORT) in the foreground; its first stdout line is the port.
# Extra arguments go to anvil (e.g. --timestamp 1800000000).
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$DIR/install.sh"
PORT="${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
echo "$PORT"
exec "$DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" --host 127.0.0.1 --port "$PORT" --silent "$@"
