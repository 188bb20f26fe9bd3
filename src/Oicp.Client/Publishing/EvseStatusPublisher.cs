using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oicp.Client.Internal;

namespace Oicp.Client.Publishing;

/// <summary>
/// Sends EVSE status changes to Hubject from a background loop built on <see cref="IEvseStatusPusher"/>,
/// with Hubject's best practices built in.
/// </summary>
/// <remarks>
/// <para>
/// <b>Coalescing.</b> Each EVSE has one slot holding its latest status; an EVSE waits in the queue at most
/// once. A change for a waiting EVSE replaces the waiting status, so only the latest state is ever sent,
/// and since requests are sequential and each one reads the slot when it goes out, an older status is
/// never sent after a newer one.
/// </para>
/// <para>
/// <b>Pace.</b> One change per request, one request at a time, and never more than
/// <see cref="EvseStatusPublisherOptions.MaxPushesPerMinute"/> requests in any 60-second window.
/// </para>
/// <para>
/// <b>Bundling.</b> When more EVSEs wait than single requests can send within
/// <see cref="EvseStatusPublisherOptions.StalenessBudget"/>, the waiting EVSEs go out in update requests of
/// up to <see cref="EvseStatusPublisherOptions.MaxRecordsPerBundle"/> records, until the backlog fits the
/// budget again. This keeps the intent of "one at a time": Hubject asks for it so that each status arrives
/// as soon as it happens and is never overtaken. A bundle holds only EVSEs that already waited, each EvseID
/// once (no code 018), each with its latest state only, and requests stay sequential; without bundling
/// those same statuses would reach Hubject later and some of them stale. A bundle Hubject refuses for
/// good is split into single requests, so one bad EVSE cannot sink the others.
/// </para>
/// <para>
/// <b>Failures.</b> A transient failure (see <see cref="PushResult.IsTransientFailure"/>) keeps the latest
/// states queued and pauses sending with exponential backoff and randomness, and so does a refusal of the
/// operator rather than the EVSE (017, 300, 210, HTTP 401/403/404: certificate, allow-list, partner,
/// contract), which every status would meet alike. A permanent failure of one EVSE drops that one status
/// and raises <see cref="PublishFailed"/>; other EVSEs carry on.
/// </para>
/// <para>
/// <b>fullLoad.</b> Once a day (and on demand) every record of the <see cref="IEvseStatusSnapshotSource"/>
/// goes out in ONE request. Changes published meanwhile wait and follow it, so the snapshot never
/// overwrites a newer status; EVSEs whose latest published status differs from the snapshot are sent again.
/// </para>
/// </remarks>
public sealed class EvseStatusPublisher : IEvseStatusPublisher, IAsyncDisposable
{
    private const string OutcomeSuccess = "success";
    private const string OutcomeTransient = "transient";
    private const string OutcomePermanent = "permanent";

    private readonly IEvseStatusPusher _pusher;
    private readonly EvseStatusPublisherOptions _options;
    private readonly IEvseStatusSnapshotSource? _snapshotSource;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly EvseBacklog _backlog;
    private readonly SlidingWindowLimiter _rateLimiter;
    private readonly PublisherMetrics _metrics;
    private readonly TimeZoneInfo _timeZone;
    private readonly TimeSpan _singleSendInterval;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _drain;
    private readonly List<TakenChange> _taken = [];
    private readonly List<EvseStatusRecord> _bundleRecords = [];

    // Guards the parking handshake, the fullLoad waiters and the start/stop state.
    private readonly object _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _wakeRequested;
    private bool _parked = true;
    private TaskCompletionSource? _idleWaiter;
    private List<TaskCompletionSource<PushResult>> _fullLoadWaiters = [];
    private volatile bool _fullLoadRequested;
    private volatile bool _stopping;
    private int _disposed;
    private Task<IReadOnlyList<EvseStatusRecord>>? _loop;

    private DateTimeOffset? _nextFullLoad;
    private long _backoffUntil;
    private int _consecutiveTransientFailures;
    private bool _bundling;

