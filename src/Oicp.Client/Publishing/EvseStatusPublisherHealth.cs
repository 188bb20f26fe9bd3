namespace Oicp.Client.Publishing;

/// <summary>
/// How the publisher is doing, read at one moment (see <see cref="IEvseStatusPublisher.GetHealth"/>): what waits, what
/// Hubject answered last, and when the last fullLoad went through. Health checks and dashboards read it.
/// </summary>
public sealed class EvseStatusPublisherHealth
{
    internal EvseStatusPublisherHealth(
        bool isRunning,
        int pendingCount,
        TimeSpan oldestPendingAge,
        DateTimeOffset? lastSuccessAt,
        DateTimeOffset? lastFailureAt,
        PushResult? lastFailure,
        int consecutiveFailures,
        DateTimeOffset? failingSince,
        bool isOperatorRefused,
        DateTimeOffset? lastFullLoadAt,
        PushResult? lastFullLoadResult,
        TimeSpan? roundTrip,
        DateTimeOffset? startedAt)
    {
        IsRunning = isRunning;
        PendingCount = pendingCount;
        OldestPendingAge = oldestPendingAge;
        LastSuccessAt = lastSuccessAt;
        LastFailureAt = lastFailureAt;
        LastFailure = lastFailure;
        ConsecutiveFailures = consecutiveFailures;
        FailingSince = failingSince;
        IsOperatorRefused = isOperatorRefused;
        LastFullLoadAt = lastFullLoadAt;
        LastFullLoadResult = lastFullLoadResult;
        RoundTrip = roundTrip;
        StartedAt = startedAt;
    }

    /// <summary>Gets a value indicating whether the background loop runs (started and not stopped).</summary>
    public bool IsRunning { get; }

    /// <summary>Gets how many EVSEs have a status waiting to be sent.</summary>
    public int PendingCount { get; }

    /// <summary>Gets how long the status that has waited longest has waited; zero when nothing waits.</summary>
    public TimeSpan OldestPendingAge { get; }

    /// <summary>Gets when Hubject last acknowledged a request of the publisher, if ever.</summary>
    public DateTimeOffset? LastSuccessAt { get; }

    /// <summary>Gets when a request of the publisher last failed, if ever.</summary>
    public DateTimeOffset? LastFailureAt { get; }

    /// <summary>Gets the last failed answer, or <see langword="null"/> when none failed or the pusher threw.</summary>
    public PushResult? LastFailure { get; }

    /// <summary>Gets how many requests in a row failed since the last success.</summary>
    public int ConsecutiveFailures { get; }

    /// <summary>
    /// Gets when the first of the <see cref="ConsecutiveFailures"/> happened, or <see langword="null"/> when none failed
    /// since the last success. With <see cref="LastFailureAt"/> it tells for how long every request has failed.
    /// </summary>
    public DateTimeOffset? FailingSince { get; }

    /// <summary>
    /// Gets a value indicating whether the last answer refused the operator rather than an EVSE (017, 300, 210, HTTP
    /// 401, 403 or 404: certificate, allow-list, partner, contract) and nothing succeeded since. Every status waits
    /// until the setup is fixed.
    /// </summary>
    public bool IsOperatorRefused { get; }

    /// <summary>Gets when Hubject last acknowledged a fullLoad of the publisher, if ever.</summary>
    public DateTimeOffset? LastFullLoadAt { get; }

    /// <summary>Gets the answer to the last fullLoad the publisher sent, if any.</summary>
    public PushResult? LastFullLoadResult { get; }

    /// <summary>Gets the measured round trip of one request, or <see langword="null"/> before the first answer.</summary>
    public TimeSpan? RoundTrip { get; }

    /// <summary>Gets when the publisher was started, or <see langword="null"/> before it was.</summary>
    public DateTimeOffset? StartedAt { get; }
}
