using System.Numerics;

namespace Oicp.Client.Internal;

/// <summary>
/// Finds an EvseID that a request carries twice (Hubject rejects the whole request with code 018),
/// by <see cref="EvseId"/>'s own identity: ids written with and without '*' are the same EVSE.
/// </summary>
/// <remarks>
/// A hash set of a million ids is a table of tens of megabytes probed at random: on a shared machine
/// each probe is a cache and TLB miss, and that made the check cost more than serializing the whole
/// fullLoad (about 150 ns a record). Here the ids' hashes are first partitioned by their top bits
/// (sequential reads and writes), then each partition, small enough to stay in the CPU cache, is
/// checked with its own open-addressing table. Ids are compared only when their full hashes match.
/// </remarks>
internal static class DuplicateEvseIds
{
    // Partitions of 2,048 to 4,096 ids: a table of twice as many 8-byte slots (32 to 128 KB) stays in L2.
    private const int PartitionTarget = 2048;

    /// <summary>Returns the smallest index whose EvseID appeared at a lower index, or -1 when every id is unique.</summary>
    public static int IndexOfFirstRepeat(ReadOnlySpan<EvseStatusRecord> records)
    {
        var count = records.Length;
        if (count < 2)
        {
            return -1;
        }

        var partitionBits = Math.Max(0, BitOperations.Log2((uint)count) - BitOperations.Log2(PartitionTarget));
        var partitionShift = 32 - partitionBits;
        var starts = new int[(1 << partitionBits) + 1];

        // Hash every id once and count the partition sizes.
        var hashes = GC.AllocateUninitializedArray<int>(count);
        for (var i = 0; i < hashes.Length; i++)
        {
            var hash = records[i].EvseId.GetHashCode();
            hashes[i] = hash;
            starts[Partition(hash, partitionShift) + 1]++;
        }

        var largest = 0;
        for (var p = 1; p < starts.Length; p++)
        {
            largest = Math.Max(largest, starts[p]);
            starts[p] += starts[p - 1];
        }

        // Lay the (hash, index) pairs out partition by partition, in index order within each.
        var pairs = GC.AllocateUninitializedArray<long>(count);
        var next = starts.AsSpan(0, starts.Length - 1).ToArray();
        for (var i = 0; i < hashes.Length; i++)
        {
            pairs[next[Partition(hashes[i], partitionShift)]++] = Pack(hashes[i], i);
        }

        var table = new long[BitOperations.RoundUpToPowerOf2((uint)largest * 2)];
        var first = -1;
        for (var p = 0; p + 1 < starts.Length; p++)
        {
            var repeat = FirstRepeatIn(records, pairs.AsSpan(starts[p], starts[p + 1] - starts[p]), table);
            if (repeat >= 0 && (first < 0 || repeat < first))
            {
                first = repeat;
            }
        }

        return first;
    }

    /// <summary>The first repeat of one partition; its pairs are in index order, so the first found is its smallest.</summary>
    private static int FirstRepeatIn(ReadOnlySpan<EvseStatusRecord> records, ReadOnlySpan<long> pairs, long[] table)
    {
        if (pairs.Length < 2)
        {
            return -1;
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)pairs.Length * 2);
        var slots = table.AsSpan(0, size);
        slots.Clear();
        var mask = size - 1;
        foreach (var pair in pairs)
        {
            var hash = (int)(pair >> 32);
            var index = (int)pair;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var entry = slots[slot];
                if (entry == 0)
                {
                    // Stored with index + 1, so that 0 marks a free slot.
                    slots[slot] = pair + 1;
                    break;
                }

                if ((int)(entry >> 32) == hash && records[(int)entry - 1].EvseId.Equals(records[index].EvseId))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    private static int Partition(int hash, int shift) => shift == 32 ? 0 : (int)((uint)hash >> shift);

    private static long Pack(int hash, int index) => ((long)hash << 32) | (uint)index;
}
