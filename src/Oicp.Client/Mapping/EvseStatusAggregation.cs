namespace Oicp.Client.Mapping;

/// <summary>
/// Folds the OICP statuses of the connectors of one EVSE into the status of the EVSE. OCPP reports per
/// connector, OICP per EVSE, and one car at a time charges at an EVSE, so a connector in use takes the whole EVSE.
/// </summary>
/// <remarks>
/// Precedence, first match wins:
/// <list type="number">
/// <item><description>any connector <see cref="EvseStatus.Occupied"/> =&gt; <see cref="EvseStatus.Occupied"/>;</description></item>
/// <item><description>any connector <see cref="EvseStatus.Reserved"/> =&gt; <see cref="EvseStatus.Reserved"/> (the reservation holds the EVSE);</description></item>
/// <item><description>any connector <see cref="EvseStatus.Available"/> =&gt; <see cref="EvseStatus.Available"/>, so Available with a faulted
/// second connector is still Available: a driver can charge there;</description></item>
/// <item><description>every connector <see cref="EvseStatus.OutOfService"/> =&gt; <see cref="EvseStatus.OutOfService"/>;</description></item>
/// <item><description>otherwise (no connectors, all unknown, or out of service mixed with unknown) =&gt; <see cref="EvseStatus.Unknown"/>,
/// because a connector we know nothing about might be usable.</description></item>
/// </list>
/// </remarks>
public static class EvseStatusAggregation
{
    /// <summary>Aggregates connector statuses into the status of their EVSE.</summary>
    /// <param name="connectorStatuses">The OICP status of each connector of the EVSE.</param>
    /// <returns>The status of the EVSE.</returns>
    /// <exception cref="ArgumentException">A status is <see cref="EvseStatus.EvseNotFound"/> or not defined: no connector has that status.</exception>
    public static EvseStatus Aggregate(ReadOnlySpan<EvseStatus> connectorStatuses)
    {
        bool anyReserved = false, anyAvailable = false, allOutOfService = !connectorStatuses.IsEmpty;
        foreach (var status in connectorStatuses)
        {
            switch (status)
            {
                case EvseStatus.Occupied:
                    return EvseStatus.Occupied;
                case EvseStatus.Reserved:
                    anyReserved = true;
                    break;
                case EvseStatus.Available:
                    anyAvailable = true;
                    break;
                case EvseStatus.OutOfService:
                    continue;
                case EvseStatus.Unknown:
                    break;
                default:
                    throw new ArgumentException($"A connector cannot have the status {status}.", nameof(connectorStatuses));
            }

            allOutOfService = false;
        }

        return anyReserved ? EvseStatus.Reserved
            : anyAvailable ? EvseStatus.Available
            : allOutOfService ? EvseStatus.OutOfService
            : EvseStatus.Unknown;
    }
}
