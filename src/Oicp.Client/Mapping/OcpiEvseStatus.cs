namespace Oicp.Client.Mapping;

/// <summary>
/// The OCPI 2.2.1 EVSE <c>Status</c>. <see cref="Planned"/> and <see cref="Removed"/> describe an EVSE
/// that is not live, so <see cref="EvseStatusMapper.Map(OcpiEvseStatus)"/> returns them as an explicit
/// <see cref="OcpiMappingResult"/> kind instead of an OICP status.
/// Parse and print the wire spelling with <see cref="OcpiWireNames"/>.
/// </summary>
public enum OcpiEvseStatus
{
    /// <summary>Free for a new user (wire value <c>AVAILABLE</c>).</summary>
    Available = 0,

    /// <summary>Cannot be used because something blocks it, for example a parked car (wire value <c>BLOCKED</c>).</summary>
    Blocked = 1,

    /// <summary>In use (wire value <c>CHARGING</c>).</summary>
    Charging = 2,

    /// <summary>Temporarily not usable, for example disabled by the operator (wire value <c>INOPERATIVE</c>).</summary>
    Inoperative = 3,

    /// <summary>Broken (wire value <c>OUTOFORDER</c>).</summary>
    OutOfOrder = 4,

    /// <summary>Planned, not yet in operation (wire value <c>PLANNED</c>).</summary>
    Planned = 5,

    /// <summary>Discontinued, no longer in operation (wire value <c>REMOVED</c>).</summary>
    Removed = 6,

    /// <summary>Reserved for a user (wire value <c>RESERVED</c>).</summary>
    Reserved = 7,

    /// <summary>No status information, for example because the CPO lost contact (wire value <c>UNKNOWN</c>).</summary>
    Unknown = 8,
}
