namespace Oicp.Client.Testing;

/// <summary>
/// Counters of how callers treated the protocol rules: Hubject asks for sequential pushes per operator
/// (never two at once) and at most 2000 calls per minute.
/// </summary>
public sealed class EmulatorStatistics
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private long _totalRequests;
    private long _overlappingRequests;
    private long _rateLimitedRequests;
    private long _faultedRequests;
    private int _maxConcurrentRequests;

    internal EmulatorStatistics()
    {
    }

    /// <summary>Gets how many requests arrived, whatever the answer.</summary>
    public long TotalRequests => Interlocked.Read(ref _totalRequests);

    /// <summary>Gets how many requests arrived while another request of the same operator was still being answered: a broken sequencing rule.</summary>
    public long OverlappingRequests => Interlocked.Read(ref _overlappingRequests);

    /// <summary>Gets the largest number of requests of one operator that were in progress at the same time (1 when the caller is sequential).</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxConcurrentRequests);

    /// <summary>Gets how many requests were answered HTTP 429 because the operator went over the rate limit (scripted 429 faults are not counted).</summary>
    public long RateLimitedRequests => Interlocked.Read(ref _rateLimitedRequests);

    /// <summary>Gets how many requests were answered by a scripted fault (delays included).</summary>
    public long FaultedRequests => Interlocked.Read(ref _faultedRequests);

    /// <summary>Counts an arriving request, and as in flight for its operator when it has one.</summary>
    internal void Enter(string? operatorKey)
    {
        Interlocked.Increment(ref _totalRequests);
        if (operatorKey is null)
        {
            return;
        }

        lock (_lock)
        {
            _inFlight.TryGetValue(operatorKey, out var count);
            count++;
            _inFlight[operatorKey] = count;
            if (count > 1)
            {
                Interlocked.Increment(ref _overlappingRequests);
            }

            if (count > _maxConcurrentRequests)
            {
                Volatile.Write(ref _maxConcurrentRequests, count);
            }
        }
    }

    internal void Exit(string? operatorKey)
    {
        if (operatorKey is null)
        {
            return;
        }

        lock (_lock)
        {
            var count = _inFlight[operatorKey] - 1;
            if (count == 0)
            {
                _inFlight.Remove(operatorKey);
            }
            else
            {
                _inFlight[operatorKey] = count;
            }
        }
    }

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimitedRequests);

    internal void CountFaulted() => Interlocked.Increment(ref _faultedRequests);
}
