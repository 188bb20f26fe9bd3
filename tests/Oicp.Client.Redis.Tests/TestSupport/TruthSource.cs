using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Oicp.Client.Publishing;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>The application's view of every EVSE: what the test published last, and the snapshot source of the fullLoads.</summary>
internal sealed class TruthSource : IEvseStatusSnapshotSource
{
    private int _snapshots;

    public ConcurrentDictionary<EvseId, EvseStatus> Statuses { get; } = new();

    public int SnapshotsRead => _snapshots;

    public async IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _snapshots);
        await Task.Yield();
        foreach (var (evseId, status) in Statuses)
        {
            yield return new EvseStatusRecord(evseId, status);
        }
    }
}
