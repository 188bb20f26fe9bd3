using Oicp.Client.Testing;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>The emulator of Hubject over Kestrel on 127.0.0.1, for one operator, with a real round trip.</summary>
internal sealed class HubjectEmulator : IAsyncDisposable
{
    private HubjectEmulator(OicpEmulator emulator, OicpEmulatorServer server)
    {
        Emulator = emulator;
        Server = server;
    }

    public OicpEmulator Emulator { get; }

    public OicpEmulatorServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public static async Task<HubjectEmulator> StartAsync(OperatorId operatorId, TimeSpan roundTrip, IEnumerable<EvseId>? evses = null)
    {
        var emulator = new OicpEmulator(new OicpEmulatorOptions { RoundTripTime = roundTrip, CallerOperatorId = operatorId, RequestLogLimit = 100_000 });
        emulator.RegisterOperator(operatorId);
        if (evses is not null)
        {
            emulator.RegisterEvseData(evses);
        }

        return new HubjectEmulator(emulator, await OicpEmulatorServer.StartAsync(emulator));
    }

    /// <summary>Whether Hubject's view of the operator holds exactly the statuses of <paramref name="truth"/>.</summary>
    public bool AgreesWith(TruthSource truth)
    {
        var view = Emulator.GetStatuses(Emulator.CallerOperatorId!.Value);
        return view.Count == truth.Statuses.Count && truth.Statuses.All(pair => view.TryGetValue(pair.Key, out var status) && status == pair.Value);
    }

    /// <summary>The largest number of requests that arrived within any sliding <paramref name="window"/>.</summary>
    public int MostRequestsIn(TimeSpan window)
    {
        var times = Emulator.Requests.Select(static request => request.ReceivedAt).Order().ToArray();
        var most = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] >= window)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
