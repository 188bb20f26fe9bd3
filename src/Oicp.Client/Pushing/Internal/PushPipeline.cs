using Microsoft.Extensions.Logging;
using Oicp.Client.Diagnostics;
using Oicp.Client.Transport;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// How one push is tried, as one Polly pipeline: retries of transient failures with the SDK's backoff (a
/// <c>Retry-After</c> wins; no retry starts when its delay would end after <see cref="OicpRetryOptions.TotalBudget"/>),
/// and per attempt a wait for room in the rate window, then the request under a timeout of
/// <see cref="OicpClientOptions.RequestTimeout"/> or what is left of the budget, whichever is shorter. The budget is
/// enforced without a timer of its own: the wait, the attempt and the delays each end where it ends, so a push ends
/// within it, with one timer per attempt instead of two (an outer timeout cost a push about 0.25 us). Every outcome is
/// a <see cref="PushResult"/>; only the caller's cancellation throws.
/// </summary>
internal sealed class PushPipeline
{
    private static readonly ResiliencePropertyKey<PushState> StateKey = new("oicp.push");

    private readonly ResiliencePipeline<PushResult> _pipeline;
    private readonly OicpRetryOptions _retry;
    private readonly TimeSpan _requestTimeout;
    private readonly ExactSlidingWindowRateLimiter _rateLimiter;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    public PushPipeline(OicpClientOptions options, ExactSlidingWindowRateLimiter rateLimiter, TimeProvider timeProvider, ILoggerFactory? loggerFactory, ILogger logger, Func<double> random)
    {
        _retry = options.Retry;
        _requestTimeout = options.RequestTimeout;
        _rateLimiter = rateLimiter;
        _timeProvider = timeProvider;
        _random = random;

        var builder = new ResiliencePipelineBuilder<PushResult> { Name = "Oicp.Client.Push", InstanceName = options.OperatorId, TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<PushResult>
            {
                Name = "Retry",
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(State(args.Context), args.Outcome)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(State(args.Context).NextDelay),
                OnRetry = args =>
                {
                    var result = State(args.Context).LastResult!;
                    Log.PushRetrying(logger, result.ActionType.ToWireString(), args.AttemptNumber + 1, result.FailureKind, (int?)result.HttpStatusCode, result.OicpCode?.Code, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "RequestTimeout",
                // The attempt's clock starts only once the operator's rate window has room: a wait for the window is no
                // sign of a slow Hubject. The wait runs under the total budget, and completes at once when there is room.
                TimeoutGenerator = args => WaitForRoomAsync(State(args.Context), args.Context.CancellationToken),
                OnTimeout = args =>
                {
                    var state = State(args.Context);
                    if (state.EndsWithBudget)
                    {
                        // The budget, not Hubject's answer time, ended the attempt: the last answer (if any) is the result.
                        state.BudgetSpent = true;
                    }
                    else
                    {
                        state.LastResult = state.TimedOut(args.Timeout);
                    }

                    return default;
                },
            });
        if (loggerFactory is not null)
        {
            builder.ConfigureTelemetry(loggerFactory);
        }

        _pipeline = builder.Build();
    }

    /// <summary>Tries a push: <paramref name="send"/> makes one request and maps whatever happens but cancellation to a result.</summary>
    public async ValueTask<PushResult> ExecuteAsync(PushEvseStatusRequest request, int maxAttempts, Func<PushAttempt, PushEvseStatusRequest, CancellationToken, ValueTask<PushResult>> send, CancellationToken cancellationToken)
    {
        var state = new PushState(this, request, maxAttempts, send);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(static (context, state) => state.AttemptAsync(context.CancellationToken), context, state).ConfigureAwait(false);
            if (outcome.Exception is TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
            {
                // A request timeout on the last attempt, or the total budget ran out: the last answer says most about
                // why; without one, the budget itself is the answer.
                return state.LastResult ?? state.TimedOut(_retry.TotalBudget, totalBudget: true);
            }

            // Only the caller's cancellation is left to throw: every other failure is a result.
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static PushState State(ResilienceContext context) => context.Properties.GetValue(StateKey, null!);

    /// <summary>
    /// Waits for room in the rate window (without taking a permit: the request takes it where it reaches the wire) within
    /// what is left of the budget, then gives the attempt its timeout: the request timeout, or the rest of the budget when
    /// that is shorter. Throws Polly's <see cref="TimeoutRejectedException"/> when the budget is spent first.
    /// </summary>
    private ValueTask<TimeSpan> WaitForRoomAsync(PushState state, CancellationToken cancellationToken)
    {
        // The push's clock starts as its first attempt is prepared, its turn just taken: the whole budget is left
        // (one clock read fewer per push; on a virtual machine each costs about 25 ns).
        var left = state.StartClock() ? _retry.TotalBudget : Left(state);
        var wait = _rateLimiter.GetDelay();
        return wait > TimeSpan.Zero && left > TimeSpan.Zero ? WaitAsync(state, wait, left, cancellationToken) : new(AttemptTimeout(state, left));
    }

    private async ValueTask<TimeSpan> WaitAsync(PushState state, TimeSpan wait, TimeSpan left, CancellationToken cancellationToken)
    {
        for (; wait > TimeSpan.Zero && left > TimeSpan.Zero; wait = _rateLimiter.GetDelay(), left = Left(state))
        {
            await Task.Delay(wait < left ? wait : left, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return AttemptTimeout(state, left);
    }

    private TimeSpan AttemptTimeout(PushState state, TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            state.BudgetSpent = true;
            throw new TimeoutRejectedException("The push's total budget ran out.", _retry.TotalBudget);
        }

        state.EndsWithBudget = left < _requestTimeout;
        return state.EndsWithBudget ? left : _requestTimeout;
    }

    /// <summary>What is left of the push's budget, rounded up to whole milliseconds as timers count (a wait of 0.4 ms would not wait).</summary>
    private TimeSpan Left(PushState state) =>
        TimeSpan.FromMilliseconds(Math.Ceiling((_retry.TotalBudget - _timeProvider.GetElapsedTime(state.Started)).TotalMilliseconds));

    private bool ShouldRetry(PushState state, Outcome<PushResult> outcome)
    {
        // A request timeout is an exception to Polly; its result (the timeout's, see OnTimeout) is the last one.
        var result = outcome.Exception is TimeoutRejectedException ? state.LastResult : outcome.Result;
        if (result is not { IsTransientFailure: true } || state.Attempt >= state.MaxAttempts || state.BudgetSpent)
        {
            return false;
        }

        state.NextDelay = RetryBackoff.Delay(state.Attempt, _retry, _random(), result.RetryAfter);
        return _timeProvider.GetElapsedTime(state.Started) + state.NextDelay <= _retry.TotalBudget;
    }

    /// <summary>What one execution knows about itself, carried in the Polly context.</summary>
    private sealed class PushState(PushPipeline pipeline, PushEvseStatusRequest request, int maxAttempts, Func<PushAttempt, PushEvseStatusRequest, CancellationToken, ValueTask<PushResult>> send)
    {
        private bool _clockStarted;

        public int MaxAttempts { get; } = maxAttempts;

        /// <summary>Gets the timestamp the push's time and budget count from (see <see cref="StartClock"/>).</summary>
        public long Started { get; private set; }

        public int Attempt { get; private set; }

        public TimeSpan NextDelay { get; set; }

        public PushResult? LastResult { get; set; }

        /// <summary>Gets or sets a value indicating whether the current attempt's timeout is what is left of the total budget.</summary>
        public bool EndsWithBudget { get; set; }

        /// <summary>Gets or sets a value indicating whether the total budget ran out: no attempt follows.</summary>
        public bool BudgetSpent { get; set; }

        /// <summary>Starts the push's clock if it has not started yet; returns whether it started now.</summary>
        public bool StartClock()
        {
            if (_clockStarted)
            {
                return false;
            }

            Started = pipeline._timeProvider.GetTimestamp();
            _clockStarted = true;
            return true;
        }

        /// <summary>One attempt; the request timeout's expiry and cancellation leave it as an exception, which Polly catches.</summary>
        public async ValueTask<Outcome<PushResult>> AttemptAsync(CancellationToken cancellationToken)
        {
            Attempt++;
            var result = await send(Current(), request, cancellationToken).ConfigureAwait(false);
            LastResult = result;
            return Outcome.FromResult(result);
        }

        public PushResult TimedOut(TimeSpan timeout, bool totalBudget = false) => PushResultFactory.FromTimeout(Current(), timeout, totalBudget);

        /// <summary>The attempt as it stands now, so that its result is built once with its count and elapsed time.</summary>
        private PushAttempt Current() => new(request.ActionType, request.OperatorEvseStatus.EvseStatusRecord.Count, Attempt, Started, pipeline._timeProvider);
    }
}
