using BenchmarkDotNet.Running;
using Oicp.Client.Benchmarks.Support;

// Runs every benchmark, or those picked with --filter, with the short in-process job of BenchmarkConfig.
string[] arguments = args.Contains("--filter") ? args : [.. args, "--filter", "*"];
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(arguments, BenchmarkConfig.Create());
