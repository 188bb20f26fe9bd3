namespace Oicp.Client.Mapping;

/// <summary>
/// The OICP reading of an OCPI EVSE status. OCPI <c>PLANNED</c> and <c>REMOVED</c> describe an EVSE that is
/// not live; they come back as their own <see cref="Kind"/> rather than a made-up <see cref="EvseStatus.Unknown"/>,
/// so the caller decides whether to leave the EVSE out or delete its record.
/// </summary>
/// <remarks>Instances are shared and immutable; mapping never allocates.</remarks>
public sealed class OcpiMappingResult
{
    // Indexed by the status: EvseStatus is numbered from 0 without gaps.
    private static readonly OcpiMappingResult[] LiveResults =
        [.. Enum.GetValues<EvseStatus>().Select(status => new OcpiMappingResult(OcpiMappingKind.Status, status))];

    private readonly EvseStatus _status;

    private OcpiMappingResult(OcpiMappingKind kind, EvseStatus status)
    {
        Kind = kind;
        _status = status;
    }

    /// <summary>Gets the result for an EVSE that is planned but not in operation.</summary>
    public static OcpiMappingResult Planned { get; } = new(OcpiMappingKind.Planned, EvseStatus.Unknown);

    /// <summary>Gets the result for an EVSE that has been removed.</summary>
    public static OcpiMappingResult Removed { get; } = new(OcpiMappingKind.Removed, EvseStatus.Unknown);

    /// <summary>Gets what the OCPI status means: a live status, or an EVSE that is planned or removed.</summary>
    public OcpiMappingKind Kind { get; }

    /// <summary>Gets a value indicating whether the EVSE is live, that is whether <see cref="Kind"/> is <see cref="OcpiMappingKind.Status"/>.</summary>
    public bool IsLive => Kind == OcpiMappingKind.Status;

    /// <summary>Gets the OICP status of a live EVSE.</summary>
    /// <exception cref="InvalidOperationException">The EVSE is not live (<see cref="IsLive"/> is <see langword="false"/>).</exception>
    public EvseStatus Status => IsLive
        ? _status
        : throw new InvalidOperationException($"An OCPI EVSE that is {Kind} has no OICP status; check IsLive or use TryGetStatus.");

    /// <summary>Returns the shared result for a live EVSE with the given OICP status.</summary>
    /// <param name="status">The OICP status.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static OcpiMappingResult Live(EvseStatus status) => OicpWireNames.IsDefined(status)
        ? LiveResults[(int)status]
        : throw new ArgumentOutOfRangeException(nameof(status), status, "EvseStatus must be a defined value.");

    /// <summary>Gets the OICP status when the EVSE is live.</summary>
    /// <param name="status">The status, or <see cref="EvseStatus.Unknown"/> when the EVSE is not live.</param>
    /// <returns><see langword="true"/> when the EVSE is live.</returns>
    public bool TryGetStatus(out EvseStatus status)
    {
        status = _status;
        return IsLive;
    }

    /// <inheritdoc />
    public override string ToString() => IsLive ? _status.ToWireString() : $"not live ({Kind})";
}
