using System.Text.Json.Serialization;
using Oicp.Client.Records.Internal;

namespace Oicp.Client;

/// <summary>The OICP 2.3 status of an EVSE. On the wire each value is spelled exactly as its name.</summary>
[JsonConverter(typeof(EvseStatusJsonConverter))]
public enum EvseStatus
{
    /// <summary>Free to be used (wire value <c>Available</c>).</summary>
    Available = 0,

    /// <summary>Reserved for a driver (wire value <c>Reserved</c>).</summary>
    Reserved = 1,

    /// <summary>In use: a vehicle is connected or charging (wire value <c>Occupied</c>).</summary>
    Occupied = 2,

    /// <summary>Cannot be used: faulted, disabled or blocked by the operator (wire value <c>OutOfService</c>).</summary>
    OutOfService = 3,

    /// <summary>Meant for pull answers about EVSEs Hubject does not know; a CPO has no reason to push it (wire value <c>EvseNotFound</c>).</summary>
    EvseNotFound = 4,

    /// <summary>The status is not known, for example because the charger is offline (wire value <c>Unknown</c>).</summary>
    Unknown = 5,
}
