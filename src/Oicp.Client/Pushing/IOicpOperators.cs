using Oicp.Client.Publishing;

namespace Oicp.Client;

/// <summary>
/// Every operator registered with <c>AddOicpEvseStatusPusher</c>, found by its OperatorID: for hub operators and
/// multi-tenant CPO platforms that push for several OperatorIDs from one backend. Each operator has its own client
/// certificate, sequence, rate limit and publisher.
/// </summary>
public interface IOicpOperators
{
    /// <summary>Gets the OperatorIDs of every registration.</summary>
    IReadOnlyCollection<OperatorId> OperatorIds { get; }

    /// <summary>Gets the pusher of an operator.</summary>
    /// <param name="operatorId">The OperatorID, as configured in its registration.</param>
    /// <returns>The operator's pusher.</returns>
    /// <exception cref="KeyNotFoundException">No registration has this OperatorID; the message lists those that exist.</exception>
    IEvseStatusPusher GetPusher(OperatorId operatorId);

    /// <summary>Gets the publisher of an operator.</summary>
    /// <param name="operatorId">The OperatorID, as configured in its registration.</param>
    /// <returns>The operator's publisher.</returns>
    /// <exception cref="KeyNotFoundException">No registration has this OperatorID, or it has no publisher (<c>AddEvseStatusPublisher</c>, package Oicp.Client.Hosting).</exception>
    IEvseStatusPublisher GetPublisher(OperatorId operatorId);
}
