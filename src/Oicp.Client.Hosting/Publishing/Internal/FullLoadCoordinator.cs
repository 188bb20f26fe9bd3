using Microsoft.Extensions.Logging;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Decides when a fullLoad is due and reads its snapshot: the daily one (a local time of day plus jitter), the
/// start-up one (once the snapshot source is ready), and those asked for by the application, with their waiters.
/// The loop sends it; this class knows nothing of the channel.
/// </summary>
internal sealed class FullLoadCoordinator(
    IEvseStatusSnapshotSource? source,
    EvseStatusPublisherOptions options,
    TimeProvider timeProvider,
    Random random,
    ILogger logger,
    Action wake)
{
    private readonly object _lock = new();
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.FullLoadTimeZoneId);
    private List<TaskCompletionSource<PushResult>> _waiters = [];
    private bool _requested;
    private bool _dailyOnly;
    private bool _stopped;
    private CancellationToken _stopping;

    /// <summary>Gets when the next daily fullLoad is due, jitter included, once the publisher has started.</summary>
    public DateTimeOffset? NextDue { get; private set; }

    /// <summary>Gets whether a fullLoad waits to be sent, and whether it is only the daily one (nobody waits for it, nothing else asked).</summary>
    public (bool Requested, bool DailyOnly) Pending
    {
        get
        {
            lock (_lock)
            {
                return (_requested, _requested && _dailyOnly);
            }
        }
    }

    /// <summary>
    /// Schedules the daily fullLoad and, when configured and <paramref name="startupFullLoad"/> allows (a coordinator may
    /// decide it instead), asks for one as soon as the snapshot source is ready.
    /// </summary>
    public void Start(CancellationToken stopping, bool startupFullLoad = true)
    {
        _stopping = stopping;
        Schedule(timeProvider.GetUtcNow());
        if (options.FullLoadOnStart && startupFullLoad)
        {
            Ask(FullLoadNeed.WhenReady);
        }
    }

    /// <summary>Asks for the fullLoad a coordinator needs: now (before any change), or once the snapshot source is ready; nothing without a source.</summary>
    public void Ask(FullLoadNeed need)
    {
        if (source is null || need == FullLoadNeed.None)
        {
            return;
        }

        if (need == FullLoadNeed.Now)
        {
            Request(null);
        }
        else
        {
            _ = RequestWhenReadyAsync(source, _stopping);
        }
    }

    /// <summary>Asks for a fullLoad and returns what Hubject will answer to it.</summary>
    public Task<PushResult> RequestAsync()
    {
        var completion = new TaskCompletionSource<PushResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Request(completion);
        return completion.Task;
    }

    /// <summary>Asks for a fullLoad without waiting for it; its outcome is logged.</summary>
    public void Request() => Request(null);

    /// <summary>Asks for the daily fullLoad when it is due, and schedules the next one; returns how long until that one (infinite when there is none).</summary>
    public TimeSpan CheckDue(DateTimeOffset now)
    {
        if (NextDue is { } due && due <= now)
        {
            Request(null, daily: true);
            Schedule(now);
        }

        return NextDue is { } next ? next - now : Timeout.InfiniteTimeSpan;
    }

    /// <summary>Takes the request and its waiters, for the fullLoad that goes out now.</summary>
    public List<TaskCompletionSource<PushResult>> Take()
    {
        lock (_lock)
        {
            var waiters = _waiters;
            _waiters = [];
            _requested = false;
            _dailyOnly = false;
            return waiters;
        }
    }

    /// <summary>Asks again after a passing failure (the waiters, if any, were answered already or wait on).</summary>
    public void RequestAgain(List<TaskCompletionSource<PushResult>> waiters)
    {
        lock (_lock)
        {
            _waiters.AddRange(waiters);
            _dailyOnly = false;
            _requested = true;
        }
    }

    /// <summary>
    /// Reads the snapshot into one list. Returns <see langword="null"/> when it is empty and an empty fullLoad is not
    /// allowed: it would delete every record of the operator at Hubject.
    /// </summary>
    public async Task<List<EvseStatusRecord>?> ReadSnapshotAsync(int expectedCount, IAsyncEnumerable<EvseStatusRecord>? from, CancellationToken cancellationToken)
    {
        var records = new List<EvseStatusRecord>(expectedCount);
        await foreach (var record in (from ?? source!.GetSnapshotAsync(cancellationToken)).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records.Count == 0 && !options.AllowEmptyFullLoad ? null : records;
    }

    /// <summary>Ends every pending request: the publisher stopped. Later requests fail at once.</summary>
    public void Stop()
    {
        List<TaskCompletionSource<PushResult>> waiters;
        lock (_lock)
        {
            _stopped = true;
            _requested = false;
            waiters = _waiters;
            _waiters = [];
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(Stopped());
        }
    }

    /// <summary>Gives the waiters of a fullLoad what came of it: Hubject's answer, or the failure.</summary>
    public static void Answer(List<TaskCompletionSource<PushResult>> waiters, PushResult? result, Exception? failure)
    {
        foreach (var waiter in waiters)
        {
            if (failure is null)
            {
                waiter.TrySetResult(result!);
            }
            else
            {
                waiter.TrySetException(failure);
            }
        }
    }

    private static InvalidOperationException Stopped() => new("The publisher stopped before the fullLoad was sent.");

    private void Request(TaskCompletionSource<PushResult>? waiter, bool daily = false)
    {
        if (source is null)
        {
            throw new InvalidOperationException("A fullLoad needs an IEvseStatusSnapshotSource; none was given to the publisher.");
        }

        lock (_lock)
        {
            if (_stopped)
            {
                waiter?.TrySetException(Stopped());
                return;
            }

            if (waiter is not null)
            {
                _waiters.Add(waiter);
            }

            _dailyOnly = daily && (!_requested || _dailyOnly) && _waiters.Count == 0;
            _requested = true;
        }

        wake();
    }

    private async Task RequestWhenReadyAsync(IEvseStatusSnapshotSource readySource, CancellationToken stopping)
    {
        try
        {
            await readySource.WaitUntilReadyAsync(stopping).ConfigureAwait(false);
            Request(null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before the source was ready: no start-up fullLoad.
        }
#pragma warning disable CA1031 // The application's readiness check may fail in any way; the daily fullLoad still comes.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            PublisherLog.SnapshotNotReady(logger, exception);
        }
    }

    private void Schedule(DateTimeOffset after)
    {
        if (source is null || options.DailyFullLoadTime is not { } timeOfDay)
        {
            return;
        }

        NextDue = FullLoadSchedule.Next(after, timeOfDay, _timeZone, options.FullLoadJitter, random);
        PublisherLog.FullLoadScheduled(logger, NextDue.Value);
    }
}
