namespace Oicp.Client.Mapping;

/// <summary>What an OCPI EVSE status means for OICP.</summary>
public enum OcpiMappingKind
{
    /// <summary>A live EVSE: the result carries an OICP status.</summary>
    Status = 0,

    /// <summary>OCPI <c>PLANNED</c>: the EVSE is not in operation yet, so it has no OICP status; leave it out of pushes.</summary>
    Planned = 1,

    /// <summary>OCPI <c>REMOVED</c>: the EVSE is discontinued, so it has no OICP status; delete its record or leave it out.</summary>
    Removed = 2,
}
