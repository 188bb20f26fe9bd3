using System.Diagnostics.CodeAnalysis;
using Oicp.Client.Mapping.Internal;

namespace Oicp.Client.Mapping;

/// <summary>
/// Wire spellings of the OCPP 2.0.1 <see cref="Ocpp201ConnectorStatus"/>. Parsing ignores case, spaces,
/// <c>_</c> and <c>-</c> and rejects anything else.
/// </summary>
public static class Ocpp201WireNames
{
    internal static readonly WireNameTable<Ocpp201ConnectorStatus> Statuses = new(
        "OCPP 2.0.1 ConnectorStatus",
        "Available", "Occupied", "Reserved", "Unavailable", "Faulted");

    /// <summary>Returns the canonical OCPP 2.0.1 spelling of a connector status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire spelling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static string ToWireString(this Ocpp201ConnectorStatus status) => Statuses.NameOf(status, nameof(status));

    /// <summary>Parses an OCPP 2.0.1 <c>ConnectorStatus</c>, tolerating case and separators.</summary>
    /// <param name="value">The text, for example <c>Occupied</c>.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> names no OCPP 2.0.1 status; the message lists the accepted values.</exception>
    public static Ocpp201ConnectorStatus ParseConnectorStatus(string value) => Statuses.Parse(value);

    /// <summary>Tries to parse an OCPP 2.0.1 <c>ConnectorStatus</c>, tolerating case and separators.</summary>
    /// <param name="value">The text.</param>
    /// <param name="status">The status when parsing succeeds.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a status.</returns>
    public static bool TryParseConnectorStatus([NotNullWhen(true)] string? value, out Ocpp201ConnectorStatus status) =>
        Statuses.TryParse(value, out status);
}
