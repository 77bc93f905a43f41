#!/usr/bin/env bash
# CI pass of the mutation fuzzer: fixed seed, about one minute. A longer run:
#   dotnet run -c Release --project tests/McpGen.Fuzz -- --seconds 1800 --seed 42
set -uo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${MCPGEN_CONFIGURATION:-Release}
dotnet "tests/McpGen.Fuzz/bin/$CONFIG/net10.0/McpGen.Fuzz.dll" --seed 20261124 --seconds "${MCPGEN_FUZZ_SECONDS:-60}"
