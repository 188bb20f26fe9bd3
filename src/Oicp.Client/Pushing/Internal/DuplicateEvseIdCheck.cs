using System.Buffers;
using System.Numerics;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// Finds an EvseID that a request repeats (Hubject rejects it with code 018), with <see cref="EvseId"/>'s identity (the
/// optional <c>*</c> and <c>+</c> left out), in a table rented from a pool and given back on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Why not a <see cref="HashSet{T}"/>: for a fullLoad of 1,000,000 records it is 32 MB of new large-object memory per push.
/// With the copy of the records, that made every few fullLoads start a full garbage collection and touch fresh pages,
/// and the push's time per record grew from 100,000 to 1,000,000 records; the set alone also took about three times as
/// long as this table. Each slot holds an id's hash (computed once, when the id was parsed) and its record's index + 1
/// (0 is free), so a probe reads a record only when the hashes match. Open addressing, linear probing, at most half full.
/// </remarks>
internal readonly struct DuplicateEvseIdCheck : IDisposable
{
    private readonly IReadOnlyList<EvseStatusRecord> _records;
    private readonly ArrayPool<long> _pool;
    private readonly long[]? _slots;
    private readonly int _mask;

    public DuplicateEvseIdCheck(IReadOnlyList<EvseStatusRecord> records, ArrayPool<long> pool)
    {
        _records = records;
        _pool = pool;
        if (records.Count > 1)
        {
            var size = checked((int)BitOperations.RoundUpToPowerOf2((ulong)records.Count * 2));
            _slots = pool.Rent(size);
            Array.Clear(_slots, 0, size);
            _mask = size - 1;
        }
    }

    /// <summary>Adds the id of record <paramref name="index"/> and tells whether an earlier record has the same one.</summary>
    public bool IsRepeat(EvseId evseId, int index)
    {
        if (_slots is null)
        {
            return false;
        }

        var hash = evseId.GetHashCode();
        var slot = hash & _mask;
        for (; _slots[slot] != 0; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if ((int)(entry >> 32) == hash && _records[(int)entry - 1].EvseId == evseId)
            {
                return true;
            }
        }

        _slots[slot] = ((long)hash << 32) | (uint)(index + 1);
        return false;
    }

    public void Dispose()
    {
        if (_slots is not null)
        {
            _pool.Return(_slots);
        }
    }
}
