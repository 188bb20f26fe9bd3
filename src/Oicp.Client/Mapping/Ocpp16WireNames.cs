using System.Diagnostics.CodeAnalysis;
using Oicp.Client.Mapping.Internal;

namespace Oicp.Client.Mapping;

/// <summary>
/// Wire spellings of the OCPP 1.6 <see cref="Ocpp16ChargePointStatus"/>.
/// Parsing ignores case, surrounding and inner spaces, <c>_</c> and <c>-</c> (so <c>Suspended EV</c>,
/// <c>suspended_ev</c> and <c>SuspendedEv</c> all read as <c>SuspendedEV</c>) and rejects anything else.
/// </summary>
public static class Ocpp16WireNames
{
    internal static readonly WireNameTable<Ocpp16ChargePointStatus> Statuses = new(
        "OCPP 1.6 ChargePointStatus",
        "Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved", "Unavailable", "Faulted");

    /// <summary>Returns the canonical OCPP 1.6 spelling of a status (<c>SuspendedEVSE</c>, ...).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire spelling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static string ToWireString(this Ocpp16ChargePointStatus status) => Statuses.NameOf(status, nameof(status));

    /// <summary>Parses an OCPP 1.6 <c>ChargePointStatus</c>, tolerating case and separators.</summary>
    /// <param name="value">The text, for example <c>SuspendedEV</c> or <c>Suspended EV</c>.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> names no OCPP 1.6 status; the message lists the accepted values.</exception>
    public static Ocpp16ChargePointStatus ParseChargePointStatus(string value) => Statuses.Parse(value);

    /// <summary>Tries to parse an OCPP 1.6 <c>ChargePointStatus</c>, tolerating case and separators.</summary>
    /// <param name="value">The text.</param>
    /// <param name="status">The status when parsing succeeds.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a status.</returns>
    public static bool TryParseChargePointStatus([NotNullWhen(true)] string? value, out Ocpp16ChargePointStatus status) =>
        Statuses.TryParse(value, out status);
}
