using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Oicp.Client.Tool;

/// <summary><c>oicp codes [CODE]</c>: what each OICP status code means and whether the SDK retries it.</summary>
internal sealed class CodesCommand(ToolContext context)
{
    private readonly Argument<string?> _code = new("CODE") { Description = "One code, for example 017; all codes when left out.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _json = new("--json") { Description = "Print JSON instead of text." };

    public Command Create()
    {
        var command = new Command("codes", "Explain OICP status codes and whether the SDK retries them.") { _code, _json };
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(_json);
        IReadOnlyList<OicpStatusCode> codes = OicpStatusCode.KnownCodes;
        if (parse.GetValue(_code) is { } text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length != 3 || !trimmed.All(char.IsAsciiDigit))
            {
                await context.Error.WriteLineAsync($"error: CODE '{text}' is not an OICP status code: three digits, for example 017.");
                return ExitCodes.UsageError;
            }

            codes = [new OicpStatusCode(trimmed)];
        }

        await context.Out.WriteAsync(json ? ToJson(codes) : ToText(codes, detailed: codes.Count == 1));
        await context.Out.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static string ToText(IReadOnlyList<OicpStatusCode> codes, bool detailed)
    {
        var text = new StringBuilder();
        if (detailed)
        {
            var code = codes[0];
            text.Append(CultureInfo.InvariantCulture, $"{code.Code}  {code.Description ?? "(not defined by OICP 2.3)"}").AppendLine();
            text.Append("  Retries: ").AppendLine(CodeCatalog.RetryText(code));
            text.Append("  For EVSE status pushes: ").AppendLine(CodeCatalog.MeaningFor(code));
            return text.ToString();
        }

        text.AppendLine("OICP 2.3 status codes (StatusCode.Code of an eRoamingAcknowledgment). 'oicp codes CODE' explains one.");
        text.AppendLine();
        foreach (var code in codes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {code.Code}  {code.Description,-72}  {CodeCatalog.RetryText(code)}").AppendLine();
        }

        return text.ToString();
    }

    private static string ToJson(IReadOnlyList<OicpStatusCode> codes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("codes");
            foreach (var code in codes)
            {
                json.WriteStartObject();
                json.WriteString("code", code.Code);
                json.WriteString("description", code.Description);
                json.WriteBoolean("known", code.IsKnown);
                json.WriteBoolean("success", code.IsSuccess);
                json.WriteBoolean("retried", code.IsTransient);
                json.WriteString("meaning", CodeCatalog.MeaningFor(code));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
