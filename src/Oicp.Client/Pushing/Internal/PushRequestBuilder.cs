using System.Buffers;
using System.Globalization;
using System.Numerics;
using Oicp.Client.Transport;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// Checks a push against the rules Hubject enforces (and that we can check locally) and builds the
/// generated request DTO around the validated records. Any violation throws <see cref="ArgumentException"/>
/// naming the EvseID and the rule, before anything is sent.
/// </summary>
internal sealed class PushRequestBuilder
{
    private static readonly ArrayPool<EvseStatusRecord> RecordPool = ArrayPool<EvseStatusRecord>.Shared;

    private readonly OperatorId _operatorId;
    private readonly OperatorId[] _allowedOperators;
    private readonly string? _operatorName;
    private readonly ArrayPool<long> _pool;

    /// <param name="operatorId">The configured OperatorID.</param>
    /// <param name="subOperatorIds">The configured sub-operators.</param>
    /// <param name="operatorName">The OperatorName sent with every request.</param>
    /// <param name="pool">The pool of the duplicate check's table (<see cref="FirstRepeat"/>); <see cref="ArrayPool{T}.Shared"/> unless a test counts it.</param>
    public PushRequestBuilder(OperatorId operatorId, IEnumerable<OperatorId> subOperatorIds, string? operatorName, ArrayPool<long>? pool = null)
    {
        _operatorId = operatorId;
        _allowedOperators = [operatorId, .. subOperatorIds];
        _operatorName = operatorName;
        _pool = pool ?? ArrayPool<long>.Shared;
    }

    public PushEvseStatusRequest Build(ActionType actionType, IEnumerable<EvseStatusRecord> records, string recordsParameterName)
    {
        ArgumentNullException.ThrowIfNull(records, recordsParameterName);

        // What is checked is what is sent: the records are copied before they are checked, so a caller that changes its
        // collection while the push runs cannot slip an unchecked record (a duplicate, another operator's EVSE) past the
        // rules. A collection is copied into an array rented from the pool and handed back by Release when the push is
        // done: a new copy of 1,000,000 records was 24 MB of large-object memory per fullLoad which (with the duplicate
        // check's) made the time per record grow with the count (docs/performance.md). Any other sequence is read once.
        IReadOnlyList<EvseStatusRecord> copy;
        if (records is ICollection<EvseStatusRecord> collection)
        {
            var count = collection.Count;
            var rented = RecordPool.Rent(count);
            collection.CopyTo(rented, 0);
            copy = new ArraySegment<EvseStatusRecord>(rented, 0, count);
        }
        else
        {
            copy = records.ToArray();
        }

        try
        {
            return BuildFrom(actionType, copy, recordsParameterName);
        }
        catch
        {
            Release(copy);
            throw;
        }
    }

    /// <summary>Hands the records <see cref="Build"/> rented back to the pool; call it once, when the push is done.</summary>
    public static void Release(PushEvseStatusRequest request) => Release(request.OperatorEvseStatus.EvseStatusRecord);

    /// <summary>Builds the request of one status change, whose one-record array nobody else holds.</summary>
    public PushEvseStatusRequest BuildOne(ActionType actionType, EvseId evseId, EvseStatus status, string parameterName)
    {
        EvseStatusRecord[] one = [new(evseId, status)];
        return BuildFrom(actionType, one, parameterName);
    }

    private PushEvseStatusRequest BuildFrom(ActionType actionType, IReadOnlyList<EvseStatusRecord> records, string recordsParameterName)
    {
        if (!OicpWireNames.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "ActionType must be one of fullLoad, update, insert, delete.");
        }

        // Two passes, so that the error is the first in request order: each record's rules, then the duplicates among the
        // records before the first that breaks one. In one loop, reading the ids' text and the table's random accesses
        // slowed each other down: 80 against 31 ms of CPU for 1,000,000 records, and more per record than for 100,000.
        ArgumentException? broken = null;
        var valid = 0;
        while (valid < records.Count && (broken = RuleBroken(records[valid], valid, recordsParameterName)) is null)
        {
            valid++;
        }

        var repeat = FirstRepeat(records, valid);
        if (repeat >= 0)
        {
            throw new ArgumentException(
                $"EvseID {records[repeat].EvseId} appears more than once in one request; Hubject rejects the whole request with code 018 (Inconsistent EvseID). Send one record per EVSE.",
                recordsParameterName);
        }

        if (broken is not null)
        {
            throw broken;
        }

