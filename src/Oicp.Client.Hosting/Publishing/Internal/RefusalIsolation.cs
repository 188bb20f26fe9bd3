namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Finds the culprits of a bundle Hubject refused for good (an unknown EVSE, 603, makes it refuse the whole
/// request): the bundle is split in halves that go out before anything else, each half that is refused again is
/// split again, and a single refused alone is reported. A bundle of n records with one culprit costs about
/// 2·log2(n) requests instead of n singles. Owned by the publisher's loop; not thread-safe.
/// </summary>
internal sealed class RefusalIsolation
{
    private readonly LinkedList<List<TakenChange>> _groups = new();
    private int _count;

    /// <summary>Gets how many changes wait in groups (read from other threads for the pending count).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Splits a refused bundle of two or more changes into two halves that go out next, the first half first.</summary>
    public void Split(List<TakenChange> refused)
    {
        var half = refused.Count / 2;
        _groups.AddFirst(refused.GetRange(half, refused.Count - half));
        _groups.AddFirst(refused.GetRange(0, half));
        Interlocked.Add(ref _count, refused.Count);
    }

    /// <summary>Puts a group that failed for a passing reason back in front, to be tried again.</summary>
    public void PutBack(List<TakenChange> group)
    {
        _groups.AddFirst([.. group]);
        Interlocked.Add(ref _count, group.Count);
    }

    /// <summary>
    /// Takes the next group. A change whose EVSE has a newer status waiting in the backlog is dropped from it (the
    /// newer one goes with the backlog, keeping the older waiting time): only the latest status is ever sent.
    /// </summary>
    public bool TryTake(List<TakenChange> into, IPublisherCoordinator backlog)
    {
        while (_groups.First is { } first)
        {
            _groups.RemoveFirst();
            Interlocked.Add(ref _count, -first.Value.Count);
            foreach (var change in first.Value)
            {
                if (!backlog.MergeIntoWaiting(change))
                {
                    into.Add(change);
                }
            }

            if (into.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Empties every group, for the report of what was not sent.</summary>
    public List<TakenChange> TakeAll()
    {
        var all = _groups.SelectMany(group => group).ToList();
        _groups.Clear();
        Volatile.Write(ref _count, 0);
        return all;
    }
}
