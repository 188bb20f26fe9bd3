using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Oicp.Client.Testing.Internal;

/// <summary>Writes the bodies Hubject answers with: acknowledgements, 400 fault bodies and the scripted fault answers.</summary>
internal static class EmulatorReplies
{
    private const string Json = "application/json; charset=utf-8";
    private const int MaxDescription = 200;
    private const int MaxAdditionalInfo = 1000;

    public static EmulatorReply Acknowledgment(int status, bool result, OicpStatusCode code, string? description, string? additionalInfo, string processId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("Result", result);
            writer.WriteStartObject("StatusCode");
            writer.WriteString("Code", code.Code);
            WriteNullable(writer, "Description", Truncate(description ?? code.Description, MaxDescription));
            WriteNullable(writer, "AdditionalInfo", Truncate(additionalInfo, MaxAdditionalInfo));
            writer.WriteEndObject();
            writer.WriteString("SessionID", Guid.NewGuid().ToString("D"));
            writer.WriteNull("CPOPartnerSessionID");
            writer.WriteNull("EMPPartnerSessionID");
            writer.WriteEndObject();
        }

        return new EmulatorReply { Status = status, ContentType = Json, Body = buffer.WrittenSpan.ToArray(), ProcessId = processId };
    }

    public static EmulatorReply ValidationFault(int status, string message, string? extendedInfo, IReadOnlyList<FieldError> errors, string processId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            WriteNullable(writer, "extendedInfo", extendedInfo);
            writer.WriteStartArray("validationErrors");
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("fieldReference", error.FieldReference);
                writer.WriteString("errorMessage", error.ErrorMessage);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new EmulatorReply { Status = status, ContentType = Json, Body = buffer.WrittenSpan.ToArray(), ProcessId = processId };
    }

    public static EmulatorReply Text(int status, string text, string processId) =>
        new() { Status = status, ContentType = "text/plain; charset=utf-8", Body = Encoding.UTF8.GetBytes(text), ProcessId = processId };

    public static EmulatorReply TooManyRequests(int? retryAfterSeconds, string processId) =>
        new() { Status = 429, ContentType = "text/plain; charset=utf-8", Body = "Too Many Requests"u8.ToArray(), ProcessId = processId, RetryAfterSeconds = retryAfterSeconds };

    public static EmulatorReply FromFault(EmulatorFault fault, string processId) => fault.Kind switch
    {
        EmulatorFaultKind.DropConnection => new EmulatorReply { DropConnection = true },
        EmulatorFaultKind.TooManyRequests => TooManyRequests(fault.RetryAfter is { } wait ? CeilingSeconds(wait) : null, processId),
        EmulatorFaultKind.Rejected => Acknowledgment(200, result: false, fault.StatusCode!.Value, fault.Description, additionalInfo: null, processId),
        _ => new EmulatorReply
        {
            Status = fault.HttpStatus,
            ContentType = fault.ContentType,
            Body = fault.Body is { } body ? Encoding.UTF8.GetBytes(body) : [],
            ProcessId = processId,
        },
    };

    public static int CeilingSeconds(TimeSpan wait) => (int)Math.Max(0, Math.Ceiling(wait.TotalSeconds));

    public static string JoinIds(IEnumerable<EvseId> ids) => string.Join(", ", ids.Select(id => id.ToString()));

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Truncate(string? text, int max) =>
        text is { Length: var length } && length > max ? text[..(max - 3)] + "..." : text;
}
