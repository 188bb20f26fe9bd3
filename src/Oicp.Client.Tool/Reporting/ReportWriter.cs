using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Oicp.Client.Tool;

/// <summary>
/// Writes a <see cref="ToolReport"/> as readable lines for a terminal, or as one JSON document for
/// scripts (the shape is documented in the README and kept stable).
/// </summary>
internal static class ReportWriter
{
    private const int TitleWidth = 18;
    private static readonly string Indent = new(' ', 2 + 6 + TitleWidth + 1);

    public static async Task WriteAsync(TextWriter output, ToolReport report, bool json)
    {
        await output.WriteAsync(json ? ToJson(report) : ToText(report));
        await output.FlushAsync();
    }

    public static string ToText(ToolReport report)
    {
        var text = new StringBuilder();
        text.Append("oicp ").AppendLine(report.Command);
        foreach (var fact in report.Facts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {fact.Label}: {fact.Value}").AppendLine();
        }

        text.AppendLine();
        foreach (var check in report.Checks)
        {
            AppendCheck(text, check);
        }

        text.AppendLine().AppendLine(Summary(report));
        return text.ToString();
    }

    public static void AppendCheck(StringBuilder text, Check check)
    {
        text.Append(CultureInfo.InvariantCulture, $"  {Label(check.Status),-5} {check.Title,-TitleWidth} {check.Message}").AppendLine();
        if (check.Advice is { } advice)
        {
            text.Append(Indent).Append("What to do: ").AppendLine(advice);
        }
    }

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "OK",
        CheckStatus.Warn => "WARN",
        CheckStatus.Fail => "FAIL",
        _ => "SKIP",
    };

    public static string ToJson(ToolReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("command", report.Command);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteBoolean("ok", report.ExitCode == ExitCodes.Success);
            json.WriteStartObject("facts");
            foreach (var fact in report.Facts)
            {
                json.WriteString(fact.Key, fact.Value);
            }

            json.WriteEndObject();
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("id", check.Id);
                json.WriteString("status", Label(check.Status).ToLowerInvariant());
                json.WriteString("title", check.Title);
                json.WriteString("message", check.Message);
                json.WriteString("advice", check.Advice);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("push");
            WritePush(json, report.Push);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WritePush(Utf8JsonWriter json, PushResult? push)
    {
        if (push is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteBoolean("isSuccess", push.IsSuccess);
        json.WriteString("actionType", push.ActionType.ToWireString());
        json.WriteNumber("recordCount", push.RecordCount);
        json.WriteString("failureKind", push.FailureKind.ToString());
        WriteNullableNumber(json, "httpStatus", push.HttpStatusCode is { } http ? (int)http : null);
        json.WriteString("statusCode", push.OicpCode?.Code);
        json.WriteString("statusDescription", push.OicpCode?.Description);
        json.WriteString("description", push.Description);
        json.WriteString("additionalInfo", push.AdditionalInfo);
        json.WriteString("processId", push.ProcessId);
        json.WriteString("errorMessage", push.ErrorMessage);
        json.WriteNumber("attempts", push.Attempts);
        json.WriteNumber("elapsedMilliseconds", Math.Round(push.Elapsed.TotalMilliseconds, 1));
        json.WriteStartArray("validationErrors");
        foreach (var error in push.ValidationErrors)
        {
            json.WriteStartObject();
            json.WriteString("fieldReference", error.FieldReference);
            json.WriteString("errorMessage", error.ErrorMessage);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Summary(ToolReport report)
    {
        var failed = report.Checks.Count(check => check.Status == CheckStatus.Fail);
        var warnings = report.Checks.Count(check => check.Status == CheckStatus.Warn);
        var passed = report.Checks.Count(check => check.Status == CheckStatus.Ok);
        var skipped = report.Checks.Count(check => check.Status == CheckStatus.Skip);
        var counts = string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {warnings} warning(s), {failed} failed, {skipped} skipped");
        return report.ExitCode switch
        {
            ExitCodes.Success => $"OK ({counts}).",
            ExitCodes.UsageError => $"Nothing was sent ({counts}); exit code 2.",
            ExitCodes.NotConfirmed => $"Not confirmed: nothing was sent; exit code 3.",
            _ => $"FAILED ({counts}); exit code {report.ExitCode.ToString(CultureInfo.InvariantCulture)}.",
        };
    }
}
