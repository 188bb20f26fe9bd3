namespace Oicp.Client.Mapping.Internal;

/// <summary>
/// Names one status source: an OCPP connector (<see cref="OcppEvseId"/> is 0 for OCPP 1.6 numbering) or,
/// with <see cref="Station"/> null, an OCPI EVSE named by <see cref="OcpiUid"/>.
/// </summary>
internal readonly record struct ConnectorKey(string? Station, int OcppEvseId, int ConnectorId, string? OcpiUid);
