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
internal sealed class PublisherLoop : IDisposable
{
    private readonly IPushChannel _channel;
    private readonly IPublisherCoordinator _coordinator;
    private readonly FullLoadCoordinator _fullLoads;
    private readonly PublisherDiagnostics _diagnostics;
    private readonly SendingPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly Action<EvseStatusPublishFailedEventArgs> _reportFailure;
    private readonly LoopSignal _signal;
    private readonly RoundTripEstimator _roundTrip = new();
    private readonly RefusalIsolation _isolation = new();
    private readonly List<TakenChange> _taken = [];
    private readonly List<EvseStatusRecord> _records = [];
    private long _pauseUntil;
    private int _failuresInRow;
    private long? _lastStart;
    private volatile bool _stopping;

    public PublisherLoop(
        IPushChannel channel,
        IPublisherCoordinator coordinator,
        FullLoadCoordinator fullLoads,
        PublisherDiagnostics diagnostics,
        EvseStatusPublisherOptions options,
        TimeProvider timeProvider,
        Random random,
        ILogger logger,
        Action<EvseStatusPublishFailedEventArgs> reportFailure)
    {
        _channel = channel;
        _coordinator = coordinator;
        _fullLoads = fullLoads;
        _diagnostics = diagnostics;
        _policy = new SendingPolicy(options.BundleAfter, options.MaxRecordsPerBundle, options.BundlingEnabled);
        _timeProvider = timeProvider;
        _random = random;
        _logger = logger;
        _reportFailure = reportFailure;
        _signal = new LoopSignal(timeProvider);
    }

    /// <summary>Gets how many changes wait in the isolation of a refused bundle.</summary>
    public int IsolatedCount => _isolation.Count;

    /// <summary>Gets the measured round trip, or <see langword="null"/> before the first answer.</summary>
    public TimeSpan? RoundTrip => _roundTrip.HasEstimate ? _roundTrip.Estimate : null;

    public void Wake() => _signal.Wake();

    /// <summary>Stops fullLoads and ends the loop once the changes are sent (or the drain token ends it first).</summary>
    public void BeginStopping()
    {
        _stopping = true;
        _signal.Wake();
    }

    public Task WhenIdleAsync() => _signal.WhenIdleAsync();

