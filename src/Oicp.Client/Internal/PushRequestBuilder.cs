using System.Globalization;
using Oicp.Client.Internal.Generated;

namespace Oicp.Client.Internal;

/// <summary>
/// Checks a push against the rules Hubject enforces (and that we can check locally) and builds the
/// generated request DTO in the same pass. Any violation throws <see cref="ArgumentException"/>
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
        if (!OicpWireNames.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "ActionType must be one of fullLoad, update, insert, delete.");
        }

        var dtos = records.TryGetNonEnumeratedCount(out var count)
            ? new List<Generated.EvseStatusRecord>(count)
            : [];

        // Ids written with and without '*' are the same EVSE for Hubject's duplicate check (code 018).
        var seen = new HashSet<string>(dtos.Capacity, SeparatorInsensitiveComparer.Instance);
        foreach (var record in records)
        {
            var index = dtos.Count;
            var evseId = record.EvseId;
            if (evseId.IsEmpty)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Record {index} has no EvseID (default EvseId): every EvseStatusRecord needs a parsed EvseId."),
                    recordsParameterName);
            }

            if (!OicpWireNames.IsDefined(record.Status))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"EvseID {evseId}: EvseStatus {(int)record.Status} is not defined; it must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown."),
                    recordsParameterName);
            }

            if (!BelongsToAllowedOperator(evseId))
            {
                throw new ArgumentException(
                    $"EvseID {evseId} belongs to operator {evseId.OperatorId}, which is neither the configured OperatorID {_operatorId} nor one of its configured sub-operators (OicpClientOptions.SubOperatorIds).",
                    recordsParameterName);
            }

            if (!seen.Add(evseId.ToString()))
            {
                throw new ArgumentException(
                    $"EvseID {evseId} appears more than once in one request; Hubject rejects the whole request with code 018 (Inconsistent EvseID). Send one record per EVSE.",
                    recordsParameterName);
            }

            dtos.Add(new Generated.EvseStatusRecord
            {
                EvseID = evseId.ToString(),
                EvseStatus = (Generated.EvseStatus)(int)record.Status,
            });
        }

        if (dtos.Count == 0 && actionType != ActionType.FullLoad)
        {
            throw new ArgumentException(
                $"A {actionType.ToWireString()} push needs at least one record; only a fullLoad may be empty (it deletes all records).",
                recordsParameterName);
        }

        return new PushEvseStatusRequest
        {
            ActionType = (Generated.ActionType)(int)actionType,
            OperatorEvseStatus = new OperatorEvseStatus
            {
                OperatorID = _operatorId.ToString(),
                OperatorName = _operatorName,
                EvseStatusRecord = dtos,
            },
        };
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
