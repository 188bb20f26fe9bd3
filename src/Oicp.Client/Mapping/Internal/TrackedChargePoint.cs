namespace Oicp.Client.Mapping.Internal;

/// <summary>What a charge point says about all its EVSEs at once: its connection and its connector 0.</summary>
internal sealed class TrackedChargePoint
{
    public List<TrackedEvse> Evses { get; } = [];

    public bool Offline { get; set; }

    public bool Connector0OutOfService { get; set; }
}
