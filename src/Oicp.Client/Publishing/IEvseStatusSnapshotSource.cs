namespace Oicp.Client.Publishing;

/// <summary>
/// Supplies the current status of every EVSE of the operator, for the daily fullLoad. Implemented by the
/// application (typically over its own store of charge point states).
/// </summary>
public interface IEvseStatusSnapshotSource
{
    /// <summary>Streams the current status of every EVSE, each EvseID once.</summary>
    /// <param name="cancellationToken">Cancels reading the snapshot.</param>
    /// <returns>The records; an empty sequence makes the fullLoad delete every record at Hubject.</returns>
    IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync(CancellationToken cancellationToken);
}
