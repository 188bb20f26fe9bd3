namespace Oicp.Client.Testing;

/// <summary>
/// The scripted answers of an <see cref="OicpEmulator"/>, used in order: each request takes the first
/// queued fault that applies to its operator (unscoped faults apply to every operator).
/// </summary>
public sealed class EmulatorFaultQueue
{
    private readonly object _lock = new();
    private readonly List<EmulatorFault> _faults = [];

    internal EmulatorFaultQueue()
    {
    }

    /// <summary>Gets how many faults are still waiting for a request.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>Scripts the answer to a coming request.</summary>
    /// <param name="fault">The fault; use <see cref="EmulatorFault.ForOperator"/> to limit it to one operator.</param>
    public void Enqueue(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Scripts the answers to the coming requests, in order.</summary>
    /// <param name="faults">The faults.</param>
    public void Enqueue(params EmulatorFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var fault in faults)
        {
            Enqueue(fault);
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    internal EmulatorFault? TakeFor(OperatorId? operatorId)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(fault => fault.OperatorId is not { } scope || (operatorId is { } op && scope.IsSameOperatorAs(op)));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }
}
