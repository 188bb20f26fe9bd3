namespace Oicp.Client.Mapping.Internal;

/// <summary>One EVSE: the latest status of each of its connectors and the status last reported for it.</summary>
internal sealed class TrackedEvse(EvseId evseId, TrackedChargePoint? chargePoint)
{
    // One slot per declared connector, fixed by the topology, so memory per EVSE stays bounded.
    private EvseStatus[] _connectors = [];

    public EvseId EvseId { get; } = evseId;

    public TrackedChargePoint? ChargePoint { get; } = chargePoint;

    public EvseStatus Reported { get; private set; } = EvseStatus.Unknown;

    /// <summary>Gets or sets a value indicating whether any source reported a status for this EVSE since it was declared.</summary>
    public bool Heard { get; set; }

    public int AddConnector()
    {
        Array.Resize(ref _connectors, _connectors.Length + 1);
        _connectors[^1] = EvseStatus.Unknown;
        return _connectors.Length - 1;
    }

    /// <returns><see langword="false"/> when the connector already had this status.</returns>
    public bool SetConnector(int slot, EvseStatus status)
    {
        if (_connectors[slot] == status)
        {
            return false;
        }

        _connectors[slot] = status;
        return true;
    }

    /// <summary>Recomputes the EVSE status and adds a change when it differs from the one last reported.</summary>
    public bool Refresh(EvseStatus offlineStatus, ICollection<EvseStatusChange> changes)
    {
        var status = ChargePoint is { Offline: true } ? offlineStatus
            : ChargePoint is { Connector0OutOfService: true } ? EvseStatus.OutOfService
            : EvseStatusAggregation.Aggregate(_connectors);
        if (status == Reported)
        {
            return false;
        }

        Reported = status;
        changes.Add(new EvseStatusChange(EvseId, status));
        return true;
    }
}
