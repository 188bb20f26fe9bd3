using Oicp.Client.Mapping;

namespace Oicp.Client.Publishing;

/// <summary>Feeds the output of <see cref="EvseStatusTracker"/> to an <see cref="IEvseStatusPublisher"/>.</summary>
/// <example>
/// <code>
/// changes.Clear();
/// tracker.UpdateOcpp16(chargePointId, connectorId, status, changes);
/// publisher.PublishAll(changes);
/// </code>
/// </example>
public static class EvseStatusPublisherExtensions
{
    /// <summary>Publishes one change reported by the tracker (see <see cref="IEvseStatusPublisher.Publish"/>).</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="change">The change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="publisher"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The change's EvseId is the default (empty) value.</exception>
    public static void Publish(this IEvseStatusPublisher publisher, EvseStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        publisher.Publish(change.EvseId, change.Status);
    }

    /// <summary>
    /// Publishes the changes in order (see <see cref="IEvseStatusPublisher.Publish"/>). A list is read by index,
    /// so feeding the tracker's reusable <see cref="List{T}"/> does not allocate.
    /// </summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="changes">The changes, typically filled by an <see cref="EvseStatusTracker"/> update.</param>
    /// <exception cref="ArgumentNullException"><paramref name="publisher"/> or <paramref name="changes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A change's EvseId is the default (empty) value; the changes before it are published.</exception>
    public static void PublishAll(this IEvseStatusPublisher publisher, IEnumerable<EvseStatusChange> changes)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes is IReadOnlyList<EvseStatusChange> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                publisher.Publish(list[i].EvseId, list[i].Status);
            }

            return;
        }

        foreach (var change in changes)
        {
            publisher.Publish(change.EvseId, change.Status);
        }
    }
}
