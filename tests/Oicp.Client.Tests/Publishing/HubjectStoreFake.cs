using System.Net;

namespace Oicp.Client.Tests.Publishing;

/// <summary>
/// Models Hubject's status store behind <see cref="IEvseStatusPusher"/>: applies updates and fullLoads,
/// rejects a request carrying an EvseID twice (018) or an unknown EVSE (603), fails on demand, and records
/// every call with its start time and the highest number of calls in flight at once. It completes
/// asynchronously (Task.Yield) so overlapping calls would be seen, but never waits for the fake clock.
/// </summary>
internal sealed class HubjectStoreFake(TimeProvider timeProvider) : IEvseStatusPusher
{
    private readonly object _lock = new();
    private int _inFlight;

    public OperatorId OperatorId { get; } = OperatorId.Parse("DE*ABC");

    public Dictionary<EvseId, EvseStatus> Store { get; } = [];

    public List<(DateTimeOffset At, ActionType Action, EvseStatusRecord[] Records)> Calls { get; } = [];

    public HashSet<EvseId> UnknownEvses { get; } = [];

    public int MaxConcurrency { get; private set; }

    /// <summary>Given the call index and the call, returns a failure to answer instead of applying it.</summary>
    public Func<int, ActionType, EvseStatusRecord[], PushResult?>? Fail { get; set; }

    /// <summary>When set, a fullLoad waits for this task after it has been recorded.</summary>
    public Task? FullLoadGate { get; set; }

    public TaskCompletionSource FullLoadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<DateTimeOffset> CallTimes => Calls.Select(call => call.At);

    public Task<PushResult> PushStatusAsync(EvseId evseId, EvseStatus status, CancellationToken cancellationToken = default) =>
        HandleAsync(ActionType.Update, [new EvseStatusRecord(evseId, status)], cancellationToken);

    public Task<PushResult> PushAsync(ActionType actionType, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        HandleAsync(actionType, records, cancellationToken);

    public Task<PushResult> FullLoadAsync(IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) =>
        HandleAsync(ActionType.FullLoad, records, cancellationToken);

    public static PushResult Success(ActionType action, int count) =>
        OicpModelFactory.PushResult(actionType: action, recordCount: count, acknowledgmentResult: true, oicpCode: OicpStatusCode.Success, httpStatusCode: HttpStatusCode.OK);

    public static PushResult Rejected(string code, ActionType action = ActionType.Update, int count = 1) =>
        OicpModelFactory.PushResult(PushFailureKind.Rejected, action, count, acknowledgmentResult: false, oicpCode: code, httpStatusCode: HttpStatusCode.OK);

    public static PushResult Http(HttpStatusCode status) =>
        OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: status);

    private async Task<PushResult> HandleAsync(ActionType action, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            var list = records.ToArray();
            int index;
            lock (_lock)
            {
                MaxConcurrency = Math.Max(MaxConcurrency, inFlight);
                index = Calls.Count;
                Calls.Add((timeProvider.GetUtcNow(), action, list));
            }

            await Task.Yield();
            if (action == ActionType.FullLoad)
            {
                FullLoadStarted.TrySetResult();
                if (FullLoadGate is { } gate)
                {
                    await gate.WaitAsync(cancellationToken);
                }
            }

            if (Fail?.Invoke(index, action, list) is { } failure)
            {
                return failure;
            }

            if (list.Select(record => record.EvseId).Distinct().Count() != list.Length)
            {
                return Rejected("018", action, list.Length);
            }

            if (action != ActionType.FullLoad && list.Any(record => UnknownEvses.Contains(record.EvseId)))
            {
                return Rejected("603", action, list.Length);
            }

            lock (_lock)
            {
                if (action == ActionType.FullLoad)
                {
                    Store.Clear();
                }

                foreach (var record in list)
                {
                    Store[record.EvseId] = record.Status;
                }
            }

            return Success(action, list.Length);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
