using System.Runtime.CompilerServices;
using Oicp.Client.Mapping;

namespace Oicp.Client.Publishing;

/// <summary>
/// The fullLoad snapshot straight from an <see cref="EvseStatusTracker"/>: every declared EVSE with its current
/// aggregated status, read when the publisher starts the fullLoad.
/// </summary>
/// <example>
/// <code>
/// services.AddSingleton&lt;EvseStatusTracker&gt;();
/// services.AddSingleton&lt;IEvseStatusSnapshotSource, TrackerSnapshotSource&gt;();
/// </code>
/// </example>
public sealed class TrackerSnapshotSource : IEvseStatusSnapshotSource
{
    private readonly EvseStatusTracker _tracker;

    /// <summary>Initializes a new instance of the <see cref="TrackerSnapshotSource"/> class.</summary>
    /// <param name="tracker">The tracker holding the statuses of the operator's EVSEs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tracker"/> is <see langword="null"/>.</exception>
    public TrackerSnapshotSource(EvseStatusTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A consistent copy taken under the tracker's lock when reading starts, not when the source is created.
        var records = _tracker.GetSnapshot();
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }
}
