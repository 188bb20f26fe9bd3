using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Oicp.Client.Internal;
using Oicp.Client.Internal.Generated;
using Oicp.Client.Publishing.Internal;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client;

/// <summary>
/// The <see cref="IEvseStatusPusher"/> of one operator, over the client generated from our OpenAPI
/// document. Register it with <c>services.AddOicpEvseStatusPusher(...)</c>, or construct it directly
/// with an <see cref="HttpClient"/> that carries the client certificate.
/// </summary>
public sealed class EvseStatusPusher : IEvseStatusPusher, IPushChannel
{
    private readonly Func<HttpClient> _httpClientSource;
    private readonly OicpClientOptions _options;
    private readonly bool _isHttps;
    private readonly PushEndpoint _endpoint;
    private readonly PushRequestBuilder _requestBuilder;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly FifoGate _gate = new();
    private readonly ExactSlidingWindowRateLimiter _rateLimiter;
    private readonly Func<double> _jitter;

    /// <summary>Creates a pusher that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The client to send with; it must present the Hubject client certificate. Its <see cref="HttpClient.Timeout"/> should not be shorter than <see cref="OicpClientOptions.RequestTimeout"/>.</param>
    /// <param name="options">The settings; validated here with the same rules as at start-up.</param>
    /// <param name="logger">Where to log; nothing is logged when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for timeouts and elapsed times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists what to fix.</exception>
    public EvseStatusPusher(HttpClient httpClient, OicpClientOptions options, ILogger<EvseStatusPusher>? logger = null, TimeProvider? timeProvider = null)
        : this(ReturnSame(httpClient), options, logger, timeProvider)
    {
    }

