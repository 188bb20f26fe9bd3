using System.Globalization;
using Oicp.Client.Transport;

namespace Oicp.Client.Pushing.Internal;

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

    public PushEvseStatusRequest Build(ActionType actionType, IEnumerable<EvseStatusRecord> records, string recordsParameterName)
    {
        ArgumentNullException.ThrowIfNull(records, recordsParameterName);

        // One copy of the caller's records (a collection's CopyTo), validated and serialized as it is: a later change to
        // the caller's collection cannot alter what was validated.
        return BuildFromSnapshot(actionType, records.ToArray(), recordsParameterName);
    }

    /// <summary>Builds the request of one status change, whose one-record array nobody else holds.</summary>
    public PushEvseStatusRequest BuildOne(ActionType actionType, EvseId evseId, EvseStatus status, string parameterName) =>
        BuildFromSnapshot(actionType, [new EvseStatusRecord(evseId, status)], parameterName);

    private PushEvseStatusRequest BuildFromSnapshot(ActionType actionType, EvseStatusRecord[] snapshot, string recordsParameterName)
    {
        if (!OicpWireNames.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "ActionType must be one of fullLoad, update, insert, delete.");
        }

        // EvseId equality leaves out the optional '*', as Hubject does when it answers 018.
        var seen = snapshot.Length > 1 ? new HashSet<EvseId>(snapshot.Length) : null;
        for (var index = 0; index < snapshot.Length; index++)
        {
            CheckRecord(snapshot[index], index, recordsParameterName);
            if (seen is not null && !seen.Add(snapshot[index].EvseId))
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

        return new PushEvseStatusRequest
        {
            ActionType = actionType,
            OperatorEvseStatus = new OperatorEvseStatus
            {
                OperatorID = _operatorId.ToString(),
                OperatorName = _operatorName,
                EvseStatusRecord = snapshot,
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
