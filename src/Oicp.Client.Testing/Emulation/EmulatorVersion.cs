namespace Oicp.Client.Testing;

/// <summary>One version of an operator's EVSE status set: every successful push creates one, as on Hubject's side.</summary>
public sealed class EmulatorVersion
{
    internal EmulatorVersion(int number, DateTimeOffset timestamp, ActionType actionType, int recordCount, IReadOnlyDictionary<EvseId, EvseStatus> statuses)
    {
        Number = number;
        Timestamp = timestamp;
        ActionType = actionType;
        RecordCount = recordCount;
        Statuses = statuses;
    }

    /// <summary>Gets the version number: 1 for the operator's first successful push, then counting up.</summary>
    public int Number { get; }

    /// <summary>Gets when the push was applied, on the emulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the action type of the push that created the version.</summary>
    public ActionType ActionType { get; }

    /// <summary>Gets how many records the push carried.</summary>
    public int RecordCount { get; }

    /// <summary>Gets the operator's whole status set as it was after the push.</summary>
    public IReadOnlyDictionary<EvseId, EvseStatus> Statuses { get; }
}
