#!/usr/bin/env bash
# Load scenarios in CI (bounded, loopback only): 100,000 pipelined stdio calls with random cancellations, then
# 200 concurrent Streamable HTTP sessions for 20 s and stateless load for 10 s. The full HTTP run is
#   dotnet tests/McpGen.Load/bin/Release/net10.0/McpGen.Load.dll http 200 60 20
set -uo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${MCPGEN_CONFIGURATION:-Release}
LOAD="tests/McpGen.Load/bin/$CONFIG/net10.0/McpGen.Load.dll"
passed=0; failed=0
run() {
  local out; out=$(dotnet "$LOAD" "$@" 2>&1); echo "$out"
  local last; last=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
  if [ -z "$last" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(echo "$last" | cut -d' ' -f1))); failed=$((failed + $(echo "$last" | cut -d' ' -f3)))
}
run stdio 100000 200 0.02
run http 200 20 10
echo "$passed passed, $failed failed"
