using Oicp.Client.Mapping.Internal;

namespace Oicp.Client.Mapping;

/// <summary>
/// Maps the connector status of OCPP 1.6, OCPP 2.0.1 and OCPI 2.2.1 to the OICP <see cref="EvseStatus"/>.
/// Immutable and thread-safe once built; mapping is a table lookup that never allocates.
/// </summary>
/// <remarks>
/// <para>The defaults follow the OCPP/OICP table of Hubject's integration guide, read with its OCPI and
/// OICP columns put back in place, and decide the cases public implementations disagree on:</para>
/// <list type="bullet">
/// <item><description>OCPP 1.6 <c>Preparing</c>, <c>SuspendedEVSE</c>, <c>SuspendedEV</c> and <c>Finishing</c> map to
/// <see cref="EvseStatus.Occupied"/>: a vehicle is plugged in or a user has authorised, so the EVSE is not free for
/// another driver, and OCPP 2.0.1 reports all of them as <c>Occupied</c>.</description></item>
/// <item><description>OCPP <c>Unavailable</c> maps to <see cref="EvseStatus.OutOfService"/>: the operator disabled it and
/// no driver can use it, which is known, not unknown.</description></item>
/// <item><description>OCPI <c>BLOCKED</c> maps to <see cref="EvseStatus.Occupied"/>: something (usually a parked car) is
/// in the way, the EVSE itself works, and OICP has no closer value.</description></item>
/// <item><description>OCPI <c>PLANNED</c> and <c>REMOVED</c> are not live: <see cref="Map(OcpiEvseStatus)"/> returns them
/// as their own <see cref="OcpiMappingKind"/>.</description></item>
/// <item><description>A charger that lost its connection maps to <see cref="OfflineStatus"/>, by default
/// <see cref="EvseStatus.Unknown"/>.</description></item>
/// </list>
/// <para>Each source status can be overridden through <see cref="EvseStatusMappingOptions"/>.</para>
/// </remarks>
public sealed class EvseStatusMapper
{
    private static readonly EvseStatus[] DefaultOcpp16 =
    [
        EvseStatus.Available,    // Available
        EvseStatus.Occupied,     // Preparing
        EvseStatus.Occupied,     // Charging
        EvseStatus.Occupied,     // SuspendedEVSE
        EvseStatus.Occupied,     // SuspendedEV
        EvseStatus.Occupied,     // Finishing
        EvseStatus.Reserved,     // Reserved
        EvseStatus.OutOfService, // Unavailable
        EvseStatus.OutOfService, // Faulted
    ];

    private static readonly EvseStatus[] DefaultOcpp201 =
    [
        EvseStatus.Available,    // Available
        EvseStatus.Occupied,     // Occupied
        EvseStatus.Reserved,     // Reserved
        EvseStatus.OutOfService, // Unavailable
        EvseStatus.OutOfService, // Faulted
    ];

    private static readonly OcpiMappingResult[] DefaultOcpi =
    [
        OcpiMappingResult.Live(EvseStatus.Available),    // AVAILABLE
        OcpiMappingResult.Live(EvseStatus.Occupied),     // BLOCKED
        OcpiMappingResult.Live(EvseStatus.Occupied),     // CHARGING
        OcpiMappingResult.Live(EvseStatus.OutOfService), // INOPERATIVE
        OcpiMappingResult.Live(EvseStatus.OutOfService), // OUTOFORDER
        OcpiMappingResult.Planned,                       // PLANNED
        OcpiMappingResult.Removed,                       // REMOVED
        OcpiMappingResult.Live(EvseStatus.Reserved),     // RESERVED
        OcpiMappingResult.Live(EvseStatus.Unknown),      // UNKNOWN
    ];

    private readonly EvseStatus[] _ocpp16;
    private readonly EvseStatus[] _ocpp201;
    private readonly OcpiMappingResult[] _ocpi;

    /// <summary>Initializes a new instance of the <see cref="EvseStatusMapper"/> class with the default mapping.</summary>
    public EvseStatusMapper()
        : this(new EvseStatusMappingOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EvseStatusMapper"/> class with overrides.</summary>
    /// <param name="options">The overrides; read once, later changes to it have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// An override maps to <see cref="EvseStatus.EvseNotFound"/> (meant for pulls, never pushed by a CPO) or to an
    /// undefined value, overrides an undefined source status, or overrides OCPI <c>PLANNED</c> or <c>REMOVED</c>.
    /// </exception>
    public EvseStatusMapper(EvseStatusMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ocpp16 = MappingOverrides.Apply(DefaultOcpp16, options.Ocpp16, Ocpp16WireNames.Statuses);
        _ocpp201 = MappingOverrides.Apply(DefaultOcpp201, options.Ocpp201, Ocpp201WireNames.Statuses);
        _ocpi = MappingOverrides.ApplyOcpi(DefaultOcpi, options.Ocpi);
        OfflineStatus = MappingOverrides.CheckTarget(options.OfflineStatus, nameof(EvseStatusMappingOptions.OfflineStatus));
    }

    /// <summary>Gets the mapper with the default mapping.</summary>
    public static EvseStatusMapper Default { get; } = new();

    /// <summary>Gets the status of every EVSE of a charger that lost its connection.</summary>
    public EvseStatus OfflineStatus { get; }

    /// <summary>Maps an OCPP 1.6 connector status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The OICP status.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public EvseStatus Map(Ocpp16ChargePointStatus status) =>
        _ocpp16[Ocpp16WireNames.Statuses.CheckDefined(status, nameof(status))];

    /// <summary>Maps an OCPP 2.0.1 connector status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The OICP status.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public EvseStatus Map(Ocpp201ConnectorStatus status) =>
        _ocpp201[Ocpp201WireNames.Statuses.CheckDefined(status, nameof(status))];

    /// <summary>Maps an OCPI 2.2.1 EVSE status; <c>PLANNED</c> and <c>REMOVED</c> come back as not live.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The OICP reading: a live status, or the kind of EVSE that has none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public OcpiMappingResult Map(OcpiEvseStatus status) =>
        _ocpi[OcpiWireNames.Statuses.CheckDefined(status, nameof(status))];
}
