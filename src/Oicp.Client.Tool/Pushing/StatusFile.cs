using System.Globalization;
using System.Text.Json;

namespace Oicp.Client.Tool;

/// <summary>
/// Reads a fullLoad file, CSV (<c>EvseID,EvseStatus</c> per line, optional header, <c>#</c> comments) or
/// JSON (an array of <c>{"EvseID": ..., "EvseStatus": ...}</c>, or an eRoamingPushEvseStatus body), and
/// validates every entry before anything is sent: EvseID pattern, status spelling, operator, duplicates.
/// </summary>
internal sealed class StatusFile
{
    private StatusFile(List<EvseStatusRecord> records, List<string> errors)
    {
        Records = records;
        Errors = errors;
    }

    /// <summary>Gets the valid records, in file order.</summary>
    public IReadOnlyList<EvseStatusRecord> Records { get; }

    /// <summary>Gets one message per bad entry, each naming its line (CSV) or record (JSON).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Reads and validates <paramref name="path"/> for <paramref name="operatorId"/> and its sub-operators.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The JSON cannot be parsed or has another shape.</exception>
    public static StatusFile Read(string path, OperatorId operatorId, IReadOnlyList<OperatorId> subOperatorIds)
    {
        var text = File.ReadAllText(path);
        var errors = new List<string>();
        var entries = IsJson(path, text) ? ReadJson(text) : ReadCsv(text, errors);
        var records = new List<EvseStatusRecord>(entries.Count);

        // Hubject treats DE*ABC*E1 and DEABCE1 as one EVSE (code 018 when both are sent), and so does the SDK.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (where, evseText, statusText) in entries)
        {
            if (StatusText.EvseIdError(evseText) is { } evseError)
            {
                errors.Add($"{where}: {evseError}");
                continue;
            }

            var evseId = EvseId.Parse(evseText);
            if (!StatusText.TryParse(statusText, out var status))
            {
                errors.Add($"{where}: EvseStatus '{statusText}' of {evseId} is not {StatusText.Allowed}.");
                continue;
            }

            if (!evseId.BelongsTo(operatorId) && !subOperatorIds.Any(evseId.BelongsTo))
            {
                errors.Add($"{where}: {evseId} belongs to operator {evseId.OperatorId}, not to {operatorId} or a configured sub-operator (SubOperatorIds); Hubject would answer 018.");
                continue;
            }

            var key = evseId.ToString().Replace("*", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
            if (!seen.TryAdd(key, where))
            {
                errors.Add($"{where}: {evseId} is already on {seen[key]}; one request must not hold an EvseID twice (Hubject's code 018).");
                continue;
            }

            records.Add(new EvseStatusRecord(evseId, status));
        }

        return new StatusFile(records, errors);
    }

    private static bool IsJson(string path, string text) =>
        string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('[') || text.TrimStart().StartsWith('{');

    private static List<(string Where, string EvseId, string Status)> ReadCsv(string text, List<string> errors)
    {
        var entries = new List<(string, string, string)>();
        var lines = text.Split('\n');
        var first = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {i + 1}");
            var fields = line.Split(line.Contains(';', StringComparison.Ordinal) ? ';' : ',').Select(field => field.Trim().Trim('"').Trim()).ToArray();
            if (first && fields.Length == 2 && string.Equals(fields[0], "EvseID", StringComparison.OrdinalIgnoreCase))
            {
                first = false;
                continue;
            }

            first = false;
            if (fields.Length == 2)
            {
                entries.Add((where, fields[0], fields[1]));
            }
            else
            {
                errors.Add($"{where}: '{line}' is not 'EvseID,EvseStatus' (two fields separated by a comma).");
            }
        }

        return entries;
    }

    private static List<(string Where, string EvseId, string Status)> ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The JSON cannot be read: {exception.Message}", exception);
        }

        using (document)
        {
            var array = FindRecords(document.RootElement)
                ?? throw new InvalidDataException("The JSON must be an array of {\"EvseID\": ..., \"EvseStatus\": ...} records, or an eRoamingPushEvseStatus body with OperatorEvseStatus.EvseStatusRecord.");
            var entries = new List<(string, string, string)>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var where = string.Create(CultureInfo.InvariantCulture, $"record {index}");
                entries.Add((where, StringProperty(element, "EvseID"), StringProperty(element, "EvseStatus")));
            }

            return entries;
        }
    }

    private static JsonElement? FindRecords(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var holder = TryProperty(root, "OperatorEvseStatus") ?? root;
        return TryProperty(holder, "EvseStatusRecord") is { ValueKind: JsonValueKind.Array } records ? records : null;
    }

    private static string StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && TryProperty(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? string.Empty : string.Empty;

    private static JsonElement? TryProperty(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
