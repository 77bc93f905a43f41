#!/usr/bin/env bash
# The bench runner in smoke mode: publishes the bench servers (native AOT), measures every row briefly (stdio against
# the C# and TypeScript SDKs, HTTP under wrk) and fails if any server answers wrongly or drops a request under load.
# Its numbers are too short to quote; `dotnet run -c Release --project tests/Benchmarks/McpGen.Benchmarks.Runner` gives those.
set -uo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${MCPGEN_CONFIGURATION:-Release}
if ! command -v wrk >/dev/null && command -v apt-get >/dev/null; then
  (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1)) || true
fi
command -v wrk >/dev/null || echo "wrk could not be installed: the HTTP rows are skipped"
if dotnet "tests/Benchmarks/McpGen.Benchmarks.Runner/bin/$CONFIG/net10.0/McpGen.Benchmarks.Runner.dll" --smoke; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
