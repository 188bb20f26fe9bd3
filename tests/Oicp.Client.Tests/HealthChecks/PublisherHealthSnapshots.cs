using Oicp.Client.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>
/// A publisher whose <see cref="GetHealth"/> returns the snapshot a test sets, to put the checks on each side of a
/// threshold exactly. Nothing else of it is used by the checks.
/// </summary>
internal sealed class PublisherHealthSnapshots : IEvseStatusPublisher
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed
    {
        add => throw new NotSupportedException("The health checks do not subscribe.");
        remove => throw new NotSupportedException("The health checks do not subscribe.");
    }

    public EvseStatusPublisherHealth Health { get; set; } = Make();

    public int PendingCount => Health.PendingCount;

    /// <summary>Builds a snapshot as the publisher would, started at <see cref="Start"/> unless told otherwise.</summary>
    public static EvseStatusPublisherHealth Make(
        int pending = 0,
        TimeSpan oldestPendingAge = default,
        DateTimeOffset? lastSuccessAt = null,
        DateTimeOffset? lastFailureAt = null,
        PushResult? lastFailure = null,
        int consecutiveFailures = 0,
        DateTimeOffset? failingSince = null,
        bool operatorRefused = false,
        DateTimeOffset? lastFullLoadAt = null,
        PushResult? lastFullLoadResult = null,
        DateTimeOffset? startedAt = null,
        bool started = true) =>
        new(
            isRunning: started,
            pending,
            oldestPendingAge,
            lastSuccessAt,
            lastFailureAt,
            lastFailure,
            consecutiveFailures,
            failingSince,
            operatorRefused,
            lastFullLoadAt,
            lastFullLoadResult,
            roundTrip: null,
            startedAt ?? (started ? Start : null));

    public EvseStatusPublisherHealth GetHealth() => Health;

    public void Publish(EvseId evseId, EvseStatus status) => throw new NotSupportedException("The health checks only read GetHealth.");

    public void TriggerFullLoad() => throw new NotSupportedException("The health checks only read GetHealth.");

    public Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException("The health checks only read GetHealth.");
}
