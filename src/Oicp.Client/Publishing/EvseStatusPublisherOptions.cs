namespace Oicp.Client.Publishing;

/// <summary>Settings of the <see cref="EvseStatusPublisher"/>; the defaults follow Hubject's rules of use.</summary>
public sealed class EvseStatusPublisherOptions
{
    /// <summary>Gets or sets the most requests (status changes and fullLoads) started in any 60-second window. Default 2000, Hubject's limit.</summary>
    public int MaxPushesPerMinute { get; set; } = 2000;

    /// <summary>
    /// Gets or sets how old a queued change may get before the publisher bundles the backlog. When more EVSEs
    /// wait than single requests can send within this time at <see cref="MaxPushesPerMinute"/>, the backlog
    /// is sent in update requests of up to <see cref="MaxRecordsPerBundle"/> records. Default 30 seconds.
    /// </summary>
    public TimeSpan StalenessBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether a backlog may be bundled (see <see cref="StalenessBudget"/>). Default <see langword="true"/>.</summary>
    public bool BundlingEnabled { get; set; } = true;

    /// <summary>Gets or sets the most records in one bundled update request. Default 100.</summary>
    public int MaxRecordsPerBundle { get; set; } = 100;

    /// <summary>Gets or sets the first wait after a transient failure; it doubles with each further one, with randomness. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait after transient failures. Default 1 minute.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the local time of day of the daily fullLoad, or <see langword="null"/> for none. Default 03:00.</summary>
    public TimeSpan? DailyFullLoadTime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Gets or sets the id of the time zone of <see cref="DailyFullLoadTime"/> (for example <c>Europe/Berlin</c>). Default <c>UTC</c>.</summary>
    public string FullLoadTimeZoneId { get; set; } = "UTC";

    /// <summary>Gets or sets the largest random delay added to <see cref="DailyFullLoadTime"/>, so that operators do not all push at the same minute. Default 15 minutes.</summary>
    public TimeSpan FullLoadJitter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets a value indicating whether a fullLoad is sent when the publisher starts. Default <see langword="false"/>.</summary>
    public bool FullLoadOnStart { get; set; }

    /// <summary>Gets or sets how long stopping may spend sending what is still queued. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
