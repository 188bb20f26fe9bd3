using System.Diagnostics.CodeAnalysis;
using Oicp.Client.Mapping.Internal;

namespace Oicp.Client.Mapping;

/// <summary>
/// Wire spellings of the OCPI 2.2.1 <see cref="OcpiEvseStatus"/>. Parsing ignores case, spaces, <c>_</c>
/// and <c>-</c> (so <c>Out of order</c> and <c>OUT_OF_ORDER</c> read as <c>OUTOFORDER</c>) and rejects anything else.
/// </summary>
public static class OcpiWireNames
{
    internal static readonly WireNameTable<OcpiEvseStatus> Statuses = new(
        "OCPI 2.2.1 EVSE Status",
        "AVAILABLE", "BLOCKED", "CHARGING", "INOPERATIVE", "OUTOFORDER", "PLANNED", "REMOVED", "RESERVED", "UNKNOWN");

    /// <summary>Returns the canonical OCPI 2.2.1 spelling of an EVSE status (<c>OUTOFORDER</c>, ...).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire spelling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static string ToWireString(this OcpiEvseStatus status) => Statuses.NameOf(status, nameof(status));

    /// <summary>Parses an OCPI 2.2.1 EVSE <c>Status</c>, tolerating case and separators.</summary>
    /// <param name="value">The text, for example <c>OUTOFORDER</c> or <c>Out of order</c>.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> names no OCPI status; the message lists the accepted values.</exception>
    public static OcpiEvseStatus ParseEvseStatus(string value) => Statuses.Parse(value);

    /// <summary>Tries to parse an OCPI 2.2.1 EVSE <c>Status</c>, tolerating case and separators.</summary>
    /// <param name="value">The text.</param>
    /// <param name="status">The status when parsing succeeds.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a status.</returns>
    public static bool TryParseEvseStatus([NotNullWhen(true)] string? value, out OcpiEvseStatus status) =>
        Statuses.TryParse(value, out status);
}
