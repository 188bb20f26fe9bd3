namespace Oicp.Client.Publishing;

/// <summary>
/// Publishes EVSE status changes to Hubject in the background, following Hubject's rules of use: sequential requests
/// within the rate limit, the latest status only, one change per request while that keeps Hubject fresh, and a daily
/// fullLoad. <see cref="Publish"/> never waits for the network.
/// </summary>
public interface IEvseStatusPublisher
{
    /// <summary>
    /// Occurs when a status is not delivered: Hubject refused it for good (for example code 603), the pusher threw for it,
    /// or the publisher stopped before it could be sent (see <see cref="EvseStatusPublishFailedEventArgs.Reason"/>).
    /// </summary>
    /// <remarks>Raised on the publisher's background loop: keep handlers short and do not block in them.</remarks>
    event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed;

    /// <summary>Gets the number of EVSEs whose latest status is waiting to be sent.</summary>
    int PendingCount { get; }

    /// <summary>
    /// Records the new status of an EVSE and returns at once. While the EVSE waits for its turn, a newer
    /// status replaces the older one (latest wins); an older status is never sent after a newer one.
    /// </summary>
    /// <param name="evseId">The EVSE.</param>
    /// <param name="status">Its new status.</param>
    /// <exception cref="ArgumentException"><paramref name="evseId"/> is the default (empty) value or belongs to another operator, or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The publisher has stopped, so the status could never be sent.</exception>
    void Publish(EvseId evseId, EvseStatus status);

    /// <summary>Asks for a fullLoad as soon as the running request is answered, without waiting for it.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="IEvseStatusSnapshotSource"/> was given.</exception>
    void TriggerFullLoad();

    /// <summary>Asks for a fullLoad as soon as the running request is answered and waits for Hubject's answer.</summary>
    /// <param name="cancellationToken">Stops waiting; the fullLoad itself still happens.</param>
    /// <returns>What Hubject answered to the fullLoad. The task fails with <see cref="InvalidOperationException"/> when the
    /// snapshot is empty and an empty fullLoad is not allowed, or when the publisher stops before sending it, and with
    /// the snapshot source's exception when reading the snapshot fails.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IEvseStatusSnapshotSource"/> was given.</exception>
    Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads how the publisher is doing now: what waits, what Hubject answered last, the last fullLoad.</summary>
    /// <returns>A snapshot of the publisher's state.</returns>
    EvseStatusPublisherHealth GetHealth();
}
