#!/usr/bin/env bash
# Load scenarios in CI (bounded, loopback only): 100,000 pipelined stdio calls with random cancellations.
set -uo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${MCPGEN_CONFIGURATION:-Release}
dotnet "tests/McpGen.Load/bin/$CONFIG/net10.0/McpGen.Load.dll" stdio 100000 200 0.02
