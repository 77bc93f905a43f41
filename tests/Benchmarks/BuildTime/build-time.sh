#!/usr/bin/env bash
# What the generated code costs a user's build (issue 16 item 11): a project of N annotated tools, each taking one
# record of its own, is rebuilt after a method-body edit, with the attributes and without them (the same code with the
# [McpTool] lines removed, so nothing is generated). Median of RUNS rebuilds each, on a warm compiler server.
# Also counts what the generator emitted (files, lines, bytes) for the annotated project.
#
#   tests/Benchmarks/BuildTime/build-time.sh [tools=500] [runs=5] [configuration=Debug]
set -euo pipefail
TOOLS=${1:-500}
RUNS=${2:-5}
CONFIG=${3:-Debug}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=${MCPGEN_BUILDTIME_DIR:-${TMPDIR:-/tmp}/mcpgen-buildtime-$(echo "$ROOT" | md5sum | cut -c1-8)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
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

measure() { # $1 = dir; prints the median rebuild time in seconds
  local dir=$1 times=()
  dotnet restore "$dir" -v q >/dev/null
  dotnet build "$dir" -c "$CONFIG" -v q -nologo --no-restore --no-dependencies >/dev/null # first build, warms the compiler server
  dotnet build "$dir" -c "$CONFIG" -v q -nologo --no-restore --no-dependencies >/dev/null
  for ((r = 1; r <= RUNS; r++)); do
    sed -i "s|/\*body\*/ [0-9]* + *|/*body*/ |; s|/\*body\*/ |/*body*/ $r + |" "$dir/Tools0.cs" # a body-only edit
    local start end
    start=$(date +%s.%N)
    dotnet build "$dir" -c "$CONFIG" -v q -nologo --no-restore --no-dependencies >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'
  echo " (runs: ${times[*]})" >&2
}

make_project "$WORK/with" yes
make_project "$WORK/without" no
with=$(measure "$WORK/with")
without=$(measure "$WORK/without")
gen=$(find "$WORK/with/generated" -name '*.g.cs')
echo "tools: $TOOLS, configuration: $CONFIG, median of $RUNS rebuilds after a body-only edit"
echo "with attributes:    $with s"
echo "without attributes: $without s"
echo "ratio:              $(echo "scale=2; $with / $without" | bc)x"
echo "generated:          $(echo "$gen" | wc -l) files, $(cat $gen | wc -l) lines, $(cat $gen | wc -c) bytes"
