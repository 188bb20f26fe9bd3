namespace Oicp.Client.Mapping;

/// <summary>
/// Overrides of the default mapping, per source status. Only the statuses you list change; every other
/// one keeps the default documented on <see cref="EvseStatusMapper"/>. The options are read once, when
/// the mapper is built, and validated then.
/// </summary>
/// <example>
/// <code>
/// var options = new EvseStatusMappingOptions { OfflineStatus = EvseStatus.OutOfService };
/// options.Ocpp16[Ocpp16ChargePointStatus.SuspendedEV] = EvseStatus.Unknown;
/// var mapper = new EvseStatusMapper(options);
/// </code>
/// </example>
public sealed class EvseStatusMappingOptions
{
    /// <summary>Gets the overrides for OCPP 1.6 statuses.</summary>
    public IDictionary<Ocpp16ChargePointStatus, EvseStatus> Ocpp16 { get; } = new Dictionary<Ocpp16ChargePointStatus, EvseStatus>();

    /// <summary>Gets the overrides for OCPP 2.0.1 statuses.</summary>
    public IDictionary<Ocpp201ConnectorStatus, EvseStatus> Ocpp201 { get; } = new Dictionary<Ocpp201ConnectorStatus, EvseStatus>();

    /// <summary>
    /// Gets the overrides for live OCPI statuses. <see cref="OcpiEvseStatus.Planned"/> and
    /// <see cref="OcpiEvseStatus.Removed"/> cannot be overridden: they are not statuses of a live EVSE.
    /// </summary>
    public IDictionary<OcpiEvseStatus, EvseStatus> Ocpi { get; } = new Dictionary<OcpiEvseStatus, EvseStatus>();

    /// <summary>
    /// Gets or sets the status of every EVSE of a charger that lost its connection. The default is
    /// <see cref="EvseStatus.Unknown"/>: the last status heard may no longer be true.
    /// </summary>
    public EvseStatus OfflineStatus { get; set; } = EvseStatus.Unknown;
}
