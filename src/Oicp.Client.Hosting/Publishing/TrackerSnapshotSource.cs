using System.Runtime.CompilerServices;
using Oicp.Client.Mapping;

namespace Oicp.Client.Publishing;

/// <summary>
/// The fullLoad snapshot straight from an <see cref="EvseStatusTracker"/>: every declared EVSE with its current
/// aggregated status, read when the publisher starts the fullLoad.
/// </summary>
/// <remarks>
/// Right after a start the tracker knows only what the chargers reported since, so the source is ready for the
/// start-up fullLoad (<see cref="WaitUntilReadyAsync"/>) once every declared EVSE has reported
/// (<see cref="EvseStatusTracker.UnheardEvseCount"/> is zero), or once the readiness timeout has passed since the
/// source was created: a charger that has not reconnected by then is offline, and its EVSEs' status really is
/// unknown.
/// </remarks>
/// <example>
/// <code>
/// services.AddSingleton&lt;EvseStatusTracker&gt;();
/// services.AddSingleton&lt;IEvseStatusSnapshotSource, TrackerSnapshotSource&gt;();
/// </code>
/// </example>
public sealed class TrackerSnapshotSource : IEvseStatusSnapshotSource
{
    /// <summary>The readiness timeout when none is given: five minutes, time for chargers to reconnect after a restart.</summary>
    public static readonly TimeSpan DefaultReadinessTimeout = TimeSpan.FromMinutes(5);

    private readonly EvseStatusTracker _tracker;
    private readonly TimeSpan _readinessTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly long _created;

    /// <summary>Initializes a new instance of the <see cref="TrackerSnapshotSource"/> class.</summary>
    /// <param name="tracker">The tracker holding the statuses of the operator's EVSEs.</param>
    /// <param name="readinessTimeout">How long after its creation the source is ready even if EVSEs have not reported; <see cref="DefaultReadinessTimeout"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tracker"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="readinessTimeout"/> is negative.</exception>
    public TrackerSnapshotSource(EvseStatusTracker tracker, TimeSpan? readinessTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _readinessTimeout = readinessTimeout ?? DefaultReadinessTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(_readinessTimeout, TimeSpan.Zero, nameof(readinessTimeout));
        _tracker = tracker;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _created = _timeProvider.GetTimestamp();
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

    /// <summary>Completes once every declared EVSE has reported, or once the readiness timeout has passed since the source was created.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the source is ready.</returns>
    public async ValueTask WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var left = _readinessTimeout - _timeProvider.GetElapsedTime(_created);
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await _tracker.WhenAllHeard().WaitAsync(left, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Ready all the same: a charger that has not reconnected by now is offline.
        }
    }
}
