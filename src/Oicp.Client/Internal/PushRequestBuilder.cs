using System.Globalization;
using Oicp.Client.Internal.Generated;

namespace Oicp.Client.Internal;

/// <summary>
/// Checks a push against the rules Hubject enforces (and that we can check locally) and builds the
/// generated request DTO around the validated records. Any violation throws <see cref="ArgumentException"/>
/// naming the EvseID and the rule, before anything is sent.
/// </summary>
internal sealed class PushRequestBuilder
{
    private readonly OperatorId _operatorId;
    private readonly OperatorId[] _allowedOperators;
    private readonly string? _operatorName;

    public PushRequestBuilder(OperatorId operatorId, IEnumerable<OperatorId> subOperatorIds, string? operatorName)
    {
        _operatorId = operatorId;
        _allowedOperators = [operatorId, .. subOperatorIds];
        _operatorName = operatorName;
    }

    /// <summary>Builds a request of one record (a status change) without copying it into a collection first.</summary>
    public PushEvseStatusRequest Build(ActionType actionType, EvseStatusRecord record, string recordParameterName)
    {
        CheckActionType(actionType);
        CheckRecord(record, 0, recordParameterName);
        return Request(actionType, new ValidatedEvseStatusRecords([record]));
    }

    public PushEvseStatusRequest Build(ActionType actionType, IEnumerable<EvseStatusRecord> records, string recordsParameterName)
    {
        ArgumentNullException.ThrowIfNull(records, recordsParameterName);
        CheckActionType(actionType);

        // One copy of the caller's records, validated in place and serialized straight from it: no
        // generated DTO per record (see ValidatedEvseStatusRecords), and a later change to the caller's
        // collection cannot alter what was validated.
        var snapshot = records switch
        {
            ICollection<EvseStatusRecord> collection => CopyOf(collection),
            _ => records.ToArray(),
        };

        // Found before validating so that the errors come in record order, as a check of each record in turn would report them.
        var repeat = DuplicateEvseIds.IndexOfFirstRepeat(snapshot);
        for (var index = 0; index < snapshot.Length; index++)
        {
            CheckRecord(snapshot[index], index, recordsParameterName);
            if (index == repeat)
            {
                throw new ArgumentException(
                    $"EvseID {snapshot[index].EvseId} appears more than once in one request; Hubject rejects the whole request with code 018 (Inconsistent EvseID). Send one record per EVSE.",
                    recordsParameterName);
            }
        }

        if (snapshot.Length == 0 && actionType != ActionType.FullLoad)
        {
            throw new ArgumentException(
                $"A {actionType.ToWireString()} push needs at least one record; only a fullLoad may be empty (it deletes all records).",
                recordsParameterName);
        }

        return Request(actionType, new ValidatedEvseStatusRecords(snapshot));
    }

    private static EvseStatusRecord[] CopyOf(ICollection<EvseStatusRecord> collection)
    {
        var copy = new EvseStatusRecord[collection.Count];
        collection.CopyTo(copy, 0);
        return copy;
    }

    private static void CheckActionType(ActionType actionType)
    {
        if (!OicpWireNames.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "ActionType must be one of fullLoad, update, insert, delete.");
        }
    }

    /// <summary>Checks that an EVSE may be pushed by this operator (a parsed id of the operator or a sub-operator), before anything is queued or sent.</summary>
    public void CheckEvse(EvseId evseId, string parameterName)
    {
        if (evseId.IsEmpty)
        {
            throw new ArgumentException("The EvseId is the default (empty) value: parse it with EvseId.Parse.", parameterName);
        }

        CheckOwnership(evseId, parameterName);
    }

    private void CheckRecord(EvseStatusRecord record, int index, string parameterName)
    {
        var evseId = record.EvseId;
        if (evseId.IsEmpty)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Record {index} has no EvseID (default EvseId): every EvseStatusRecord needs a parsed EvseId."),
                parameterName);
        }

        if (!OicpWireNames.IsDefined(record.Status))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"EvseID {evseId}: EvseStatus {(int)record.Status} is not defined; it must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown."),
                parameterName);
        }

        CheckOwnership(evseId, parameterName);
    }

    private void CheckOwnership(EvseId evseId, string parameterName)
    {
        if (!BelongsToAllowedOperator(evseId))
        {
            throw new ArgumentException(
                $"EvseID {evseId} belongs to operator {evseId.OperatorId}, which is neither the configured OperatorID {_operatorId} nor one of its configured sub-operators (OicpClientOptions.SubOperatorIds).",
                parameterName);
        }
    }

    private PushEvseStatusRequest Request(ActionType actionType, ValidatedEvseStatusRecords records)
    {
        // Filled in place: the generated DTO already creates its OperatorEvseStatus, so a new one
        // (with its own empty record list) would be allocated only to be dropped.
        var request = new PushEvseStatusRequest { ActionType = (Generated.ActionType)(int)actionType };
        var status = request.OperatorEvseStatus;
        status.OperatorID = _operatorId.ToString();
        status.OperatorName = _operatorName;
        status.EvseStatusRecord = records;
        return request;
    }

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
