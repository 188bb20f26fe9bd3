#!/usr/bin/env bash
# Runs the benchmark suite (about five minutes on 2 cores). Extra arguments go to BenchmarkDotNet,
# e.g. `--filter '*FullLoad*'` or `--job dry` for a quick check that everything runs;
# `--allocations` instead prints which types the pushes allocate (Support/AllocationBreakdown.cs);
# `--cpu-time` times the push layers by the thread's CPU time (Support/CpuTimeComparison.cs).
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run -c Release -- "$@"
