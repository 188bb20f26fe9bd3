#!/usr/bin/env bash
# NativeAOT smoke run: installs the native toolchain if missing, publishes the QuickStart sample with
# PublishAot (warnings are errors, so any trim/AOT warning fails here), runs the native binary against
# its Kestrel emulator on 127.0.0.1, and prints the binary size and the run time.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The ILCompiler links with clang and needs zlib; install only what is missing, quietly.
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

out="artifacts/aot/quickstart"
rm -rf "$out"
echo "== publish samples/Oicp.Samples.QuickStart with NativeAOT (linux-x64)"
dotnet publish samples/Oicp.Samples.QuickStart -c Release -r linux-x64 -p:PublishAot=true -o "$out" -nologo -clp:NoSummary

binary="$out/Oicp.Samples.QuickStart"
echo "== run $binary"
start=$(date +%s%N)
"$binary"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

size=$(stat -c %s "$binary")
echo "== NativeAOT QuickStart: binary $(( size / 1024 / 1024 )) MiB ($size bytes), start-up + emulator scenario ${elapsed_ms} ms"
