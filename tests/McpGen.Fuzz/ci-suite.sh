#!/usr/bin/env bash
# CI pass of the mutation fuzzer: fixed seed, about one minute, split over four targets (JSON-RPC parser, generated
# binders, the live stdio server, and the HTTP request path on an in-process Kestrel on 127.0.0.1). A longer run:
#   dotnet run -c Release --project tests/McpGen.Fuzz -- --seconds 1800 --seed 42
set -uo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${MCPGEN_CONFIGURATION:-Release}
dotnet "tests/McpGen.Fuzz/bin/$CONFIG/net10.0/McpGen.Fuzz.dll" --seed 20261124 --seconds "${MCPGEN_FUZZ_SECONDS:-60}"
