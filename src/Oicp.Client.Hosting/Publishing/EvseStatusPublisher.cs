using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oicp.Client.Publishing.Internal;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Publishing;

/// <summary>
/// Sends EVSE status changes to Hubject from a background loop over the operator's <see cref="IEvseStatusPusher"/>,
/// keeping Hubject's view as fresh as the round trip and the rate limit allow. See docs/publishing.md.
/// </summary>
/// <remarks>
/// <para>
/// <b>Latest wins.</b> Each EVSE has one slot holding its latest status and waits in the queue at most once; a change
/// for a waiting EVSE replaces the waiting status. Requests are sequential and each reads the slot when it goes out,
/// so an older status is never sent after a newer one.
/// </para>
/// <para>
/// <b>Driven by the round trip.</b> One request at a time. While the waiting changes can go one by one and each still
/// leave within the measured round trip plus <see cref="EvseStatusPublisherOptions.BundleAfter"/>, they go as singles,
/// as Hubject asks; otherwise the next request carries all of them (up to
/// <see cref="EvseStatusPublisherOptions.MaxRecordsPerBundle"/>). The operator's one rate limiter
/// (<see cref="OicpClientOptions.RateLimit"/>) is shared with the pusher, and its budget is spread so that a burst never
/// silences the channel while the window slides.
/// </para>
/// <para>
/// <b>Failures.</b> The publisher owns the retries of its traffic: a failure that may pass, an unreadable answer, or a
/// refusal of the operator rather than the EVSE (017, 300, 210, HTTP 401/403/404) keeps the latest statuses and tries
/// again after the SDK's backoff (<see cref="OicpClientOptions.Retry"/>). A request of several records refused for good
/// is split in halves until the culprit is alone; a single refused for good raises <see cref="PublishFailed"/>.
/// </para>
/// <para>
/// <b>fullLoad.</b> Once a day, once at start-up (when the snapshot source is ready) and on demand, every record of the
/// <see cref="IEvseStatusSnapshotSource"/> goes out in ONE request; an empty snapshot is refused unless allowed.
/// Changes published meanwhile follow it, and EVSEs whose latest published status differs from the snapshot are sent again.
/// </para>
/// </remarks>
public sealed class EvseStatusPublisher : IEvseStatusPublisher, IAsyncDisposable
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopping = 2;
    private const int Stopped = 3;

    private readonly object _lock = new();
    private readonly IPushChannel _channel;
    private readonly EvseStatusPublisherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly EvseBacklog _backlog;
    private readonly IPublisherCoordinator _coordinator;
    private readonly FullLoadCoordinator _fullLoads;
    private readonly PublisherDiagnostics _diagnostics;
    private readonly LoopSignal _signal;
    private readonly PublisherLoop _loop;
    private readonly CancellationTokenSource _drain;
    private volatile int _state;
    private int _disposed;
    private Task<IReadOnlyList<EvseStatusRecord>>? _stopped;

    /// <summary>Initializes a new instance of the <see cref="EvseStatusPublisher"/> class. Call <see cref="Start"/> to begin sending.</summary>
    /// <param name="pusher">Sends the requests; the publisher never calls it concurrently. With the SDK's own
    /// <see cref="EvseStatusPusher"/>, the publisher shares its rate limiter and backoff settings and makes one attempt per
    /// request (it retries itself, always with the latest statuses); another pusher gets a limiter of Hubject's
    /// 2000 requests per minute in front of it and the default backoff.</param>
    /// <param name="options">The settings.</param>
    /// <param name="snapshotSource">Supplies the fullLoad snapshot; without it no fullLoad is sent.</param>
    /// <param name="logger">Receives the publisher's log messages.</param>
    /// <param name="timeProvider">The clock for the backoff and the schedule; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="meterFactory">Creates the <c>Oicp.Client</c> meter; a meter of its own is created when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public EvseStatusPublisher(
        IEvseStatusPusher pusher,
        EvseStatusPublisherOptions options,
        IEvseStatusSnapshotSource? snapshotSource = null,
        ILogger<EvseStatusPublisher>? logger = null,
        TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null)
        : this(PusherChannel.For(pusher ?? throw new ArgumentNullException(nameof(pusher)), timeProvider ?? TimeProvider.System), options, snapshotSource, logger, timeProvider, meterFactory, random: null)
    {
    }

    internal EvseStatusPublisher(
        IPushChannel channel,
        EvseStatusPublisherOptions options,
        IEvseStatusSnapshotSource? snapshotSource,
        ILogger? logger,
        TimeProvider? timeProvider,
        IMeterFactory? meterFactory,
        Random? random,
        PublisherCoordinatorFactory? coordinator = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        var errors = EvseStatusPublisherOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _channel = channel;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var randomness = random ?? Random.Shared;
        _backlog = new EvseBacklog(_timeProvider);
        _coordinator = coordinator?.Invoke(_backlog, options) ?? new InProcessCoordinator(_backlog);
        _diagnostics = new PublisherDiagnostics(meterFactory, _backlog, _timeProvider);
        _signal = new LoopSignal(_timeProvider);
        _fullLoads = new FullLoadCoordinator(snapshotSource, options, _timeProvider, randomness, _logger, _signal.Wake);
        _loop = new PublisherLoop(channel, _coordinator, _fullLoads, _diagnostics, options, _timeProvider, randomness, _logger, _signal, RaisePublishFailed);
        _coordinator.Attach(_signal.Wake);
        _drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
    }

    /// <inheritdoc />
    public event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed;

    /// <inheritdoc />
    public int PendingCount => _coordinator.PendingCount + _loop.IsolatedCount;

    /// <summary>Gets the meter the publisher records on (for tests that collect its measurements).</summary>
    internal Meter Meter => _diagnostics.Meter;

    /// <summary>Gets the coordinator that decides where the changes wait and who sends them (for tests of the coordination).</summary>
    internal IPublisherCoordinator Coordinator => _coordinator;

    /// <summary>Gets when the next daily fullLoad is due, jitter included, once the publisher has started.</summary>
    internal DateTimeOffset? NextFullLoad => _fullLoads.NextDue;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="evseId"/> is empty or belongs to another operator, or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The publisher has stopped: the status could never be sent.</exception>
    public void Publish(EvseId evseId, EvseStatus status)
    {
        _channel.CheckEvse(evseId, nameof(evseId));
        if (!OicpWireNames.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "EvseStatus must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown.");
        }

        // Under the lock, so that stopping collects what is unsent only once no Publish that saw the publisher running is halfway.
        lock (_lock)
        {
            if (_state == Stopped)
            {
                throw new InvalidOperationException($"The publisher has stopped; status {status} of EVSE {evseId} cannot be sent. Publish before StopAsync completes.");
            }

            if (_backlog.Publish(evseId, status))
            {
                _coordinator.Published();
            }
        }
    }

    /// <inheritdoc />
    public void TriggerFullLoad() => _fullLoads.Request();

    /// <inheritdoc />
    public Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default) =>
        _fullLoads.RequestAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public EvseStatusPublisherHealth GetHealth() =>
        _diagnostics.Health(_state == Running, PendingCount, _coordinator.OldestWait(), _loop.RoundTrip);

    /// <summary>Starts the background loop. Changes published before are kept and sent first.</summary>
    /// <exception cref="InvalidOperationException">The publisher was already started, or has stopped.</exception>
    public void Start()
    {
        lock (_lock)
        {
            if (_state != Created)
            {
                throw new InvalidOperationException(_state == Running ? "The publisher was already started." : "A stopped publisher cannot be started again.");
            }

            _state = Running;
            _diagnostics.Started();
            _fullLoads.Start(_drain.Token, _coordinator.UsesStartupFullLoad);
            _coordinator.Start(_drain.Token);

            // Busy until the loop has parked with its first wait armed: WhenIdleAsync must not let a test move the
            // clock between the loop reading the time and arming the timer.
            _signal.Wake();
            _stopped = Task.Run(RunAsync);
        }
    }

    /// <summary>
    /// Stops the publisher: sends what is queued within <see cref="EvseStatusPublisherOptions.ShutdownTimeout"/> (or until
    /// <paramref name="cancellationToken"/> is cancelled), then gives up on the rest: each such status is logged and
    /// raised through <see cref="PublishFailed"/> with <see cref="EvseStatusPublishFailureReason.NotSentBeforeStop"/>,
    /// and returned. A fullLoad asked for and not sent fails with <see cref="InvalidOperationException"/>. Calling it again
    /// (or after <see cref="DisposeAsync"/>) returns the same list.
    /// </summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    /// <returns>The latest status of every EVSE that could not be sent.</returns>
    public async Task<IReadOnlyList<EvseStatusRecord>> StopAsync(CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<EvseStatusRecord>> stopped;
        lock (_lock)
        {
            if (_state == Created)
            {
                // Never started: nothing will be sent, everything is reported.
                _state = Stopping;
                _stopped = FinishAsync([]);
            }
            else if (_state == Running)
            {
                _state = Stopping;
                _drain.CancelAfter(_options.ShutdownTimeout);
                _loop.BeginStopping();
            }

            stopped = _stopped!;
        }

        // Not once stopped: the drain may be disposed by then.
        using var registration = stopped.IsCompleted ? default : cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _drain);
        return await stopped.ConfigureAwait(false);
    }

    /// <summary>Stops the publisher (see <see cref="StopAsync"/>) and releases its timers and meter.</summary>
    /// <returns>A task that completes when the publisher is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        // The container disposes the instance once per registration that resolved it (the class and the interface).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _signal.Dispose();
        _drain.Dispose();
        _diagnostics.Dispose();
    }

    /// <summary>
    /// Completes when the loop is parked: nothing can be sent until time passes or a change arrives. After a
    /// <c>FakeTimeProvider.Advance</c> or a <see cref="Publish"/>, awaiting this lets tests observe the result
    /// deterministically. Pushers used with it must not wait for the fake clock themselves.
    /// </summary>
    internal Task WhenIdleAsync() => _signal.WhenIdleAsync();

    private async Task<IReadOnlyList<EvseStatusRecord>> RunAsync()
    {
        var isolated = await _loop.RunAsync(_drain.Token).ConfigureAwait(false);
        return await FinishAsync(isolated).ConfigureAwait(false);
    }

    /// <summary>Closes the door to Publish, collects what is still unsent (the loop's leftovers and late changes) and reports all of it.</summary>
    private async Task<IReadOnlyList<EvseStatusRecord>> FinishAsync(List<TakenChange> isolated)
    {
        lock (_lock)
        {
            _state = Stopped;
        }

        var unsent = await _coordinator.StopAsync(isolated).ConfigureAwait(false);
        _fullLoads.Stop();
        var records = unsent.ConvertAll(change => change.ToRecord());
        Report(unsent);
        return records;
    }

    private void Report(List<TakenChange> unsent)
    {
        if (unsent.Count == 0)
        {
            PublisherLog.StoppedDrained(_logger);
            return;
        }

        // Every EvseID, in messages of a hundred, so that a log line stays readable and nothing is left out.
        var first = 1;
        foreach (var chunk in unsent.Chunk(100))
        {
            PublisherLog.StoppedWithUnsent(_logger, unsent.Count, first, first + chunk.Length - 1, string.Join(", ", chunk.Select(change => change.EvseId)));
            first += chunk.Length;
        }

        foreach (var change in unsent)
        {
            RaisePublishFailed(new EvseStatusPublishFailedEventArgs(change.EvseId, change.Status, EvseStatusPublishFailureReason.NotSentBeforeStop, null, null));
        }
    }

    private void RaisePublishFailed(EvseStatusPublishFailedEventArgs args)
    {
        try
        {
            PublishFailed?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A faulty handler must not stop the loop or the shutdown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            PublisherLog.HandlerThrew(_logger, exception);
        }
    }
}
