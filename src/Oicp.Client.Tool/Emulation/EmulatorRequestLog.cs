using System.Globalization;
using System.Text;
using System.Text.Json;
using Oicp.Client.Testing;

namespace Oicp.Client.Tool;

/// <summary>Writes one line per request the emulator answered since the last call, oldest first.</summary>
internal sealed class EmulatorRequestLog(OicpEmulator emulator, TextWriter output, bool json)
{
    private long _lastSequence;

    public async Task WriteNewAsync()
    {
        // The request log is a snapshot copy: take it only when the counter says something arrived.
        if (emulator.Statistics.TotalRequests <= _lastSequence)
        {
            return;
        }

        foreach (var request in emulator.Requests.Where(request => request.Sequence > _lastSequence))
        {
            await output.WriteLineAsync(json ? ToJson(request) : ToText(request));
            _lastSequence = request.Sequence;
        }

        await output.FlushAsync();
    }

    public static string ToText(EmulatorRequest request)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{request.ReceivedAt.UtcDateTime:HH:mm:ss.fff} #{request.Sequence} {request.Path}");
        if (request.ActionType is { } actionType)
        {
            text.Append(CultureInfo.InvariantCulture, $" {actionType.ToWireString()} of {request.RecordCount} record(s)");
        }

        text.Append(" -> ");
        text.Append(request.HttpStatus == 0 ? "connection dropped" : string.Create(CultureInfo.InvariantCulture, $"HTTP {request.HttpStatus}"));
        if (request.StatusCode is { } code)
        {
            text.Append(CultureInfo.InvariantCulture, $", code {code.Code} {code.Description}");
        }

        if (request.Fault is { } fault)
        {
            text.Append(CultureInfo.InvariantCulture, $", fault {fault}");
        }

        if (request.ProcessId.Length > 0)
        {
            text.Append(", Process-ID ").Append(request.ProcessId);
        }

        return text.ToString();
    }

    private static string ToJson(EmulatorRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", request.Sequence);
            json.WriteString("receivedAt", request.ReceivedAt);
            json.WriteString("path", request.Path);
            json.WriteString("operatorId", request.OperatorId?.ToString());
            json.WriteString("actionType", request.ActionType?.ToWireString());
            if (request.RecordCount is { } count)
            {
                json.WriteNumber("recordCount", count);
            }
            else
            {
                json.WriteNull("recordCount");
            }

            json.WriteNumber("httpStatus", request.HttpStatus);
            json.WriteString("statusCode", request.StatusCode?.Code);
            json.WriteString("processId", request.ProcessId);
            json.WriteBoolean("isSuccess", request.IsSuccess);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