        if (records.Count == 0 && actionType != ActionType.FullLoad)
        {
            throw new ArgumentException(
                $"A {actionType.ToWireString()} push needs at least one record; only a fullLoad may be empty (it deletes all records).",
                recordsParameterName);
        }

        return new PushEvseStatusRequest
        {
            ActionType = actionType,
            OperatorEvseStatus = new OperatorEvseStatus
            {
                OperatorID = _operatorId.ToString(),
                OperatorName = _operatorName,
                EvseStatusRecord = records,
            },
        };
    }

    /// <summary>Checks that an EVSE may be pushed by this operator (a parsed id of the operator or a sub-operator), before anything is queued or sent.</summary>
    public void CheckEvse(EvseId evseId, string parameterName)
    {
        if (evseId.IsEmpty)
        {
            throw new ArgumentException("The EvseId is the default (empty) value: parse it with EvseId.Parse.", parameterName);
        }

        if (OwnershipBroken(evseId, parameterName) is { } broken)
        {
            throw broken;
        }
    }

    /// <remarks>Only <see cref="Build"/>'s pooled copies are segments; a one-record array or a read sequence is left alone.</remarks>
    private static void Release(IReadOnlyList<EvseStatusRecord> records)
    {
        if (records is ArraySegment<EvseStatusRecord> { Array: { } array } segment)
        {
            // Cleared first, so that the pool keeps no EvseID alive.
            Array.Clear(array, 0, segment.Count);
            RecordPool.Return(array);
        }
    }

    /// <summary>
    /// Returns the index of the first of the first <paramref name="count"/> records whose EvseID an earlier one has (with
    /// <see cref="EvseId"/>'s identity, separators left out), or -1.
    /// </summary>
    /// <remarks>
    /// Why not a <see cref="HashSet{T}"/>: for 1,000,000 records it is 32 MB of new large-object memory per push which, with
    /// a copy of the records, started a full garbage collection every few fullLoads and made the time per record grow from
    /// 100,000 to 1,000,000 records; it also took about three times as long as this table rented from a pool. A slot holds an
    /// id's hash (computed when the id was parsed) and its record's index + 1 (0 is free): a record is read only when the
    /// hashes match. Open addressing, linear probing, at most half full.
    /// </remarks>
    private int FirstRepeat(IReadOnlyList<EvseStatusRecord> records, int count)
    {
        if (count < 2)
        {
            return -1;
        }

        var size = checked((int)BitOperations.RoundUpToPowerOf2((ulong)count * 2));
        var slots = _pool.Rent(size);
        try
        {
            Array.Clear(slots, 0, size);
            for (var index = 0; index < count; index++)
            {
                var evseId = records[index].EvseId;
                var hash = evseId.GetHashCode();
                var slot = hash & (size - 1);
                for (; slots[slot] != 0; slot = (slot + 1) & (size - 1))
                {
                    if ((int)(slots[slot] >> 32) == hash && records[(int)slots[slot] - 1].EvseId == evseId)
                    {
                        return index;
                    }
                }

                slots[slot] = ((long)hash << 32) | (uint)(index + 1);
            }

            return -1;
        }
        finally
        {
            _pool.Return(slots);
        }
    }

    /// <summary>Returns the error of the first rule <paramref name="record"/> breaks, or <see langword="null"/>.</summary>
    private ArgumentException? RuleBroken(EvseStatusRecord record, int index, string parameterName)
    {
        var evseId = record.EvseId;
        if (evseId.IsEmpty)
        {
            return new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Record {index} has no EvseID (default EvseId): every EvseStatusRecord needs a parsed EvseId."),
                parameterName);
        }

        if (!OicpWireNames.IsDefined(record.Status))
        {
            return new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"EvseID {evseId}: EvseStatus {(int)record.Status} is not defined; it must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown."),
                parameterName);
        }

        return OwnershipBroken(evseId, parameterName);
    }

    private ArgumentException? OwnershipBroken(EvseId evseId, string parameterName) => BelongsToAllowedOperator(evseId)
        ? null
        : new ArgumentException(
            $"EvseID {evseId} belongs to operator {evseId.OperatorId}, which is neither the configured OperatorID {_operatorId} nor one of its configured sub-operators (OicpClientOptions.SubOperatorIds).",
            parameterName);

    private bool BelongsToAllowedOperator(EvseId evseId)
    {
        foreach (var allowed in _allowedOperators)
        {
            if (evseId.BelongsTo(allowed))
            {
                return true;
            }
        }

        return false;
    }
}
