using Microsoft.Extensions.Logging;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// The publisher's background loop: one request at a time, each carrying what the <see cref="SendingPolicy"/>
/// says, when the rate budget and any backoff allow; fullLoads before changes; results applied to the backlog.
/// It alone owns the retries of background traffic: every try sends the latest status of each EVSE. Where the waiting
/// changes live, whether this instance may send and any rate window beyond the pusher's are the
/// <see cref="IPublisherCoordinator"/>'s.
/// </summary>
internal sealed class PublisherLoop(
    IPushChannel channel,
    IPublisherCoordinator coordinator,
    FullLoadCoordinator fullLoads,
    PublisherDiagnostics diagnostics,
    EvseStatusPublisherOptions options,
    TimeProvider timeProvider,
    Random random,
    ILogger logger,
    LoopSignal signal,
    Action<EvseStatusPublishFailedEventArgs> reportFailure)
{
    private readonly SendingPolicy _policy = new(options.BundleAfter, options.MaxRecordsPerBundle, options.BundlingEnabled);
    private readonly RoundTripEstimator _roundTrip = new();
    private readonly RefusalIsolation _isolation = new();
    private readonly List<TakenChange> _taken = [];
    private readonly List<EvseStatusRecord> _records = [];
    private long _pauseUntil;
    private int _failuresInRow;
    private long? _lastStart;
    private volatile bool _stopping;

    /// <summary>Gets how many changes wait in the isolation of a refused bundle.</summary>
    public int IsolatedCount => _isolation.Count;

    /// <summary>Gets the measured round trip, or <see langword="null"/> before the first answer.</summary>
    public TimeSpan? RoundTrip => _roundTrip.HasEstimate ? _roundTrip.Estimate : null;

    /// <summary>Stops fullLoads and ends the loop once the changes are sent (or the drain token ends it first).</summary>
    public void BeginStopping()
    {
        _stopping = true;
        signal.Wake();
    }

    /// <summary>Runs until stopped and drained, or until <paramref name="drain"/> is cancelled; returns the isolated changes it did not send.</summary>
    public async Task<List<TakenChange>> RunAsync(CancellationToken drain)
    {
        while (!drain.IsCancellationRequested)
        {
            TimeSpan? wait;
            try
            {
                wait = await StepAsync(drain).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive anything: a dead loop would silently stop every status.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                // Parks for the backoff: a failure before the step could see the pause (the coordinator's bookkeeping) must not spin.
                wait = Pause(null);
                PublisherLog.LoopFailed(logger, exception, (long)wait.Value.TotalMilliseconds);
            }

            if (wait is not { } park)
            {
                break;
            }

            if (park != TimeSpan.Zero)
            {
                await signal.ParkAsync(park, drain).ConfigureAwait(false);
            }
        }

        var isolated = _isolation.TakeAll();
        signal.Stopped();
        return isolated;
    }

    /// <summary>Does one thing if it can; returns how long to park (zero: go on, <see langword="null"/>: stopped and drained).</summary>
    private async Task<TimeSpan?> StepAsync(CancellationToken cancellationToken)
    {
        var stopping = _stopping;
        if (stopping && !coordinator.DrainsOnStop)
        {
            return null;
        }

        var turn = await coordinator.BeginStepAsync(cancellationToken).ConfigureAwait(false);
        if (!turn.MaySend)
        {
            // Another instance sends now: what this one isolated goes back to the shared backlog.
            if (_isolation.Count > 0)
            {
                await coordinator.RestoreAsync(_isolation.TakeAll(), cancellationToken).ConfigureAwait(false);
            }

            return turn.RetryAfter;
        }

        fullLoads.Ask(turn.FullLoad);
        var untilDue = stopping ? Timeout.InfiniteTimeSpan : fullLoads.CheckDue(timeProvider.GetUtcNow());
        var fullLoad = !stopping && fullLoads.Pending.Requested;
        var changes = coordinator.WaitingCount > 0 || _isolation.Count > 0;
        if (stopping && !changes)
        {
            return null;
        }

        var wait = Timeout.InfiniteTimeSpan;
        if (fullLoad || changes)
        {
            wait = Max(Remaining(_pauseUntil), RateWait());
            if (wait == TimeSpan.Zero)
            {
                wait = await coordinator.GetSharedRateDelayAsync(cancellationToken).ConfigureAwait(false);
            }

            if (wait == TimeSpan.Zero)
            {
                if (fullLoad)
                {
                    await SendFullLoadAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SendChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                return TimeSpan.Zero;
            }
        }

        if (untilDue != Timeout.InfiniteTimeSpan && (wait == Timeout.InfiniteTimeSpan || untilDue < wait))
        {
            wait = untilDue;
        }

        // A positive wait keeps the loop from spinning when a due time is reached between two clock reads.
        return wait == Timeout.InfiniteTimeSpan ? wait : TimeSpan.FromTicks(Math.Max(wait.Ticks, 1));
    }

    private async Task SendChangesAsync(CancellationToken cancellationToken)
    {
        _taken.Clear();
        var isolating = _isolation.TryTake(_taken, coordinator);
        if (!isolating)
        {
            await coordinator.TakeAsync(_taken, _policy.RecordsToTake(Situation()), cancellationToken).ConfigureAwait(false);
        }

        if (_taken.Count == 0)
        {
            return;
        }

        if (!coordinator.MayStartRequest)
        {
            // The turn ran out while the changes were taken: they go back, and the next step waits for a new turn.
            await PutBackAsync(isolating, cancellationToken).ConfigureAwait(false);
            return;
        }

        _records.Clear();
        foreach (var change in _taken)
        {
            _records.Add(change.ToRecord());
        }

        var (result, thrown, outcome, answered) = await RequestAsync(ActionType.Update, _records, () => PutBackAsync(isolating, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case PushOutcome.Delivered:
                _failuresInRow = 0;
                foreach (var change in _taken)
                {
                    diagnostics.Acknowledged(change.DirtySince, answered);
                }

                await coordinator.AcknowledgeAsync(_taken, cancellationToken).ConfigureAwait(false);
                break;

            case PushOutcome.TryAgain:
                await PutBackAsync(isolating, cancellationToken).ConfigureAwait(false);
                var delay = (long)Pause(result).TotalMilliseconds;
                if (PushOutcomes.IsOperatorRefusal(result))
                {
                    PublisherLog.OperatorRefused(logger, _taken.Count, delay, Describe(result, thrown));
                }
                else
                {
                    PublisherLog.TransientFailure(logger, _taken.Count, delay, Describe(result, thrown));
                }

                break;

            default:
                _failuresInRow = 0;
                if (_taken.Count == 1)
                {
                    // Reported, so done with: the shared backlog must not give it to the next holder.
                    await coordinator.AcknowledgeAsync(_taken, cancellationToken).ConfigureAwait(false);
                    Report(_taken[0], result, thrown);
                }
                else
                {
                    PublisherLog.BundleRefused(logger, _taken.Count, Describe(result, thrown));
                    _isolation.Split(_taken);
                }

                break;
        }
    }

    private async Task SendFullLoadAsync(CancellationToken cancellationToken)
    {
        var daily = fullLoads.Pending.DailyOnly;
        if (daily && !await coordinator.IsDailyFullLoadNeededAsync(cancellationToken).ConfigureAwait(false))
        {
            fullLoads.Take();
            PublisherLog.DailyFullLoadSentElsewhere(logger);
            return;
        }

        var waiters = fullLoads.Take();
        List<EvseStatusRecord>? records;
        try
        {
            var from = daily ? coordinator.DailySnapshot(cancellationToken) : null;
            records = await fullLoads.ReadSnapshotAsync(coordinator.KnownCount, from, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            fullLoads.RequestAgain(waiters);
            throw;
        }
#pragma warning disable CA1031 // The application's snapshot source may fail in any way; the fullLoad is tried again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            fullLoads.RequestAgain([]);
            var delay = Pause(null);
            PublisherLog.SnapshotFailed(logger, exception, (long)delay.TotalMilliseconds);
            FullLoadCoordinator.Answer(waiters, null, exception);
            return;
        }

        if (records is null)
        {
            PublisherLog.EmptySnapshotRefused(logger);
            diagnostics.FullLoadNotSent("empty_snapshot");
            FullLoadCoordinator.Answer(waiters, null, new InvalidOperationException(
                "The snapshot source returned no record; a fullLoad of nothing would delete every status record of the operator at Hubject. " +
                "Set EvseStatusPublisherOptions.AllowEmptyFullLoad to send it anyway."));
            return;
        }

        if (!coordinator.MayStartRequest)
        {
            // The turn ran out while the snapshot was read: asked again, sent in a later turn (here or elsewhere).
            fullLoads.RequestAgain(waiters);
            return;
        }

        var (result, thrown, outcome, _) = await RequestAsync(
            ActionType.FullLoad,
            records,
            () =>
            {
                fullLoads.RequestAgain(waiters);
                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome == PushOutcome.Delivered)
        {
            _failuresInRow = 0;
            PublisherLog.FullLoadSucceeded(logger, records.Count);
            await coordinator.FullLoadDeliveredAsync(records, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            PublisherLog.FullLoadFailed(logger, records.Count, Describe(result, thrown));
            if (outcome == PushOutcome.TryAgain)
            {
                // An operator refusal (certificate, allow-list, contract) too: the snapshot must reach Hubject once
                // the setup is fixed, not a day later.
                fullLoads.RequestAgain([]);
                Pause(result);
            }
        }

        FullLoadCoordinator.Answer(waiters, result, thrown);
    }

    /// <summary>
    /// Makes one request and books it: the shared rate window, the round trip (of changes only), the metrics, trace and
    /// health figures. When the caller cancels, <paramref name="undo"/> puts the work back before the cancellation goes on.
    /// </summary>
    private async Task<(PushResult? Result, Exception? Thrown, PushOutcome Outcome, long Answered)> RequestAsync(
        ActionType actionType, List<EvseStatusRecord> records, Func<ValueTask> undo, CancellationToken cancellationToken)
    {
        using var activity = PublisherDiagnostics.StartActivity(actionType, records.Count);
        var started = timeProvider.GetTimestamp();
        _lastStart = started;
        PushResult? result = null;
        Exception? thrown = null;
        try
        {
            result = actionType == ActionType.FullLoad
                ? await channel.FullLoadOnceAsync(records, cancellationToken).ConfigureAwait(false)
                : await channel.PushChangesOnceAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await undo().ConfigureAwait(false);
            await coordinator.RecordRequestAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // A pusher that throws for a record (an EVSE of another operator, an EvseID twice in a snapshot) must not stop the others; it is reported.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            thrown = exception;
        }

        var answered = timeProvider.GetTimestamp();
        await coordinator.RecordRequestAsync(cancellationToken).ConfigureAwait(false);
        if (actionType == ActionType.Update && result?.HttpStatusCode is not null)
        {
            _roundTrip.Record(timeProvider.GetElapsedTime(started, answered));
        }

        var outcome = PushOutcomes.Classify(result, thrown);
        diagnostics.Ended(activity, actionType, records.Count, result, outcome);
        return (result, thrown, outcome, answered);
    }

    private static string Describe(PushResult? result, Exception? thrown) => result?.ToString() ?? thrown!.GetType().Name;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private SendingSituation Situation()
    {
        var limiter = channel.RateLimiter;
        var free = limiter.AvailablePermits;
        return new SendingSituation(
            coordinator.WaitingCount + _isolation.Count,
            coordinator.OldestWait(),
            _roundTrip.Estimate,
            free,
            limiter.PermitLimit,
            limiter.IsEnabled ? limiter.GetDelay(free + 1) : TimeSpan.Zero,
            _lastStart is { } last ? timeProvider.GetElapsedTime(last) : TimeSpan.MaxValue);
    }

    /// <summary>How long the rate budget makes the next request wait: the limiter's hard limit, or the policy's spread.</summary>
    private TimeSpan RateWait() => Max(channel.RateLimiter.GetDelay(), _policy.SpreadDelay(Situation()));

    /// <summary>Puts the taken changes back where they came from, first in line, in their order.</summary>
    private ValueTask PutBackAsync(bool isolating, CancellationToken cancellationToken)
    {
        if (isolating)
        {
            _isolation.PutBack(_taken);
            return default;
        }

        return coordinator.RestoreAsync(_taken, cancellationToken);
    }

    /// <summary>Starts (or extends) the pause after a failure, with the SDK's one backoff rule; a Retry-After wins.</summary>
    private TimeSpan Pause(PushResult? result)
    {
        _failuresInRow++;
        var delay = RetryBackoff.Delay(_failuresInRow, channel.Retry, random.NextDouble(), result?.RetryAfter);
        _pauseUntil = timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * timeProvider.TimestampFrequency);
        return delay;
    }

    private TimeSpan Remaining(long until)
    {
        var now = timeProvider.GetTimestamp();
        return until == 0 || now >= until ? TimeSpan.Zero : timeProvider.GetElapsedTime(now, until);
    }

    private void Report(TakenChange change, PushResult? result, Exception? exception)
    {
        var evseId = change.EvseId;
        if (exception is not null)
        {
            PublisherLog.StatusThrew(logger, exception, evseId.ToString(), change.Status);
        }
        else
        {
            PublisherLog.StatusRefused(logger, evseId.ToString(), change.Status, result!.ToString());
        }

        var reason = exception is null ? EvseStatusPublishFailureReason.Refused : EvseStatusPublishFailureReason.Threw;
        reportFailure(new EvseStatusPublishFailedEventArgs(evseId, change.Status, reason, result, exception));
    }
}