    /// <summary>Initializes a new instance of the <see cref="EvseStatusPublisher"/> class. Call <see cref="Start"/> to begin sending.</summary>
    /// <param name="pusher">Sends the requests; the publisher never calls it concurrently.</param>
    /// <param name="options">The settings.</param>
    /// <param name="snapshotSource">Supplies the fullLoad snapshot; without it no fullLoad is sent.</param>
    /// <param name="logger">Receives the publisher's log messages.</param>
    /// <param name="timeProvider">The clock for the rate limit, backoff and schedule; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="meterFactory">Creates the <c>Oicp.Client</c> meter; a meter of its own is created when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public EvseStatusPublisher(
        IEvseStatusPusher pusher,
        EvseStatusPublisherOptions options,
        IEvseStatusSnapshotSource? snapshotSource = null,
        ILogger<EvseStatusPublisher>? logger = null,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
        : this(pusher, options, snapshotSource, logger, timeProvider, meterFactory, random: null)
    {
    }

    internal EvseStatusPublisher(
        IEvseStatusPusher pusher,
        EvseStatusPublisherOptions options,
        IEvseStatusSnapshotSource? snapshotSource,
        ILogger? logger,
        TimeProvider? timeProvider,
        IMeterFactory? meterFactory,
        Random? random)
    {
        ArgumentNullException.ThrowIfNull(pusher);
        ArgumentNullException.ThrowIfNull(options);
        var errors = EvseStatusPublisherOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _pusher = pusher;
        _options = options;
        _snapshotSource = snapshotSource;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _backlog = new EvseBacklog(_timeProvider);
        _rateLimiter = new SlidingWindowLimiter(options.MaxPushesPerMinute, TimeSpan.FromMinutes(1), _timeProvider);
        _metrics = new PublisherMetrics(meterFactory, _backlog);
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.FullLoadTimeZoneId);
        _singleSendInterval = TimeSpan.FromMinutes(1) / options.MaxPushesPerMinute;
        _timer = _timeProvider.CreateTimer(static state => ((EvseStatusPublisher)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
    }

    /// <inheritdoc />
    public event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed;

    /// <inheritdoc />
    public int PendingCount => _backlog.Count;

    /// <summary>Gets the meter the publisher records on (for tests that collect its measurements).</summary>
    internal Meter Meter => _metrics.Meter;

    /// <summary>Gets when the next daily fullLoad is due, jitter included, once the publisher has started.</summary>
    internal DateTimeOffset? NextFullLoad => _nextFullLoad;

    /// <inheritdoc />
    public void Publish(EvseId evseId, EvseStatus status)
    {
        if (evseId.IsEmpty)
        {
            throw new ArgumentException("The default (empty) EvseId cannot be published.", nameof(evseId));
        }

        if (_backlog.Publish(evseId, status))
        {
            Wake();
        }
    }

    /// <inheritdoc />
    public void TriggerFullLoad() => _ = RequestFullLoadCore();

    /// <inheritdoc />
    public Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default) =>
        RequestFullLoadCore().WaitAsync(cancellationToken);

