using Microsoft.Extensions.Logging;
using Oicp.Client.Diagnostics;
using Oicp.Client.Transport;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// How one push is tried, as one Polly pipeline: an outer timeout that enforces <see cref="OicpRetryOptions.TotalBudget"/>
/// (attempts, rate-limit waits and delays included), retries of transient failures with the SDK's backoff (a
/// <c>Retry-After</c> wins; no retry starts when its delay would end after the budget), and per attempt the request
/// under <see cref="OicpClientOptions.RequestTimeout"/>, whose expiry becomes a transient timeout result. Every outcome
/// is a <see cref="PushResult"/>; only the caller's cancellation throws.
/// </summary>
internal sealed class PushPipeline
{
    private static readonly ResiliencePropertyKey<PushState> StateKey = new("oicp.push");

    private readonly ResiliencePipeline<PushResult> _pipeline;
    private readonly OicpRetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    public PushPipeline(OicpClientOptions options, ExactSlidingWindowRateLimiter rateLimiter, TimeProvider timeProvider, ILoggerFactory? loggerFactory, ILogger logger, Func<double> random)
    {
        _retry = options.Retry;
        _timeProvider = timeProvider;
        _random = random;
        var requestTimeout = options.RequestTimeout;

        var builder = new ResiliencePipelineBuilder<PushResult> { Name = "Oicp.Client.Push", InstanceName = options.OperatorId, TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Name = "TotalBudget", Timeout = _retry.TotalBudget })
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
                TimeoutGenerator = async args =>
                {
                    await rateLimiter.WaitForRoomAsync(args.Context.CancellationToken).ConfigureAwait(false);
                    return requestTimeout;
                },
                OnTimeout = args =>
                {
                    var state = State(args.Context);
                    state.LastResult = state.TimedOut(args.Timeout);
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
    public async Task<PushResult> ExecuteAsync(PushEvseStatusRequest request, int maxAttempts, Func<PushAttempt, PushEvseStatusRequest, CancellationToken, ValueTask<PushResult>> send, CancellationToken cancellationToken)
    {
        var state = new PushState(this, request, maxAttempts, send, _timeProvider.GetTimestamp());
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

    private bool ShouldRetry(PushState state, Outcome<PushResult> outcome)
    {
        // A request timeout is an exception to Polly; its result (the timeout's, see OnTimeout) is the last one.
        var result = outcome.Exception is TimeoutRejectedException ? state.LastResult : outcome.Result;
        if (result is not { IsTransientFailure: true } || state.Attempt >= state.MaxAttempts)
        {
            return false;
        }

        state.NextDelay = RetryBackoff.Delay(state.Attempt, _retry, _random(), result.RetryAfter);
        return _timeProvider.GetElapsedTime(state.Started) + state.NextDelay <= _retry.TotalBudget;
    }

    /// <summary>What one execution knows about itself, carried in the Polly context.</summary>
    private sealed class PushState(PushPipeline pipeline, PushEvseStatusRequest request, int maxAttempts, Func<PushAttempt, PushEvseStatusRequest, CancellationToken, ValueTask<PushResult>> send, long started)
    {
        public int MaxAttempts { get; } = maxAttempts;

        public long Started { get; } = started;

        public int Attempt { get; private set; }

        public TimeSpan NextDelay { get; set; }

        public PushResult? LastResult { get; set; }

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
