using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>The request body size each benchmark case sent, recorded by its global setup (the job runs in-process).</summary>
public static class JsonSent
{
    private static readonly ConcurrentDictionary<string, long> Bytes = new();

    public static void Record(Type benchmark, int recordCount, long bytes) => Bytes[Key(benchmark, recordCount)] = bytes;

    public static long? Find(BenchmarkCase benchmarkCase)
    {
        var recordCount = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "RecordCount")?.Value is int count ? count : 1;
        return Bytes.TryGetValue(Key(benchmarkCase.Descriptor.Type, recordCount), out var bytes) ? bytes : null;
    }

    private static string Key(Type type, int recordCount) => type.FullName + "/" + recordCount.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// "JSON sent": the size of the request body, in bytes; or "Alloc/JSON": allocated bytes per
/// operation divided by it (the fullLoad target is at most 3).
/// </summary>
public sealed class JsonSentColumn(bool perJsonByte) : IColumn
{
    public string Id => nameof(JsonSentColumn) + (perJsonByte ? ".Ratio" : string.Empty);

    public string ColumnName => perJsonByte ? "Alloc/JSON" : "JSON sent [B]";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perJsonByte ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perJsonByte ? "Allocated bytes per operation / JSON sent" : "Size of the request body sent per operation";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var json = JsonSent.Find(benchmarkCase);
        if (!perJsonByte)
        {
            return json?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
        }

        var allocated = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return json is > 0 && allocated is { } bytes
            ? ((double)bytes / json.Value).ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}
