using System.Text.Json;
using System.Text.Unicode;

namespace Oicp.Client.Testing.Internal;

/// <summary>A body that passed the schema: every id valid and normalised to upper case.</summary>
internal sealed record ParsedPush(ActionType ActionType, OperatorId OperatorId, string? OperatorName, IReadOnlyList<EvseStatusRecord> Records);

/// <summary>One entry of a 400 fault body's <c>validationErrors</c>.</summary>
internal sealed record FieldError(string FieldReference, string ErrorMessage);

/// <summary>
/// Reads an eRoamingPushEvseStatus body strictly, as Hubject's schema validation does: the JSON must be
/// well formed, required members present with the right types, ids matching their patterns and
/// enumerations spelled exactly. Unknown members are ignored.
/// </summary>
internal static class PushRequestParser
{
    public const int MaxOperatorNameLength = 100;

    public static ParsedPush? Parse(ReadOnlyMemory<byte> body, List<FieldError> errors, out string? malformedJson)
    {
        malformedJson = null;

        // JsonDocument checks UTF-8 only when a string is read (and then throws InvalidOperationException): check it first.
        if (!Utf8.IsValid(body.Span))
        {
            malformedJson = "The body is not valid UTF-8.";
            errors.Add(new FieldError("$", "The body is not valid UTF-8; OICP bodies are JSON in UTF-8."));
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            malformedJson = exception.Message;
            errors.Add(new FieldError("$", "The body is not valid JSON: " + exception.Message));
            return null;
        }

        using (document)
        {
            return ParseRoot(document.RootElement, errors);
        }
    }

    private static ParsedPush? ParseRoot(JsonElement root, List<FieldError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("$", "The body must be a JSON object."));
            return null;
        }

        ActionType? actionType = null;
        if (RequiredString(root, "ActionType", "ActionType", errors) is { } actionText)
        {
            if (OicpWireNames.TryParseActionType(actionText, out var parsed))
            {
                actionType = parsed;
            }
            else
            {
                errors.Add(new FieldError("ActionType", $"'{actionText}' is not one of fullLoad, update, insert, delete."));
            }
        }

        if (!root.TryGetProperty("OperatorEvseStatus", out var status) || status.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("OperatorEvseStatus", "OperatorEvseStatus is required."));
            return null;
        }

        if (status.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("OperatorEvseStatus", "OperatorEvseStatus must be an object."));
            return null;
        }

        OperatorId? operatorId = null;
        if (RequiredString(status, "OperatorID", "OperatorEvseStatus.OperatorID", errors) is { } operatorText)
        {
            if (OperatorId.TryParse(operatorText, out var parsed))
            {
                operatorId = parsed;
            }
            else
            {
                errors.Add(new FieldError("OperatorEvseStatus.OperatorID", $"'{operatorText}' does not match the OperatorID pattern."));
            }
        }

        string? operatorName = null;
        if (status.TryGetProperty("OperatorName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError("OperatorEvseStatus.OperatorName", "OperatorName must be a string."));
            }
            else
            {
                operatorName = name.GetString()!;
                if (operatorName.Length > MaxOperatorNameLength)
                {
                    errors.Add(new FieldError("OperatorEvseStatus.OperatorName", $"OperatorName is {operatorName.Length} characters long; at most {MaxOperatorNameLength} are allowed."));
                }
            }
        }

        var records = ParseRecords(status, errors);
        return errors.Count == 0 && actionType is { } action && operatorId is { } op && records is not null
            ? new ParsedPush(action, op, operatorName, records)
            : null;
    }

    private static List<EvseStatusRecord>? ParseRecords(JsonElement status, List<FieldError> errors)
    {
        const string Field = "OperatorEvseStatus.EvseStatusRecord";
        if (!status.TryGetProperty("EvseStatusRecord", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(Field, "EvseStatusRecord is required (it may be an empty array)."));
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(Field, "EvseStatusRecord must be an array."));
            return null;
        }

        var records = new List<EvseStatusRecord>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var prefix = $"{Field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(prefix, "A status record must be an object."));
                continue;
            }

            EvseId? evseId = null;
            if (RequiredString(item, "EvseID", prefix + ".EvseID", errors) is { } idText)
            {
                if (EvseId.TryParse(idText, out var parsed))
                {
                    evseId = parsed;
                }
                else
                {
                    errors.Add(new FieldError(prefix + ".EvseID", $"'{idText}' does not match the EvseID pattern."));
                }
            }

            EvseStatus? evseStatus = null;
            if (RequiredString(item, "EvseStatus", prefix + ".EvseStatus", errors) is { } statusText)
            {
                if (OicpWireNames.TryParseEvseStatus(statusText, out var parsed))
                {
                    evseStatus = parsed;
                }
                else
                {
                    errors.Add(new FieldError(prefix + ".EvseStatus", $"'{statusText}' is not one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown."));
                }
            }

            if (evseId is { } id && evseStatus is { } value)
            {
                records.Add(new EvseStatusRecord(id, value));
            }
        }

        return records;
    }

    private static string? RequiredString(JsonElement parent, string name, string field, List<FieldError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(field, $"{name} is required."));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, $"{name} must be a string, not {value.ValueKind}."));
            return null;
        }

        return value.GetString();
    }
}
