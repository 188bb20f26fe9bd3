using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client;

namespace Oicp.Samples.OcppBridge;

/// <summary>What the live view shows at one tick.</summary>
public sealed record LiveFrame(
    TimeSpan Elapsed,
    string Phase,
    long OcppMessages,
    long Changes,
    int OfflineChargePoints,
    IReadOnlyDictionary<EvseStatus, int> Truth,
    IReadOnlyDictionary<EvseStatus, int> Hubject,
    int QueueDepth,
    long RequestsLastMinute,
    long FaultsInjected,
    double? StalenessP50,
    double? StalenessP99,
    HealthReport Health);

/// <summary>
/// Draws the live view: redrawn in place on a terminal, one line per tick when the output is redirected
/// (CI logs, a test's writer), so the log stays readable.
/// </summary>
public sealed class LiveView(TextWriter output, bool redraw)
{
    private static readonly EvseStatus[] Shown = [EvseStatus.Available, EvseStatus.Occupied, EvseStatus.Reserved, EvseStatus.OutOfService, EvseStatus.Unknown];
    private int _linesDrawn;

    public void Render(LiveFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!redraw)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{frame.Elapsed.TotalSeconds,5:F1}s] {frame.Phase,-8} ocpp {frame.OcppMessages,6} changes {frame.Changes,6} offline {frame.OfflineChargePoints,3} | " +
                $"{string.Join(" ", Shown.Select(s => $"{Short(s)} {Count(frame.Truth, s)}/{Count(frame.Hubject, s)}"))} | " +
                $"queue {frame.QueueDepth,4} | http/min {frame.RequestsLastMinute,4} | faults {frame.FaultsInjected,3} | staleness {Ms(frame.StalenessP50)} / {Ms(frame.StalenessP99)} | " +
                $"health {HealthLines.Summary(frame.Health)}"));
            return;
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"OCPP bridge -> Hubject emulator   {frame.Elapsed.TotalSeconds,5:F1} s   {frame.Phase}"),
            string.Create(CultureInfo.InvariantCulture, $"OCPP messages {frame.OcppMessages,7}   EVSE changes {frame.Changes,7}   charge points offline {frame.OfflineChargePoints,4}"),
            string.Empty,
            $"  {"OICP status",-14} {"fleet",7} {"Hubject",8}",
        };
        lines.AddRange(Shown.Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.ToWireString(),-14} {Count(frame.Truth, s),7} {Count(frame.Hubject, s),8}")));
        lines.Add(string.Empty);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"queue depth {frame.QueueDepth,5}   HTTP requests last minute {frame.RequestsLastMinute,5} (limit 2000)   faults injected {frame.FaultsInjected,3}"));
        lines.Add($"staleness (Publish -> acknowledged) p50 {Ms(frame.StalenessP50)}   p99 {Ms(frame.StalenessP99)}");
        lines.Add(string.Empty);
        lines.Add("health checks");
        lines.AddRange(HealthLines.Lines(frame.Health));

        if (_linesDrawn > 0)
        {
            // Cursor up over the previous frame, then clear to the end of the screen.
            output.Write($"\u001b[{_linesDrawn}A\u001b[J");
        }

        // A line wider than the terminal would wrap, and the cursor-up above would no longer cover the frame.
        var width = Math.Max(20, Console.WindowWidth - 1);
        foreach (var line in lines)
        {
            output.WriteLine(line.Length <= width ? line : string.Concat(line.AsSpan(0, width - 3), "..."));
        }

        _linesDrawn = lines.Count;
    }

    private static int Count(IReadOnlyDictionary<EvseStatus, int> counts, EvseStatus status) => counts.TryGetValue(status, out var count) ? count : 0;

    private static string Short(EvseStatus status) => status switch
    {
        EvseStatus.Available => "avail",
        EvseStatus.Occupied => "occ",
        EvseStatus.Reserved => "res",
        EvseStatus.OutOfService => "oos",
        _ => "unk",
    };

    private static string Ms(double? value) => value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms,6:F0} ms") : "     - ms";
}
