using System.Globalization;
using System.Net.Http.Headers;

namespace Oicp.Client.Testing.Internal;

/// <summary>
/// The one request-processing core behind both front ends: routing, fault injection, protocol
/// watching, authorisation, schema validation and Hubject's rules for applying a push.
/// </summary>
internal sealed class EmulatorRequestProcessor(OicpEmulator emulator)
{
    private static readonly string[] RouteSuffix = ["evsepush", "v21", "operators", "{operatorID}", "status-records"];

    public async Task<EmulatorReply> ProcessAsync(EmulatorExchange exchange, CancellationToken cancellationToken)
    {
        var number = emulator.NextRequestNumber();
        var roundTrip = emulator.RoundTripTimeOf(number);
        var toEmulator = TimeSpan.FromTicks(roundTrip.Ticks / 2);
        var segment = MatchRoute(exchange.RawPath);
        var operatorText = segment is null ? null : Uri.UnescapeDataString(segment);
        OperatorId? pathOperator = OperatorId.TryParse(operatorText, out var parsedOperator) ? parsedOperator : null;

        // A request outside the operation belongs to no operator: it is counted, but never in flight.
        var statisticsKey = operatorText is null ? null : pathOperator is { } known ? OperatorKey.Of(known) : operatorText;
        emulator.Statistics.Enter(statisticsKey);
        try
        {
            await TravelAsync(toEmulator, cancellationToken).ConfigureAwait(false);
            var reply = operatorText is null
                ? NotFound(number, exchange.RawPath)
                : await HandleAsync(number, exchange, pathOperator, operatorText, cancellationToken).ConfigureAwait(false);
            await TravelAsync(roundTrip - toEmulator, cancellationToken).ConfigureAwait(false);
            return reply;
        }
        finally
        {
            emulator.Statistics.Exit(statisticsKey);
        }
    }

    /// <summary>Half of a round trip on the emulator's clock; nothing at all when there is no round-trip time.</summary>
    private Task TravelAsync(TimeSpan time, CancellationToken cancellationToken) =>
        time > TimeSpan.Zero ? Task.Delay(time, emulator.TimeProvider, cancellationToken) : Task.CompletedTask;

    private EmulatorReply NotFound(long number, string rawPath)
    {
        var notFound = EmulatorReplies.Text(404, "Not Found", Guid.NewGuid().ToString("D"));
        emulator.Log(number, emulator.TimeProvider.GetUtcNow(), rawPath, null, null, notFound, null, null, []);
        return notFound;
    }

