namespace Oicp.Client.Publishing;

/// <summary>
/// Settings of the <see cref="EvseStatusPublisher"/>; the defaults follow Hubject's rules of use. The rate limit and
/// the backoff between tries are the pusher's (<see cref="OicpClientOptions.RateLimit"/>, <see cref="OicpClientOptions.Retry"/>):
/// one limiter and one backoff rule per operator, shared by every push.
/// </summary>
public sealed class EvseStatusPublisherOptions
{
    /// <summary>
    /// Gets or sets how much longer than one round trip a change may wait for single requests before the waiting
    /// changes go out together. When one request at a time cannot send the waiting EVSEs one by one so that each
    /// leaves within the measured round trip plus this time (or the rate limit's remaining budget cannot pay for
    /// that many requests), the next request carries all of them, up to <see cref="MaxRecordsPerBundle"/>.
    /// Default 100 milliseconds.
    /// </summary>
    public TimeSpan BundleAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets a value indicating whether waiting changes may go out together (see <see cref="BundleAfter"/>). Default <see langword="true"/>.</summary>
    public bool BundlingEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the most records in one request of status changes. Default 10,000: a reconnect storm of thousands of
    /// EVSEs then goes out in one request, not in several round trips, and such a request (about 0.6 MB) is far smaller
    /// than the daily fullLoad of the same operator.
    /// </summary>
    public int MaxRecordsPerBundle { get; set; } = 10_000;

    /// <summary>Gets or sets the local time of day of the daily fullLoad, or <see langword="null"/> for none. Default 03:00.</summary>
    public TimeSpan? DailyFullLoadTime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Gets or sets the id of the time zone of <see cref="DailyFullLoadTime"/> (for example <c>Europe/Berlin</c>). Default <c>UTC</c>.</summary>
    public string FullLoadTimeZoneId { get; set; } = "UTC";

    /// <summary>Gets or sets the largest random delay added to <see cref="DailyFullLoadTime"/>, so that operators do not all push at the same minute. Default 15 minutes.</summary>
    public TimeSpan FullLoadJitter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets a value indicating whether a fullLoad is sent once the publisher has started and the snapshot
    /// source says it is ready (<see cref="IEvseStatusSnapshotSource.WaitUntilReadyAsync"/>), so that Hubject is
    /// right again after a restart lost the changes that were waiting in memory. Needs a snapshot source.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool FullLoadOnStart { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a fullLoad may be sent when the snapshot source returns no record.
    /// An empty fullLoad deletes every status record of the operator at Hubject, so by default it is refused (logged
    /// as an error and reported to whoever asked for the fullLoad). Default <see langword="false"/>.
    /// </summary>
    public bool AllowEmptyFullLoad { get; set; }

    /// <summary>Gets or sets how long stopping may spend sending what is still queued. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