    /// <summary>Runs until stopped and drained, or until <paramref name="drain"/> is cancelled; returns the isolated changes it did not send.</summary>
    public async Task<List<TakenChange>> RunAsync(CancellationToken drain)
    {
        while (!drain.IsCancellationRequested)
        {
            try
            {
                var wait = await StepAsync(drain).ConfigureAwait(false);
                if (wait is not { } park)
                {
                    break;
                }

                if (park != TimeSpan.Zero)
                {
                    await _signal.ParkAsync(park, drain).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive anything: a dead loop would silently stop every status.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var delay = Pause(null);
                PublisherLog.LoopFailed(_logger, exception, (long)delay.TotalMilliseconds);
                try
                {
                    // A failure before the step could see the pause (the coordinator's bookkeeping) must not spin.
                    await _signal.ParkAsync(delay, drain).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (drain.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        var isolated = _isolation.TakeAll().ToList();
        _signal.Stopped();
        return isolated;
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Does one thing if it can; returns how long to park (zero: go on, <see langword="null"/>: stopped and drained).</summary>
    private async Task<TimeSpan?> StepAsync(CancellationToken cancellationToken)
    {
        var stopping = _stopping;
        if (stopping && !_coordinator.DrainsOnStop)
        {
            return null;
        }

        var turn = await _coordinator.BeginStepAsync(cancellationToken).ConfigureAwait(false);
        if (!turn.MaySend)
        {
            // Another instance sends now: what this one isolated goes back to the shared backlog.
            if (_isolation.Count > 0)
            {
                await _coordinator.RestoreAsync(_isolation.TakeAll().ToList(), cancellationToken).ConfigureAwait(false);
            }

            return turn.RetryAfter;
        }

        AskForFullLoad(turn.FullLoad);
        var now = _timeProvider.GetUtcNow();
        if (!stopping)
        {
            _fullLoads.CheckDue(now);
        }

        var fullLoad = !stopping && _fullLoads.IsRequested;
        var changes = _coordinator.WaitingCount > 0 || _isolation.Count > 0;
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
                wait = await _coordinator.GetSharedRateDelayAsync(cancellationToken).ConfigureAwait(false);
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

        if (!stopping && _fullLoads.TimeUntilDue(now) is var due && due != Timeout.InfiniteTimeSpan && (wait == Timeout.InfiniteTimeSpan || due < wait))
        {
            wait = due;
        }

        // A positive wait keeps the loop from spinning when a due time is reached between two clock reads.
        return wait == Timeout.InfiniteTimeSpan ? wait : TimeSpan.FromTicks(Math.Max(wait.Ticks, 1));
    }

    private async Task SendChangesAsync(CancellationToken cancellationToken)
    {
        _taken.Clear();
        var isolating = _isolation.TryTake(_taken, _coordinator);
        if (!isolating)
        {
            await _coordinator.TakeAsync(_taken, _policy.RecordsToTake(Situation()), cancellationToken).ConfigureAwait(false);
        }

        if (_taken.Count == 0)
        {
            return;
        }

        if (!_coordinator.MayStartRequest)
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

        using var activity = PublisherDiagnostics.StartActivity(ActionType.Update, _taken.Count);
        var started = _timeProvider.GetTimestamp();
        _lastStart = started;
        PushResult? result = null;
        Exception? thrown = null;
        try
        {
            result = await _channel.PushChangesOnceAsync(_records, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await PutBackAsync(isolating, CancellationToken.None).ConfigureAwait(false);
            await _coordinator.RecordRequestAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // A pusher that throws for one record (an EVSE of another operator) must not stop the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            thrown = exception;
        }

        var answered = _timeProvider.GetTimestamp();
        await _coordinator.RecordRequestAsync(cancellationToken).ConfigureAwait(false);
        if (result?.HttpStatusCode is not null)
        {
            _roundTrip.Record(_timeProvider.GetElapsedTime(started, answered));
        }

        var outcome = PushOutcomes.Classify(result, thrown);
        _diagnostics.Ended(activity, ActionType.Update, _taken.Count, result, outcome);
        switch (outcome)
        {
            case PushOutcome.Delivered:
                _failuresInRow = 0;
                foreach (var change in _taken)
                {
                    _diagnostics.Acknowledged(change.DirtySince, answered);
                }

                await _coordinator.AcknowledgeAsync(_taken, cancellationToken).ConfigureAwait(false);
                break;

            case PushOutcome.TryAgain:
                await PutBackAsync(isolating, cancellationToken).ConfigureAwait(false);
                var delay = (long)Pause(result).TotalMilliseconds;
                if (PushOutcomes.IsOperatorRefusal(result))
                {
                    PublisherLog.OperatorRefused(_logger, _taken.Count, delay, Describe(result, thrown));
                }
                else
                {
                    PublisherLog.TransientFailure(_logger, _taken.Count, delay, Describe(result, thrown));
                }

                break;

            default:
                _failuresInRow = 0;
                if (_taken.Count == 1)
                {
                    // Reported, so done with: the shared backlog must not give it to the next holder.
                    await _coordinator.AcknowledgeAsync(_taken, cancellationToken).ConfigureAwait(false);
                    Report(_taken[0], result, thrown);
                }
                else
                {
                    PublisherLog.BundleRefused(_logger, _taken.Count, Describe(result, thrown));
                    _isolation.Split(_taken);
                }

                break;
        }
    }

    private async Task SendFullLoadAsync(CancellationToken cancellationToken)
    {
        var daily = _fullLoads.IsDailyOnly;
        if (daily && !await _coordinator.IsDailyFullLoadNeededAsync(cancellationToken).ConfigureAwait(false))
        {
            _fullLoads.Take();
            PublisherLog.DailyFullLoadSentElsewhere(_logger);
            return;
        }

        var waiters = _fullLoads.Take();
        List<EvseStatusRecord>? records;
        try
        {
            var from = daily ? _coordinator.DailySnapshot(cancellationToken) : null;
            records = await _fullLoads.ReadSnapshotAsync(_coordinator.KnownCount, from, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _fullLoads.RequestAgain(waiters);
            throw;
        }
#pragma warning disable CA1031 // The application's snapshot source may fail in any way; the fullLoad is tried again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _fullLoads.RequestAgain([]);
            var delay = Pause(null);
            PublisherLog.SnapshotFailed(_logger, exception, (long)delay.TotalMilliseconds);
            Fail(waiters, exception);
            return;
        }

        if (records is null)
        {
            PublisherLog.EmptySnapshotRefused(_logger);
            _diagnostics.FullLoadNotSent("empty_snapshot");
            Fail(waiters, new InvalidOperationException(
                "The snapshot source returned no record; a fullLoad of nothing would delete every status record of the operator at Hubject. " +
                "Set EvseStatusPublisherOptions.AllowEmptyFullLoad to send it anyway."));
            return;
        }

        if (!_coordinator.MayStartRequest)
        {
            // The turn ran out while the snapshot was read: asked again, sent in a later turn (here or elsewhere).
            _fullLoads.RequestAgain(waiters);
            return;
        }

        using var activity = PublisherDiagnostics.StartActivity(ActionType.FullLoad, records.Count);
        _lastStart = _timeProvider.GetTimestamp();
        PushResult? result = null;
        Exception? thrown = null;
        try
        {
            result = await _channel.FullLoadOnceAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _fullLoads.RequestAgain(waiters);
            await _coordinator.RecordRequestAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // A snapshot the pusher refuses (an EvseID twice, an EVSE of another operator) is reported, not fatal.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            thrown = exception;
        }

        await _coordinator.RecordRequestAsync(cancellationToken).ConfigureAwait(false);
        var outcome = PushOutcomes.Classify(result, thrown);
        _diagnostics.Ended(activity, ActionType.FullLoad, records.Count, result, outcome);
        if (outcome == PushOutcome.Delivered)
        {
            _failuresInRow = 0;
            PublisherLog.FullLoadSucceeded(_logger, records.Count);
            await _coordinator.FullLoadDeliveredAsync(records, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            PublisherLog.FullLoadFailed(_logger, records.Count, Describe(result, thrown));
            if (outcome == PushOutcome.TryAgain)
            {
                // An operator refusal (certificate, allow-list, contract) too: the snapshot must reach Hubject once
                // the setup is fixed, not a day later.
                _fullLoads.RequestAgain([]);
                Pause(result);
            }
        }

        if (thrown is not null)
        {
            Fail(waiters, thrown);
            return;
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(result!);
        }
    }

    private static void Fail(List<TaskCompletionSource<PushResult>> waiters, Exception exception)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetException(exception);
        }
    }

    private static string Describe(PushResult? result, Exception? thrown) => result?.ToString() ?? thrown!.GetType().Name;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private SendingSituation Situation()
    {
        var limiter = _channel.RateLimiter;
        var free = limiter.AvailablePermits;
        return new SendingSituation(
            _coordinator.WaitingCount + _isolation.Count,
            _coordinator.OldestWait(),
            _roundTrip.Estimate,
            free,
            limiter.PermitLimit,
            limiter.IsEnabled ? limiter.GetDelay(free + 1) : TimeSpan.Zero,
            _lastStart is { } last ? _timeProvider.GetElapsedTime(last) : TimeSpan.MaxValue);
    }

    /// <summary>How long the rate budget makes the next request wait: the limiter's hard limit, or the policy's spread.</summary>
    private TimeSpan RateWait() => Max(_channel.RateLimiter.GetDelay(), _policy.SpreadDelay(Situation()));

    /// <summary>Asks for the fullLoad the coordinator needs: now (before any change), or once the snapshot source is ready.</summary>
    private void AskForFullLoad(FullLoadNeed need)
    {
        if (need == FullLoadNeed.None || !_fullLoads.HasSource)
        {
            return;
        }

        if (need == FullLoadNeed.Now)
        {
            _fullLoads.Request();
        }
        else
        {
            _fullLoads.RequestWhenReady();
        }
    }

    /// <summary>Puts the taken changes back where they came from, first in line, in their order.</summary>
    private ValueTask PutBackAsync(bool isolating, CancellationToken cancellationToken)
    {
        if (isolating)
        {
            _isolation.PutBack(_taken);
            return default;
        }

        return _coordinator.RestoreAsync(_taken, cancellationToken);
    }

    /// <summary>Starts (or extends) the pause after a failure, with the SDK's one backoff rule; a Retry-After wins.</summary>
    private TimeSpan Pause(PushResult? result)
    {
        _failuresInRow++;
        var delay = RetryBackoff.Delay(_failuresInRow, _channel.Retry, _random.NextDouble(), result?.RetryAfter);
        _pauseUntil = _timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency);
        return delay;
    }

    private TimeSpan Remaining(long until)
    {
        var now = _timeProvider.GetTimestamp();
        return until == 0 || now >= until ? TimeSpan.Zero : _timeProvider.GetElapsedTime(now, until);
    }

    private void Report(TakenChange change, PushResult? result, Exception? exception)
    {
        var evseId = change.EvseId;
        if (exception is not null)
        {
            PublisherLog.StatusThrew(_logger, exception, evseId.ToString(), change.Status);
        }
        else
        {
            PublisherLog.StatusRefused(_logger, evseId.ToString(), change.Status, result!.ToString());
        }

        var reason = exception is null ? EvseStatusPublishFailureReason.Refused : EvseStatusPublishFailureReason.Threw;
        _reportFailure(new EvseStatusPublishFailedEventArgs(evseId, change.Status, reason, result, exception));
    }
}
