namespace Oicp.Client.Testing.Internal;

/// <summary>What the emulator holds for one registered operator. Guarded by the emulator's lock.</summary>
internal sealed class OperatorState(OperatorId operatorId, IReadOnlyList<OperatorId> subOperatorIds)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _admitted = new();

    public OperatorId OperatorId { get; } = operatorId;

    public IReadOnlyList<OperatorId> SubOperatorIds { get; } = subOperatorIds;

    public Dictionary<EvseId, EvseStatus> Statuses { get; } = [];

    public List<EmulatorVersion> History { get; } = [];

    public bool Owns(EvseId evseId) => evseId.BelongsTo(OperatorId) || SubOperatorIds.Any(evseId.BelongsTo);

    /// <summary>Counts the request against a sliding one-minute window, unless the window is full.</summary>
    public bool TryAdmit(DateTimeOffset now, int? limitPerMinute, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limitPerMinute is not { } limit)
        {
            return true;
        }

        while (_admitted.Count > 0 && _admitted.Peek() + RateWindow <= now)
        {
            _admitted.Dequeue();
        }

        if (_admitted.Count >= limit)
        {
            retryAfter = _admitted.Peek() + RateWindow - now;
            return false;
        }

        _admitted.Enqueue(now);
        return true;
    }

    private int _versionCount;

    public void AddVersion(DateTimeOffset now, ActionType actionType, int recordCount, int? historyLimit)
    {
        History.Add(new EmulatorVersion(++_versionCount, now, actionType, recordCount, new Dictionary<EvseId, EvseStatus>(Statuses)));
        if (historyLimit is { } limit && History.Count > limit)
        {
            History.RemoveRange(0, History.Count - limit);
        }
    }

    public void CopyHistoryFrom(OperatorState other)
    {
        History.AddRange(other.History);
        _versionCount = other._versionCount;
    }
}
