#!/usr/bin/env bash
# What the generated code costs a user's build (issue 16 item 11): a project of N annotated tools, each taking one
# record of its own, is rebuilt after a method-body edit, with the attributes and without them (the same code with the
# [McpTool] lines removed, so nothing is generated). The two projects are rebuilt in turn, RUNS times each, so that a
# busy machine disturbs both alike; the medians and their ratio are printed.
# Also counts what the generator emitted (files, lines, bytes) for the annotated project.
#
# SERVER=1 (the default) builds on the compiler server (VBCSCompiler), as `dotnet build` does unless the
# environment says UseSharedCompilation=false (some CI images do): the server keeps the generator loaded and its
# code jitted across builds. SERVER=0 starts a fresh csc per build, so every build also jits the generator.
#
#   tests/Benchmarks/BuildTime/build-time.sh [tools=500] [runs=7] [configuration=Debug]
set -euo pipefail
TOOLS=${1:-500}
RUNS=${2:-7}
CONFIG=${3:-Debug}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=${MCPGEN_BUILDTIME_DIR:-${TMPDIR:-/tmp}/mcpgen-buildtime-$(echo "$ROOT" | md5sum | cut -c1-8)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SERVER=${SERVER:-1}
if [[ $SERVER == 1 ]]; then SHARED=true; else SHARED=false; fi

# The runtime and the generator are built once; the measured builds compile only the user project (--no-dependencies).
dotnet build "$ROOT/src/McpGen" -c "$CONFIG" -v q -nologo >/dev/null
dotnet build "$ROOT/generators/McpGen.Generators" -c "$CONFIG" -v q -nologo >/dev/null

make_project() { # $1 = dir, $2 = "yes" to annotate
  local dir=$1 annotate=$2
  rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/User.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <CompilerGeneratedFilesOutputPath>generated</CompilerGeneratedFilesOutputPath>
  </PropertyGroup>
  <ItemGroup>
    <Compile Remove="generated/**" />
    <ProjectReference Include="$ROOT/src/McpGen/McpGen.csproj" />
    <ProjectReference Include="$ROOT/generators/McpGen.Generators/McpGen.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML
  local per_file=50 files=$(( (TOOLS + 49) / 50 ))
  for ((f = 0; f < files; f++)); do
    {
      echo "using System.ComponentModel.DataAnnotations;"
      echo "using McpGen;"
      echo "namespace User;"
      for ((t = f * per_file; t < (f + 1) * per_file && t < TOOLS; t++)); do
        echo "/// <summary>The request of tool $t.</summary>"
        echo "/// <param name=\"Name\">A name.</param>"
        echo "public sealed record Request$t(string Name, [property: Range(0, 100)] int Count = 1, bool Verbose = false, List<string>? Tags = null);"
      done
      echo "public static class Tools$f"
      echo "{"
      for ((t = f * per_file; t < (f + 1) * per_file && t < TOOLS; t++)); do
        echo "    /// <summary>Tool number $t.</summary>"
        [[ $annotate == yes ]] && echo "    [McpTool]"
        echo "    public static string Tool$t(Request$t request) => request.Name + /*body*/ $t;"
      done
      echo "}"
    } > "$dir/Tools$f.cs"
  done
}

build() { # $1 = dir
  dotnet build "$1" -c "$CONFIG" -v q -nologo --no-restore --no-dependencies -p:UseSharedCompilation=$SHARED >/dev/null
}

rebuild_seconds() { # $1 = dir, $2 = edit number; prints the wall time of one rebuild after a body-only edit
  sed -i "s|/\*body\*/ [0-9]* + *|/*body*/ |; s|/\*body\*/ |/*body*/ $2 + |" "$1/Tools0.cs"
  local start end
  start=$(date +%s.%N)
  build "$1"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }

make_project "$WORK/with" yes
make_project "$WORK/without" no
for dir in "$WORK/with" "$WORK/without"; do
  dotnet restore "$dir" -v q >/dev/null
  build "$dir" # the first build; on the server it also loads the generator and jits what it runs
  build "$dir"
done
with_times=() without_times=()
for ((r = 1; r <= RUNS; r++)); do
  with_times+=("$(rebuild_seconds "$WORK/with" "$r")")
  without_times+=("$(rebuild_seconds "$WORK/without" "$r")")
done
with=$(median "${with_times[@]}")
without=$(median "${without_times[@]}")
# Counted after the measured builds, which (like a user's project by default) do not write the generated files.
dotnet build "$WORK/with" -c "$CONFIG" -v q -nologo --no-restore --no-dependencies --no-incremental -p:UseSharedCompilation=$SHARED -p:EmitCompilerGeneratedFiles=true >/dev/null
gen=$(find "$WORK/with/generated" -name '*.g.cs')
echo "tools: $TOOLS, configuration: $CONFIG, compiler server: $([[ $SERVER == 1 ]] && echo yes || echo no), median of $RUNS rebuilds after a body-only edit, alternating"
echo "with attributes:    $with s (runs: ${with_times[*]})"
echo "without attributes: $without s (runs: ${without_times[*]})"
echo "ratio:              $(echo "scale=2; $with / $without" | bc)x"
echo "generated:          $(echo "$gen" | wc -l) files, $(cat $gen | wc -l) lines, $(cat $gen | wc -c) bytes"
