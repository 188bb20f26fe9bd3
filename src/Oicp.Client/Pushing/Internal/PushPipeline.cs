using Microsoft.Extensions.Logging;
using Oicp.Client.Diagnostics;
using Polly.Fallback;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// How one push is tried, on Polly: an outer timeout that enforces <see cref="OicpRetryOptions.TotalBudget"/> (attempts,
/// rate-limit waits and delays included), retries of transient failures with the SDK's backoff (a <c>Retry-After</c>
/// wins; no retry starts when its delay would end after the budget), and per attempt: a wait for room in the
/// operator's rate window, then the request under <see cref="OicpClientOptions.RequestTimeout"/>, whose expiry
/// becomes a transient timeout result. Every outcome is a <see cref="PushResult"/>; only the caller's cancellation throws.
/// </summary>
internal sealed class PushPipeline
{
    private static readonly ResiliencePropertyKey<PushState> StateKey = new("oicp.push");

    private readonly ResiliencePipeline<PushResult> _push;
    private readonly ResiliencePipeline<PushResult> _attempt;
    private readonly ExactSlidingWindowRateLimiter _rateLimiter;
    private readonly OicpRetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    public PushPipeline(OicpClientOptions options, ExactSlidingWindowRateLimiter rateLimiter, TimeProvider timeProvider, ILoggerFactory? loggerFactory, ILogger logger, Func<double> random)
    {
        _rateLimiter = rateLimiter;
        _retry = options.Retry;
        _timeProvider = timeProvider;
        _random = random;
        var operatorId = options.OperatorId;

        var push = new ResiliencePipelineBuilder<PushResult> { Name = "Oicp.Client.Push", InstanceName = operatorId, TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Name = "TotalBudget", Timeout = _retry.TotalBudget })
            .AddRetry(new RetryStrategyOptions<PushResult>
            {
                Name = "Retry",
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(State(args.Context).NextDelay),
                OnRetry = args =>
                {
                    var result = args.Outcome.Result!;
                    Log.PushRetrying(logger, result.ActionType.ToWireString(), args.AttemptNumber + 1, result.FailureKind, (int?)result.HttpStatusCode, result.OicpCode?.Code, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        var attempt = new ResiliencePipelineBuilder<PushResult> { Name = "Oicp.Client.Attempt", InstanceName = operatorId, TimeProvider = timeProvider }
            .AddFallback(new FallbackStrategyOptions<PushResult>
            {
                Name = "RequestTimeout",
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is TimeoutRejectedException),
                FallbackAction = args => Outcome.FromResultAsValueTask(State(args.Context).TimedOut(options.RequestTimeout)),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "RequestTimeout", Timeout = options.RequestTimeout });
        if (loggerFactory is not null)
        {
            push.ConfigureTelemetry(loggerFactory);
            attempt.ConfigureTelemetry(loggerFactory);
        }

        _push = push.Build();
        _attempt = attempt.Build();
    }

    /// <summary>Tries a push: <paramref name="send"/> makes one request and maps whatever happens to a result.</summary>
    public async Task<PushResult> ExecuteAsync(ActionType actionType, int recordCount, int maxAttempts, Func<PushAttempt, CancellationToken, Task<PushResult>> send, CancellationToken cancellationToken)
    {
        var state = new PushState(this, actionType, recordCount, maxAttempts, send, _timeProvider.GetTimestamp());
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _push.ExecuteOutcomeAsync(static (context, state) => state.Pipeline.AttemptAsync(context, state), context, state).ConfigureAwait(false);
            if (outcome.Exception is TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
            {
                // The total budget ran out: the last answer says most about why; without one, the budget itself is the answer.
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

    private async ValueTask<Outcome<PushResult>> AttemptAsync(ResilienceContext context, PushState state)
    {
        try
        {
            // Before the attempt's clock starts: a wait for the rate window is no sign of a slow Hubject.
            await _rateLimiter.WaitForRoomAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception)
        {
            return Outcome.FromException<PushResult>(exception);
        }

        state.Attempt++;
        var outcome = await _attempt.ExecuteOutcomeAsync(
            static async (context, state) =>
            {
                try
                {
                    return Outcome.FromResult(await state.Send(state.Current(), context.CancellationToken).ConfigureAwait(false));
                }
                catch (OperationCanceledException exception)
                {
                    return Outcome.FromException<PushResult>(exception);
                }
            },
            context,
            state).ConfigureAwait(false);
        state.LastResult = outcome.Result ?? state.LastResult;
        return outcome;
    }

    private bool ShouldRetry(ResilienceContext context, Outcome<PushResult> outcome)
    {
        var state = State(context);
        if (outcome.Result is not { IsTransientFailure: true } result || state.Attempt >= state.MaxAttempts)
        {
            return false;
        }

        state.NextDelay = RetryBackoff.Delay(state.Attempt, _retry, _random(), result.RetryAfter);
        return _timeProvider.GetElapsedTime(state.Started) + state.NextDelay <= _retry.TotalBudget;
    }

    /// <summary>What one execution knows about itself, carried in the Polly context.</summary>
    private sealed class PushState(PushPipeline pipeline, ActionType actionType, int recordCount, int maxAttempts, Func<PushAttempt, CancellationToken, Task<PushResult>> send, long started)
    {
        public PushPipeline Pipeline { get; } = pipeline;

        public int MaxAttempts { get; } = maxAttempts;

        public Func<PushAttempt, CancellationToken, Task<PushResult>> Send { get; } = send;

        public long Started { get; } = started;

        public int Attempt { get; set; }

        public TimeSpan NextDelay { get; set; }

        public PushResult? LastResult { get; set; }

        /// <summary>The attempt as it stands now, so that its result is built once with its count and elapsed time.</summary>
        public PushAttempt Current() => new(actionType, recordCount, Attempt, Started, Pipeline._timeProvider);

        public PushResult TimedOut(TimeSpan timeout, bool totalBudget = false) => PushResultFactory.FromTimeout(Current(), timeout, totalBudget);
    }
}