    internal EvseStatusPusher(Func<HttpClient> httpClientSource, OicpClientOptions options, ILogger? logger, TimeProvider? timeProvider, Func<double>? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientSource);
        ArgumentNullException.ThrowIfNull(options);
        var failures = OicpClientOptionsValidator.Check(options, loadCertificates: false);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid OicpClientOptions: " + string.Join(" ", failures), nameof(options));
        }

        _httpClientSource = httpClientSource;
        _options = options;
        var baseAddress = options.GetEffectiveBaseAddress();
        _isHttps = baseAddress.Scheme == Uri.UriSchemeHttps;
        _endpoint = new PushEndpoint(baseAddress, options.PercentEncodeOperatorIdInPath, options.MaxResponseBytes);
        OperatorId = Client.OperatorId.Parse(options.OperatorId!);
        _requestBuilder = new PushRequestBuilder(OperatorId, options.SubOperatorIds.Select(Client.OperatorId.Parse), options.OperatorName);
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _rateLimiter = new ExactSlidingWindowRateLimiter(options.RateLimit.PermitLimit, options.RateLimit.Window, _timeProvider);
        _jitter = jitter ?? Random.Shared.NextDouble;
    }

    /// <inheritdoc />
    public OperatorId OperatorId { get; }

    /// <summary>Gets the operator's one rate limiter, which the publisher reads to plan its requests.</summary>
    ExactSlidingWindowRateLimiter IPushChannel.RateLimiter => _rateLimiter;

    /// <summary>Gets the backoff settings, which the publisher uses between tries of its background traffic.</summary>
    OicpRetryOptions IPushChannel.Retry => _options.Retry;

    /// <inheritdoc />
    void IPushChannel.CheckEvse(EvseId evseId, string parameterName) => _requestBuilder.CheckEvse(evseId, parameterName);

    /// <inheritdoc />
    Task<PushResult> IPushChannel.PushChangesOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken) =>
        PushCoreAsync(_options.StatusChangeActionType, _requestBuilder.Build(_options.StatusChangeActionType, records, nameof(records)), maxAttempts: 1, cancellationToken);

    /// <inheritdoc />
    Task<PushResult> IPushChannel.FullLoadOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken) =>
        PushCoreAsync(ActionType.FullLoad, _requestBuilder.Build(ActionType.FullLoad, records, nameof(records)), maxAttempts: 1, cancellationToken);

    /// <inheritdoc />
    public Task<PushResult> PushStatusAsync(EvseId evseId, EvseStatus status, CancellationToken cancellationToken = default) =>
        PushCoreAsync(_options.StatusChangeActionType, _requestBuilder.Build(_options.StatusChangeActionType, new EvseStatusRecord(evseId, status), nameof(evseId)), _options.Retry.MaxAttempts, cancellationToken);

    /// <inheritdoc />
    public Task<PushResult> PushAsync(ActionType actionType, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        PushCoreAsync(actionType, _requestBuilder.Build(actionType, records, nameof(records)), _options.Retry.MaxAttempts, cancellationToken);

    /// <inheritdoc />
    public Task<PushResult> FullLoadAsync(IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        PushCoreAsync(ActionType.FullLoad, _requestBuilder.Build(ActionType.FullLoad, records, nameof(records)), _options.Retry.MaxAttempts, cancellationToken);

    /// <remarks>The callers build (and so validate) the request before waiting for the turn: a bad argument fails at once, and nothing is sent.</remarks>
    private async Task<PushResult> PushCoreAsync(ActionType actionType, PushEvseStatusRequest request, int maxAttempts, CancellationToken cancellationToken)
    {
        var recordCount = request.OperatorEvseStatus.EvseStatusRecord.Count;

        await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await SendWithRetriesAsync(actionType, recordCount, request, maxAttempts, cancellationToken).ConfigureAwait(false);
            LogOutcome(result);
            return result;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private async ValueTask<PushResult> SendWithRetriesAsync(ActionType actionType, int recordCount, PushEvseStatusRequest request, int maxAttempts, CancellationToken cancellationToken)
    {
        var retry = _options.Retry;
        var started = _timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            PushResult result;

            // The lease counts the attempt from its completion; every attempt that may have reached Hubject counts, cancelled ones included.
            using (await _rateLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
            {
                result = await SendOnceAsync(actionType, recordCount, request, attempt, started, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = result.Elapsed;
            if (!result.IsTransientFailure || attempt >= maxAttempts)
            {
                return result;
            }

            var delay = RetryBackoff.Delay(attempt, retry, _jitter(), result.RetryAfter);
            if (elapsed + delay > retry.TotalBudget)
            {
                return result;
            }

            Log.PushRetrying(_logger, actionType.ToWireString(), attempt, result.FailureKind, (int?)result.HttpStatusCode, result.OicpCode?.Code, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<PushResult> SendOnceAsync(ActionType actionType, int recordCount, PushEvseStatusRequest request, int attempt, long started, CancellationToken cancellationToken)
    {
        Log.PushSending(_logger, actionType.ToWireString(), recordCount, request.OperatorEvseStatus.OperatorID);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        // A linked source only when the caller can cancel: it costs an allocation and a registration per push.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token) : null;
        var client = new OicpGeneratedClient(_httpClientSource(), _endpoint);
        try
        {
            var response = await client.PushEvseStatusAsync(request.OperatorEvseStatus.OperatorID, request, linked?.Token ?? timeout.Token).ConfigureAwait(false);
            return PushResultFactory.FromResponse(Attempt(actionType, recordCount, attempt, started), response);
        }
        catch (OicpGeneratedApiException exception)
        {
            return PushResultFactory.FromApiException(Attempt(actionType, recordCount, attempt, started), exception, _timeProvider.GetUtcNow());
        }
        catch (Exception exception) when (FindTooLarge(exception) is { } tooLarge)
        {
            return PushResultFactory.FromResponseTooLarge(Attempt(actionType, recordCount, attempt, started), tooLarge);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException or System.Security.Authentication.AuthenticationException)
        {
            // Only the caller's cancellation propagates; our own timeout and every network error become a result.
            cancellationToken.ThrowIfCancellationRequested();
            return PushResultFactory.FromTransportFailure(Attempt(actionType, recordCount, attempt, started), exception, timeout.IsCancellationRequested, _options.RequestTimeout, _isHttps);
        }
        catch (Exception exception)
        {
            // Whatever else is thrown becomes a result too: a handler chained on the IHttpClientBuilder throwing its
            // own exception (Polly's TimeoutRejectedException, BrokenCircuitException), or an answer whose body cannot
            // be read, which keeps its status (a 503 stays a retried HTTP error).
            cancellationToken.ThrowIfCancellationRequested();
            return client.AnswerStatus is { } status
                ? PushResultFactory.FromUnreadableAnswer(Attempt(actionType, recordCount, attempt, started), status, client.AnswerHeaders!, exception, _timeProvider.GetUtcNow())
                : PushResultFactory.FromTransportFailure(Attempt(actionType, recordCount, attempt, started), exception, isTimeout: false, _options.RequestTimeout, _isHttps);
        }
    }

    /// <summary>Describes the attempt as it ends, so the result is built once with its count and elapsed time.</summary>
    private PushAttempt Attempt(ActionType actionType, int recordCount, int attempt, long started) =>
        new(actionType, recordCount, attempt, _timeProvider.GetElapsedTime(started));

    private static ResponseTooLargeException? FindTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is ResponseTooLargeException tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }

    private void LogOutcome(PushResult result)
    {
        var action = result.ActionType.ToWireString();
        var http = (int?)result.HttpStatusCode;
        if (result.IsSuccess)
        {
            Log.PushSucceeded(_logger, action, result.RecordCount, result.OicpCode.Value.Code, result.ProcessId, (long)result.Elapsed.TotalMilliseconds);
        }
        else if (result.OicpCode is { } code)
        {
            Log.PushRejected(_logger, action, result.RecordCount, http, code.Code, result.Description, result.AdditionalInfo, result.ProcessId);
        }
        else
        {
            Log.PushFailed(_logger, action, result.RecordCount, result.FailureKind, http, result.ErrorMessage);
        }
    }

    private static Func<HttpClient> ReturnSame(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }
}
