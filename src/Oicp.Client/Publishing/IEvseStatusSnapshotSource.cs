namespace Oicp.Client.Publishing;

/// <summary>
/// Supplies the current status of every EVSE of the operator, for the fullLoad (daily, on demand, and once at
/// start-up). Implemented by the application, typically over its own store of charge point states.
/// </summary>
public interface IEvseStatusSnapshotSource
{
    /// <summary>Streams the current status of every EVSE, each EvseID once.</summary>
    /// <param name="cancellationToken">Cancels reading the snapshot.</param>
    /// <returns>The records. An empty sequence would make the fullLoad delete every record at Hubject, so the publisher refuses it unless <c>EvseStatusPublisherOptions.AllowEmptyFullLoad</c> is set.</returns>
    IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the source knows the statuses well enough for the start-up fullLoad. A source over a store
    /// that survives restarts is ready at once (the default); a source that learns statuses from the chargers after
    /// a start (like <c>TrackerSnapshotSource</c> in Oicp.Client.Hosting) should wait, or the start-up fullLoad would replace good
    /// statuses at Hubject with <see cref="EvseStatus.Unknown"/> for EVSEs that simply have not reported yet.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the publisher stops.</param>
    /// <returns>A task that completes when the source is ready.</returns>
    ValueTask WaitUntilReadyAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