    private async Task<EmulatorReply> HandleAsync(long number, EmulatorExchange exchange, OperatorId? pathOperator, string operatorText, CancellationToken cancellationToken)
    {
        var receivedAt = emulator.TimeProvider.GetUtcNow();
        var processId = Guid.NewGuid().ToString("D");
        var fault = emulator.Faults.TakeFor(pathOperator);
        if (fault is not null)
        {
            emulator.Statistics.CountFaulted();
            if (fault.Kind != EmulatorFaultKind.Delay)
            {
                var faulted = EmulatorReplies.FromFault(fault, processId);
                emulator.Log(number, receivedAt, exchange.RawPath, pathOperator, null, faulted, fault.StatusCode, fault.Kind, []);
                return faulted;
            }

            await Task.Delay(fault.DelayTime, emulator.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var body = await ReadBodyAsync(exchange, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            var tooLarge = EmulatorReplies.ValidationFault(
                413,
                "Payload Too Large",
                string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {emulator.MaxRequestBodyBytes} bytes (OicpEmulatorOptions.MaxRequestBodyBytes)."),
                [],
                processId);
            emulator.Log(number, receivedAt, exchange.RawPath, pathOperator, null, tooLarge, null, fault?.Kind, []);
            return tooLarge;
        }

        var outcome = Evaluate(exchange, pathOperator, operatorText, body, processId);
        emulator.Log(number, receivedAt, exchange.RawPath, pathOperator, outcome.Push, outcome.Reply, outcome.StatusCode, fault?.Kind, body);
        return outcome.Reply;
    }

    /// <summary>Returns the raw operatorID segment of <c>.../evsepush/v21/operators/{operatorID}/status-records</c>, under any base path.</summary>
    private static string? MatchRoute(string rawPath)
    {
        var segments = rawPath.TrimEnd('/').Split('/');
        if (segments.Length < RouteSuffix.Length)
        {
            return null;
        }

        var offset = segments.Length - RouteSuffix.Length;
        for (var i = 0; i < RouteSuffix.Length; i++)
        {
            if (i != 3 && !string.Equals(segments[offset + i], RouteSuffix[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        var segment = segments[offset + 3];
        return segment.Length == 0 ? null : segment;
    }

    /// <summary>Reads the body, or returns <see langword="null"/> when it is larger than the emulator accepts (without reading more of it).</summary>
    private async Task<byte[]?> ReadBodyAsync(EmulatorExchange exchange, CancellationToken cancellationToken)
    {
        var limit = emulator.MaxRequestBodyBytes;
        if (exchange.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new BoundedBodyBuffer(limit);
        try
        {
            await exchange.CopyBodyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTooLarge(exception))
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static bool IsTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BodyTooLargeException)
            {
                return true;
            }
        }

        return false;
    }

    private Outcome Evaluate(EmulatorExchange exchange, OperatorId? pathOperator, string operatorText, byte[] body, string processId)
    {
        if (!string.Equals(exchange.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome(EmulatorReplies.Text(405, "Method Not Allowed", processId));
        }

        if (pathOperator is not { } pathId)
        {
            return BadRequest(processId, new FieldError("operatorID", $"'{operatorText}' (URL path) does not match the OperatorID pattern."));
        }

        lock (emulator.SyncRoot)
        {
            var caller = exchange.Certificate is { } certificate ? certificate.OperatorId : emulator.CallerOperatorId;
            var callerKnown = exchange.Certificate is not null || emulator.CallerOperatorId is not null;
            if (callerKnown && !IsCaller(caller, pathId))
            {
                return Unauthorized(caller, pathId, "URL path", processId);
            }

            if (!emulator.TryGetOperator(pathId, out var state))
            {
                return Acknowledgment(404, OicpStatusCode.PartnerNotFound, $"OperatorID {pathId} is not a registered partner.", processId);
            }

            if (!state.TryAdmit(emulator.TimeProvider.GetUtcNow(), emulator.RateLimitPerMinute, out var retryAfter))
            {
                emulator.Statistics.CountRateLimited();
                return new Outcome(EmulatorReplies.TooManyRequests(Math.Max(1, EmulatorReplies.CeilingSeconds(retryAfter)), processId));
            }

            if (exchange.ContentType is { } contentType && !IsJson(contentType))
            {
                return new Outcome(EmulatorReplies.ValidationFault(415, "Unsupported media type", $"Content-Type '{contentType}' is not application/json.", [], processId));
            }

            var errors = new List<FieldError>();
            var push = PushRequestParser.Parse(body, errors, out var malformedJson);
            if (push is null)
            {
                return new Outcome(EmulatorReplies.ValidationFault(400, malformedJson is null ? "Request validation failed" : "Malformed JSON", malformedJson, errors, processId));
            }

            if (callerKnown && !IsCaller(caller, push.OperatorId))
            {
                return Unauthorized(caller, push.OperatorId, "body", processId) with { Push = push };
            }

            if (!push.OperatorId.IsSameOperatorAs(pathId))
            {
                return BadRequest(processId, new FieldError("OperatorEvseStatus.OperatorID", $"'{push.OperatorId}' does not match the operatorID '{pathId}' of the URL path.")) with { Push = push };
            }

            return Apply(state, push, processId) with { Push = push };
        }
    }

    private Outcome Apply(OperatorState state, ParsedPush push, string processId)
    {
        var duplicates = push.Records.GroupBy(record => record.EvseId).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        if (duplicates.Length > 0)
        {
            return Rejection(OicpStatusCode.InconsistentEvseId, "EvseID sent more than once in one request: " + EmulatorReplies.JoinIds(duplicates), processId);
        }

        var foreign = push.Records.Select(record => record.EvseId).Where(id => !state.Owns(id)).ToArray();
        if (foreign.Length > 0)
        {
            return Rejection(OicpStatusCode.InconsistentEvseId, $"EvseID not of operator {state.OperatorId}: " + EmulatorReplies.JoinIds(foreign), processId);
        }

        if (push.ActionType != ActionType.Delete)
        {
            var withoutData = push.Records.Select(record => record.EvseId).Where(id => !emulator.HasEvseData(id)).ToArray();
            if (withoutData.Length > 0)
            {
                return Rejection(OicpStatusCode.UnknownEvseId, "No EVSE data for: " + EmulatorReplies.JoinIds(withoutData), processId);
            }
        }

        var statuses = state.Statuses;
        switch (push.ActionType)
        {
            case ActionType.Insert:
                var existing = push.Records.Select(record => record.EvseId).Where(statuses.ContainsKey).ToArray();
                if (existing.Length > 0)
                {
                    return Rejection(OicpStatusCode.DataError, "insert refused, status records already exist: " + EmulatorReplies.JoinIds(existing), processId);
                }

                break;
            case ActionType.Update:
                var missing = push.Records.Select(record => record.EvseId).Where(id => !statuses.ContainsKey(id)).ToArray();
                if (missing.Length > 0)
                {
                    return Rejection(OicpStatusCode.DataError, "update refused, status records do not exist: " + EmulatorReplies.JoinIds(missing), processId);
                }

                break;
            case ActionType.FullLoad:
                statuses.Clear();
                break;
        }

        foreach (var record in push.Records)
        {
            if (push.ActionType == ActionType.Delete)
            {
                statuses.Remove(record.EvseId);
            }
            else
            {
                statuses[record.EvseId] = record.Status;
            }
        }

        state.AddVersion(emulator.TimeProvider.GetUtcNow(), push.ActionType, push.Records.Count, emulator.HistoryLimit);
        return new Outcome(EmulatorReplies.Acknowledgment(200, result: true, OicpStatusCode.Success, "Success", additionalInfo: null, processId), OicpStatusCode.Success);
    }

    private static bool IsCaller(OperatorId? caller, OperatorId claimed) => caller is { } id && id.IsSameOperatorAs(claimed);

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    private static Outcome BadRequest(string processId, FieldError error) =>
        new(EmulatorReplies.ValidationFault(400, "Request validation failed", null, [error], processId));

    private static Outcome Unauthorized(OperatorId? caller, OperatorId claimed, string where, string processId)
    {
        var info = caller is { } id
            ? $"OperatorID {claimed} ({where}) is not linked to the caller's certificate (operator {id})."
            : $"OperatorID {claimed} ({where}): the client certificate is not linked to any operator.";
        return Acknowledgment(401, OicpStatusCode.UnauthorizedAccess, info, processId);
    }

    private static Outcome Acknowledgment(int status, OicpStatusCode code, string additionalInfo, string processId) =>
        new(EmulatorReplies.Acknowledgment(status, result: false, code, description: null, additionalInfo, processId), code);

    private static Outcome Rejection(OicpStatusCode code, string additionalInfo, string processId) =>
        Acknowledgment(200, code, additionalInfo, processId);

    private sealed record Outcome(EmulatorReply Reply, OicpStatusCode? StatusCode = null)
    {
        public ParsedPush? Push { get; init; }
    }
}
