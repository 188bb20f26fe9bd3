namespace Oicp.Client.Mapping;

/// <summary>
/// The OCPP 1.6 <c>ChargePointStatus</c> of a connector, as sent in a <c>StatusNotification</c>.
/// Parse and print the wire spelling with <see cref="Ocpp16WireNames"/>.
/// </summary>
public enum Ocpp16ChargePointStatus
{
    /// <summary>Free for a new user (wire value <c>Available</c>).</summary>
    Available = 0,

    /// <summary>A user has plugged in or authorised, charging has not started yet (wire value <c>Preparing</c>).</summary>
    Preparing = 1,

    /// <summary>Energy is being delivered (wire value <c>Charging</c>).</summary>
    Charging = 2,

    /// <summary>The EVSE withholds energy, for example by smart charging (wire value <c>SuspendedEVSE</c>).</summary>
    SuspendedEvse = 3,

    /// <summary>The vehicle does not take energy, for example because it is full (wire value <c>SuspendedEV</c>).</summary>
    SuspendedEV = 4,

    /// <summary>The transaction has stopped but the connector is not free yet (wire value <c>Finishing</c>).</summary>
    Finishing = 5,

    /// <summary>Reserved for a user (wire value <c>Reserved</c>).</summary>
    Reserved = 6,

    /// <summary>Disabled by the operator or the central system (wire value <c>Unavailable</c>).</summary>
    Unavailable = 7,

    /// <summary>An error keeps the connector from being used (wire value <c>Faulted</c>).</summary>
    Faulted = 8,
}
