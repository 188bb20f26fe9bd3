using BenchmarkDotNet.Running;
using Oicp.Client.Benchmarks.Support;

// `--allocations` prints which types the pushes allocate (see AllocationBreakdown); `--cpu-time` times the push
// layers by the thread's CPU time (see CpuTimeComparison); anything else runs every benchmark, or those picked with
// --filter, with the short in-process job of BenchmarkConfig.
if (args is ["--allocations"])
{
    AllocationBreakdown.Run();
    return;
}

if (args is ["--cpu-time"])
{
    CpuTimeComparison.Run();
    return;
}

string[] arguments = args.Contains("--filter") ? args : [.. args, "--filter", "*"];
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(arguments, BenchmarkConfig.Create());