    /// <summary>Starts the background loop. Changes published before are kept and sent first.</summary>
    /// <exception cref="InvalidOperationException">The publisher was already started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("The publisher was already started.");
            }

            _parked = false;
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>
    /// Stops the publisher: sends what is queued within <see cref="EvseStatusPublisherOptions.ShutdownTimeout"/>
    /// (or until <paramref name="cancellationToken"/> is cancelled), then gives up on the rest and logs it.
    /// </summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    /// <returns>The latest status of every EVSE that could not be sent.</returns>
    public async Task<IReadOnlyList<EvseStatusRecord>> StopAsync(CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<EvseStatusRecord>>? loop;
        lock (_gate)
        {
            loop = _loop;
            _stopping = true;
        }

        if (loop is null)
        {
            return Report(_backlog.TakeAllUnsent());
        }

        _drain.CancelAfter(_options.ShutdownTimeout);
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _drain);
        Wake();
        return await loop.ConfigureAwait(false);
    }

    /// <summary>Stops the publisher (see <see cref="StopAsync"/>) and releases its timer and meter.</summary>
    /// <returns>A task that completes when the publisher is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        // The container disposes the instance once per registration that resolved it (the class and the interface).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _timer.Dispose();
        _drain.Dispose();
        _metrics.Dispose();
    }

    /// <summary>
    /// Completes when the loop is parked: nothing can be sent until time passes or a change arrives. After a
    /// <c>FakeTimeProvider.Advance</c> or a <see cref="Publish"/>, awaiting this lets tests observe the result
    /// deterministically. Pushers used with it must not wait for the fake clock themselves.
    /// </summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_parked)
            {
                return Task.CompletedTask;
            }

            _idleWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idleWaiter.Task;
        }
    }

    private Task<PushResult> RequestFullLoadCore()
    {
        if (_snapshotSource is null)
        {
            throw new InvalidOperationException("A fullLoad needs an IEvseStatusSnapshotSource; none was given to the publisher.");
        }

        var completion = new TaskCompletionSource<PushResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _fullLoadWaiters.Add(completion);
            _fullLoadRequested = true;
        }

        Wake();
        return completion.Task;
    }

    private void Wake()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            _wakeRequested = waiter is null;
            _parked = false;
        }

        waiter?.TrySetResult();
    }

    private async Task ParkAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_wakeRequested)
            {
                _wakeRequested = false;
                return;
            }

            _waiter = waiter;
        }

        using var registration = cancellationToken.Register(static state => ((EvseStatusPublisher)state!).Wake(), this);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }

        // Only now, with the timer armed, may a test see the loop as idle and move the clock.
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (_waiter == waiter)
            {
                _parked = true;
                idle = _idleWaiter;
                _idleWaiter = null;
            }
        }

        idle?.TrySetResult();
        await waiter.Task.ConfigureAwait(false);
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private async Task<IReadOnlyList<EvseStatusRecord>> RunAsync()
    {
        var token = _drain.Token;
        if (_options.FullLoadOnStart && _snapshotSource is not null)
        {
            _fullLoadRequested = true;
        }

        ScheduleNextFullLoad(_timeProvider.GetUtcNow());
        while (!token.IsCancellationRequested)
        {
            try
            {
                var wait = await StepAsync(token).ConfigureAwait(false);
                if (wait is null)
                {
                    break;
                }

                if (wait.Value != TimeSpan.Zero)
                {
                    await ParkAsync(wait.Value, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive anything: a dead loop would silently stop every status.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var delay = Backoff();
                PublisherLog.LoopFailed(_logger, exception, (long)delay.TotalMilliseconds);
            }
        }

        var unsent = Report(_backlog.TakeAllUnsent());
        FailFullLoadWaiters();
        lock (_gate)
        {
            _parked = true;
            _idleWaiter?.TrySetResult();
            _idleWaiter = null;
        }

        return unsent;
    }

    /// <summary>Does one thing if it can; returns how long to park (zero: go on, <see langword="null"/>: stop).</summary>
    private async Task<TimeSpan?> StepAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (!_stopping && _nextFullLoad is { } due && due <= now)
        {
            _fullLoadRequested = true;
            ScheduleNextFullLoad(now);
        }

        var fullLoadWaiting = !_stopping && _fullLoadRequested;
        if (_stopping && _backlog.Count == 0)
        {
            return null;
        }

        var wait = Timeout.InfiniteTimeSpan;
        var backoff = _backoffUntil == 0 ? TimeSpan.Zero : Remaining(_backoffUntil);
        if (backoff > TimeSpan.Zero)
        {
            wait = backoff;
        }
        else if (fullLoadWaiting || _backlog.Count > 0)
        {
            var rateDelay = _rateLimiter.GetDelay();
            if (rateDelay > TimeSpan.Zero)
            {
                wait = rateDelay;
            }
            else
            {
                if (fullLoadWaiting)
                {
                    await FullLoadAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SendChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                return TimeSpan.Zero;
            }
        }

        if (!_stopping && _nextFullLoad is { } next)
        {
            var untilFullLoad = next - now;
            if (wait == Timeout.InfiniteTimeSpan || untilFullLoad < wait)
            {
                wait = untilFullLoad;
            }
        }

        // A positive wait keeps the loop from spinning when a due time is reached between two clock reads.
        return wait == Timeout.InfiniteTimeSpan ? wait : TimeSpan.FromTicks(Math.Max(wait.Ticks, 1));
    }

    private async Task SendChangesAsync(CancellationToken cancellationToken)
    {
        UpdateBundling();
        _taken.Clear();
        _backlog.Take(_taken, _bundling ? _options.MaxRecordsPerBundle : 1);
        if (_taken.Count == 0)
        {
            return;
        }

        var single = _taken.Count == 1;
        using var activity = StartActivity(ActionType.Update, _taken.Count);
        PushResult? result = null;
        Exception? thrown = null;
        try
        {
            if (single)
            {
                result = await _pusher.PushStatusAsync(_taken[0].Slot.EvseId, _taken[0].Status, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _bundleRecords.Clear();
                foreach (var change in _taken)
                {
                    _bundleRecords.Add(change.ToRecord());
                }

                result = await _pusher.PushAsync(ActionType.Update, _bundleRecords, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            RestoreTaken(first: true);
            throw;
        }
#pragma warning disable CA1031 // A pusher that throws for one record (an EVSE of another operator) must not stop the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            thrown = exception;
        }
        finally
        {
            // Counted from completion: the request reached Hubject somewhere before it (see SlidingWindowLimiter).
            _rateLimiter.RecordCompletion();
        }

        Tag(activity, result);
        if (result is { IsSuccess: true })
        {
            _consecutiveTransientFailures = 0;
            _metrics.Pushed(ActionType.Update, OutcomeSuccess);
            _metrics.RecordsSent(_taken.Count);
            var acknowledged = _timeProvider.GetTimestamp();
            foreach (var change in _taken)
            {
                change.Slot.SendAlone = false;
                _metrics.Staleness(_timeProvider.GetElapsedTime(change.DirtySince, acknowledged));
            }

            return;
        }

        if (result is { IsTransientFailure: true } || IsOperatorRefusal(result))
        {
            _metrics.Pushed(ActionType.Update, OutcomeTransient);
            _metrics.Failed(result, transient: true);
            RestoreTaken(first: false);
            var delay = Backoff();
            if (result.IsTransientFailure)
            {
                PublisherLog.TransientFailure(_logger, _taken.Count, (long)delay.TotalMilliseconds, result.ToString());
            }
            else
            {
                PublisherLog.OperatorRefused(_logger, _taken.Count, (long)delay.TotalMilliseconds, result.ToString());
            }

            return;
        }

        _consecutiveTransientFailures = 0;
        _metrics.Pushed(ActionType.Update, OutcomePermanent);
        _metrics.Failed(result, transient: false);
        if (single)
        {
            var change = _taken[0];
            change.Slot.SendAlone = false;
            ReportPermanent(change, result, thrown);
            return;
        }

        PublisherLog.BundleRefused(_logger, _taken.Count, result?.ToString() ?? thrown!.GetType().Name);
        for (var i = _taken.Count - 1; i >= 0; i--)
        {
            _taken[i].Slot.SendAlone = true;
            _backlog.Restore(_taken[i], first: true);
        }
    }

    private async Task FullLoadAsync(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource<PushResult>> waiters;
        lock (_gate)
        {
            _fullLoadRequested = false;
            waiters = _fullLoadWaiters;
            _fullLoadWaiters = [];
        }

        // One list, handed to the pusher as it is: a large snapshot is never held twice by the publisher.
        var records = new List<EvseStatusRecord>(_backlog.KnownCount);
        try
        {
            await foreach (var record in _snapshotSource!.GetSnapshotAsync(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                records.Add(record);
            }
        }
        catch (OperationCanceledException)
        {
            RequeueFullLoad(waiters);
            throw;
        }
#pragma warning disable CA1031 // The application's snapshot source may fail in any way; the fullLoad is retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RequeueFullLoad([]);
            var delay = Backoff();
            PublisherLog.SnapshotFailed(_logger, exception, (long)delay.TotalMilliseconds);
            foreach (var waiter in waiters)
            {
                waiter.TrySetException(exception);
            }

            return;
        }

        using var activity = StartActivity(ActionType.FullLoad, records.Count);
        PushResult result;
        try
        {
            result = await _pusher.FullLoadAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RequeueFullLoad(waiters);
            throw;
        }
        catch (Exception exception)
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetException(exception);
            }

            throw;
        }
        finally
        {
            _rateLimiter.RecordCompletion();
        }

        Tag(activity, result);
        if (result.IsSuccess)
        {
            _consecutiveTransientFailures = 0;
            _metrics.Pushed(ActionType.FullLoad, OutcomeSuccess);
            _metrics.RecordsSent(records.Count);
            PublisherLog.FullLoadSucceeded(_logger, records.Count);
            _backlog.RequeueDiffering(records);
        }
        else
        {
            // An operator refusal (certificate, allow-list, contract) is retried like a passing fault: the
            // snapshot must reach Hubject once the setup is fixed, not a day later.
            var transient = result.IsTransientFailure || IsOperatorRefusal(result);
            _metrics.Pushed(ActionType.FullLoad, transient ? OutcomeTransient : OutcomePermanent);
            _metrics.Failed(result, transient);
            PublisherLog.FullLoadFailed(_logger, records.Count, result.ToString());
            if (transient)
            {
                RequeueFullLoad([]);
                Backoff();
            }
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(result);
        }
    }

    private void RequeueFullLoad(List<TaskCompletionSource<PushResult>> waiters)
    {
        lock (_gate)
        {
            _fullLoadWaiters.AddRange(waiters);
            _fullLoadRequested = true;
        }
    }

    private void FailFullLoadWaiters()
    {
        List<TaskCompletionSource<PushResult>> waiters;
        lock (_gate)
        {
            waiters = _fullLoadWaiters;
            _fullLoadWaiters = [];
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(new OperationCanceledException("The publisher stopped before the fullLoad was sent."));
        }
    }

    private void RestoreTaken(bool first)
    {
        if (first)
        {
            for (var i = _taken.Count - 1; i >= 0; i--)
            {
                _backlog.Restore(_taken[i], first: true);
            }
        }
        else
        {
            foreach (var change in _taken)
            {
                _backlog.Restore(change, first: false);
            }
        }
    }

    private void UpdateBundling()
    {
        var bundle = _options.BundlingEnabled && _options.MaxRecordsPerBundle > 1 && _backlog.Count > 1 && SinglesWouldGoStale();
        if (bundle != _bundling)
        {
            _bundling = bundle;
            if (bundle)
            {
                PublisherLog.BundlingStarted(_logger, _backlog.Count, _options.MaxRecordsPerBundle);
            }
            else
            {
                PublisherLog.BundlingStopped(_logger);
            }
        }
    }

    /// <summary>
    /// Whether sending the waiting EVSEs one by one would break the staleness budget, now or for the changes that follow.
    /// </summary>
    /// <remarks>
    /// Now: the first EVSE's wait plus the later of two drain times. At the sustained rate, a backlog that would spend
    /// most of a minute's requests is bundled even though a sliding window would let it out at once; in the limiter's
    /// own schedule, after a burst has filled the window even a small backlog waits tens of seconds for the burst's
    /// starts to leave it. After: a sliding window refills only as old starts leave it, so singles that use up its room
    /// leave the next changes waiting up to a minute, however few they are. The backlog goes singly only if, after it,
    /// a budget's worth of further requests at the sustained rate could still start within the budget.
    /// </remarks>
    private bool SinglesWouldGoStale()
    {
        var backlog = _backlog.Count;
        var budget = _options.StalenessBudget;
        var atRate = _singleSendInterval * backlog;
        var inWindow = _rateLimiter.GetDelay(backlog);
        if (_backlog.OldestWait() + (atRate > inWindow ? atRate : inWindow) > budget)
        {
            return true;
        }

        var reserve = (int)Math.Min(int.MaxValue - backlog, budget / _singleSendInterval);
        return _rateLimiter.GetDelay(backlog + reserve) > budget;
    }

    /// <summary>
    /// Whether Hubject refused the operator rather than the EVSE: a wrong or expired certificate (017,
    /// HTTP 401), the firewall or IP allow-list (HTTP 403), an unknown partner (300, HTTP 404) or no
    /// contract (210). Every status would meet the same answer, so dropping them one by one would lose the
    /// whole network's state; they are kept and retried with backoff until the operator's setup is fixed.
    /// </summary>
    private static bool IsOperatorRefusal([NotNullWhen(true)] PushResult? result) =>
        result is not null &&
        (result.HttpStatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound ||
         result.StatusCode == OicpStatusCode.UnauthorizedAccess ||
         result.StatusCode == OicpStatusCode.PartnerNotFound ||
         result.StatusCode == OicpStatusCode.NoValidContract);

    private void ReportPermanent(TakenChange change, PushResult? result, Exception? exception)
    {
        var evseId = change.Slot.EvseId.ToString();
        if (exception is not null)
        {
            PublisherLog.StatusThrew(_logger, exception, evseId, change.Status);
        }
        else
        {
            PublisherLog.StatusRefused(_logger, evseId, change.Status, result!.ToString());
        }

        try
        {
            PublishFailed?.Invoke(this, new EvseStatusPublishFailedEventArgs(change.Slot.EvseId, change.Status, result, exception));
        }
#pragma warning disable CA1031 // A faulty handler must not stop the loop.
        catch (Exception handlerException)
#pragma warning restore CA1031
        {
            PublisherLog.HandlerThrew(_logger, handlerException);
        }
    }

    /// <summary>Starts (or extends) the pause after a transient failure: doubling, capped, with randomness.</summary>
    private TimeSpan Backoff()
    {
        _consecutiveTransientFailures++;
        var exponent = Math.Min(_consecutiveTransientFailures - 1, 30);
        var ceiling = Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(exponent, 20)));
        var delay = TimeSpan.FromTicks((long)(ceiling * (0.5 + (_random.NextDouble() * 0.5))));
        _backoffUntil = _timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency);
        return delay;
    }

    private TimeSpan Remaining(long until)
    {
        var now = _timeProvider.GetTimestamp();
        return now >= until ? TimeSpan.Zero : _timeProvider.GetElapsedTime(now, until);
    }

    private void ScheduleNextFullLoad(DateTimeOffset after)
    {
        if (_snapshotSource is null || _options.DailyFullLoadTime is not { } timeOfDay)
        {
            return;
        }

        _nextFullLoad = FullLoadSchedule.Next(after, timeOfDay, _timeZone, _options.FullLoadJitter, _random);
        PublisherLog.FullLoadScheduled(_logger, _nextFullLoad.Value);
    }

    private IReadOnlyList<EvseStatusRecord> Report(List<EvseStatusRecord> unsent)
    {
        if (unsent.Count == 0)
        {
            PublisherLog.StoppedDrained(_logger);
        }
        else
        {
            PublisherLog.StoppedWithUnsent(_logger, unsent.Count, string.Join(", ", unsent.Take(10).Select(record => record.EvseId.ToString())));
        }

        return unsent;
    }

    private static Activity? StartActivity(ActionType actionType, int recordCount)
    {
        var activity = PublisherTracing.Source.StartActivity("oicp.publisher.push", ActivityKind.Client);
        activity?.SetTag("oicp.action", actionType.ToWireString());
        activity?.SetTag("oicp.record_count", recordCount);
        return activity;
    }

    private static void Tag(Activity? activity, PushResult? result)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("oicp.code", PublisherMetrics.CodeOf(result));
        activity.SetStatus(result is { IsSuccess: true } ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }
}
