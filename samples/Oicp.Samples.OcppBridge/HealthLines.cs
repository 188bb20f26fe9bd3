using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Oicp.Samples.OcppBridge;

/// <summary>Writes the OICP health checks' results: one line per check, or one short summary for the per-tick log line.</summary>
public static class HealthLines
{
    /// <summary>One line per check: name, status, description.</summary>
    public static IEnumerable<string> Lines(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Entries.Select(entry => $"  {entry.Key,-17} {entry.Value.Status,-9} {entry.Value.Description}");
    }

    /// <summary>Every check's status on one line, for a log of one line per tick.</summary>
    public static string Summary(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join(", ", report.Entries.Select(entry => $"{entry.Key} {entry.Value.Status}"));
    }
}
