using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// One short job, run in-process: the whole suite takes about five minutes on 2 cores, and no project is
/// generated and rebuilt under the repository's strict Directory.Build.props.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)

        // The machine is shared: the median is less moved than the mean by an iteration that another process slowed down.
        .AddColumn(StatisticColumn.Median)
        .AddColumn(new JsonSentColumn(perJsonByte: false), new JsonSentColumn(perJsonByte: true))
        .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
        .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));
}
