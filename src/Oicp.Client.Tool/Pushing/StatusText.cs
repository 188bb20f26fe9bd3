namespace Oicp.Client.Tool;

/// <summary>Reads statuses and action types typed by people: the wire spelling, in any letter case.</summary>
internal static class StatusText
{
    private static readonly EvseStatus[] Statuses = Enum.GetValues<EvseStatus>();

    public const string Allowed = "Available, Reserved, Occupied, OutOfService or Unknown (EvseNotFound is meant for pulls)";

    public static bool TryParse(string? text, out EvseStatus status)
    {
        if (OicpWireNames.TryParseEvseStatus(text, out status))
        {
            return true;
        }

        foreach (var candidate in Statuses)
        {
            if (string.Equals(candidate.ToWireString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an EVSE and a status typed on the command line; returns why they are invalid, or <see langword="null"/>.</summary>
    public static string? TryParseRecord(string evseText, string statusText, out EvseStatusRecord record)
    {
        record = default;
        if (EvseIdError(evseText) is { } evseError)
        {
            return evseError;
        }

        if (!TryParse(statusText, out var status))
        {
            return $"'{statusText}' is not an OICP EvseStatus: use {Allowed}.";
        }

        record = new EvseStatusRecord(EvseId.Parse(evseText), status);
        return null;
    }

    /// <summary>Returns why <paramref name="text"/> is not an EvseID (the SDK's own message naming the pattern), or <see langword="null"/>.</summary>
    public static string? EvseIdError(string text)
    {
        try
        {
            _ = EvseId.Parse(text);
            return null;
        }
        catch (FormatException exception)
        {
            return exception.Message;
        }
    }
}
