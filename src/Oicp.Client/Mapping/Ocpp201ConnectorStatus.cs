namespace Oicp.Client.Mapping;

/// <summary>
/// The OCPP 2.0.1 <c>ConnectorStatusEnumType</c> of a connector, as sent in a <c>StatusNotification</c>.
/// Parse and print the wire spelling with <see cref="Ocpp201WireNames"/>.
/// </summary>
public enum Ocpp201ConnectorStatus
{
    /// <summary>Free for a new user (wire value <c>Available</c>).</summary>
    Available = 0,

    /// <summary>In use: a vehicle is connected, charging or not (wire value <c>Occupied</c>).</summary>
    Occupied = 1,

    /// <summary>Reserved for a user (wire value <c>Reserved</c>).</summary>
    Reserved = 2,

    /// <summary>Disabled by the operator or the CSMS (wire value <c>Unavailable</c>).</summary>
    Unavailable = 3,

    /// <summary>An error keeps the connector from being used (wire value <c>Faulted</c>).</summary>
    Faulted = 4,
}
