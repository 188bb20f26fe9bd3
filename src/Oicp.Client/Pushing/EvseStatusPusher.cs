using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Diagnostics;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Transport;

namespace Oicp.Client;

/// <summary>
/// The <see cref="IEvseStatusPusher"/> of one operator, over the client generated from our OpenAPI document. Register
/// it with <c>services.AddOicpEvseStatusPusher(...)</c>, or construct it over an <see cref="HttpMessageHandler"/> that
/// presents the client certificate.
/// </summary>
public sealed class EvseStatusPusher : IEvseStatusPusher, IPushChannel
{
    private readonly Func<HttpClient> _httpClientSource;
    private readonly OicpClientOptions _options;
    private readonly bool _isHttps;
    private readonly PushRequestBuilder _requestBuilder;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly OperatorTurn _turn = new();
    private readonly PushPipeline _pipeline;
    private readonly Func<PushAttempt, PushEvseStatusRequest, CancellationToken, ValueTask<PushResult>> _sendOnce;
    private readonly PushTelemetry _telemetry;
    private readonly RequestUriCache _requestUris = new();

    /// <summary>Creates a pusher that sends through <paramref name="handler"/>, with the SDK's rate limit, sequencing and response cap in front of it.</summary>
    /// <param name="handler">Sends the requests; it must present the Hubject client certificate (for example a <see cref="SocketsHttpHandler"/> with <c>SslOptions.ClientCertificates</c>). It is not disposed by the pusher.</param>
    /// <param name="options">The settings; validated here with the same rules as at start-up.</param>
    /// <param name="loggerFactory">Where to log (the pusher's events and its retries); nothing is logged when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for timeouts, delays and the rate limit; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the <see cref="OicpTelemetry.MeterName"/> meter; a meter of its own is created when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists what to fix.</exception>
    public EvseStatusPusher(HttpMessageHandler handler, OicpClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(options, wire => CreateClient(handler, wire, options), loggerFactory, timeProvider, meterFactory, random: null)
    {
    }

    internal EvseStatusPusher(OicpClientOptions options, Func<OperatorWire, Func<HttpClient>> httpClientSource, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory, Func<double>? random)
    {
        _options = Validated(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory?.CreateLogger<EvseStatusPusher>() ?? NullLogger<EvseStatusPusher>.Instance;
        _isHttps = options.GetEffectiveBaseAddress().Scheme == Uri.UriSchemeHttps;
        OperatorId = Client.OperatorId.Parse(options.OperatorId!);
        _requestBuilder = new PushRequestBuilder(OperatorId, options.SubOperatorIds.Select(Client.OperatorId.Parse), options.OperatorName);
        Wire = new OperatorWire(new ExactSlidingWindowRateLimiter(options.RateLimit.PermitLimit, options.RateLimit.Window, _timeProvider), options.MaxResponseBytes);
        _httpClientSource = httpClientSource(Wire);
        _pipeline = new PushPipeline(options, Wire.RateLimiter, _timeProvider, loggerFactory, _logger, random ?? Random.Shared.NextDouble);
        _sendOnce = SendOnceAsync;
        _telemetry = new PushTelemetry(meterFactory, OperatorId);
    }

    /// <inheritdoc />
    public OperatorId OperatorId { get; }

    /// <summary>Gets what every request of the operator shares on the wire (for the SDK's wire handler in a DI registration).</summary>
    internal OperatorWire Wire { get; }

    ExactSlidingWindowRateLimiter IPushChannel.RateLimiter => Wire.RateLimiter;

    OicpRetryOptions IPushChannel.Retry => _options.Retry;

    /// <inheritdoc />
    public Task<PushResult> PushStatusAsync(EvseId evseId, EvseStatus status, CancellationToken cancellationToken = default) =>
        PushCoreAsync(_requestBuilder.BuildOne(_options.StatusChangeActionType, evseId, status, nameof(evseId)), _options.Retry.MaxAttempts, cancellationToken);

    /// <inheritdoc />
    public Task<PushResult> PushAsync(ActionType actionType, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        PushCoreAsync(_requestBuilder.Build(actionType, records, nameof(records)), _options.Retry.MaxAttempts, cancellationToken);

    /// <inheritdoc />
    public Task<PushResult> FullLoadAsync(IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        PushCoreAsync(_requestBuilder.Build(ActionType.FullLoad, records, nameof(records)), _options.Retry.MaxAttempts, cancellationToken);

    void IPushChannel.CheckEvse(EvseId evseId, string parameterName) => _requestBuilder.CheckEvse(evseId, parameterName);

    Task<PushResult> IPushChannel.PushChangesOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken) =>
        PushCoreAsync(_requestBuilder.Build(_options.StatusChangeActionType, records, nameof(records)), maxAttempts: 1, cancellationToken);

    Task<PushResult> IPushChannel.FullLoadOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken) =>
        PushCoreAsync(_requestBuilder.Build(ActionType.FullLoad, records, nameof(records)), maxAttempts: 1, cancellationToken);

    private static OicpClientOptions Validated(OicpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = OicpClientOptionsValidator.Check(options, loadCertificates: false, objects: null, handlerPresentsCertificate: true);
        return failures.Count == 0 ? options : throw new ArgumentException("Invalid OicpClientOptions: " + string.Join(" ", failures), nameof(options));
    }

    private static Func<HttpClient> CreateClient(HttpMessageHandler handler, OperatorWire wire, OicpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var client = new HttpClient(new WireHandler(wire) { InnerHandler = handler }, disposeHandler: false)
        {
            BaseAddress = options.GetEffectiveBaseAddress(),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return () => client;
    }

    /// <remarks>The callers build (and so validate) the request before waiting for the turn: a bad argument fails at once, and nothing is sent.</remarks>
    private async Task<PushResult> PushCoreAsync(PushEvseStatusRequest request, int maxAttempts, CancellationToken cancellationToken)
    {
        try
        {
            using var activity = _telemetry.StartPush(request.ActionType, request.OperatorEvseStatus.EvseStatusRecord.Count);
            cancellationToken.ThrowIfCancellationRequested();
            await _turn.TakeAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await _pipeline.ExecuteAsync(request, maxAttempts, _sendOnce, cancellationToken).ConfigureAwait(false);
                LogOutcome(result);
                _telemetry.Ended(activity, result);
                return result;
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            // Every attempt has ended here (Polly's timeouts wait for the attempt they cancel), and each serialized the
            // records into its body before sending: nothing reads them any more.
            PushRequestBuilder.Release(request);
        }
    }

    /// <summary>One request; every outcome but the cancellation of <paramref name="cancellationToken"/> becomes a result.</summary>
    private async ValueTask<PushResult> SendOnceAsync(PushAttempt attempt, PushEvseStatusRequest request, CancellationToken cancellationToken)
    {
        Log.PushSending(_logger, attempt.ActionType.ToWireString(), attempt.RecordCount, request.OperatorEvseStatus.OperatorID);
        try
        {
            var client = new OicpGeneratedClient(_httpClientSource(), _options.PercentEncodeOperatorIdInPath, _requestUris);
            var response = await client.PushEvseStatusAsync(request.OperatorEvseStatus.OperatorID, request, cancellationToken).ConfigureAwait(false);
            return PushResultFactory.FromResponse(attempt, response);
        }
        catch (OicpApiException exception)
        {
            return PushResultFactory.FromApiException(attempt, exception, _timeProvider.GetUtcNow());
        }
        catch (ResponseTooLargeException exception)
        {
            return PushResultFactory.FromResponseTooLarge(attempt, exception);
        }
        catch (ResponseBodyException exception)
        {
            return PushResultFactory.FromUnreadableAnswer(attempt, exception, _timeProvider.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation, or a timeout of the pipeline's: either way not this attempt's to answer.
            throw;
        }
#pragma warning disable CA1031 // Only the caller's cancellation may throw from a push: anything the transport, a chained handler or our reading throws is a result.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return PushResultFactory.FromTransportFailure(attempt, exception, _isHttps);
        }
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
}
