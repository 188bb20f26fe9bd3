namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// One operator's world for a coordination test: its own redis-server, the Hubject emulator over Kestrel knowing
/// <see cref="Evses"/>, the truth (every EVSE Available at first, the snapshot source of the fullLoads) and the
/// instances started on it, all stopped at the end.
/// </summary>
internal sealed class OperatorTestbed : IAsyncDisposable
{
    private OperatorTestbed(OperatorId operatorId, EvseId[] evses, RedisServer redis, HubjectEmulator hubject)
    {
        OperatorId = operatorId;
        Evses = evses;
        Redis = redis;
        Hubject = hubject;
        foreach (var evse in evses)
        {
            Truth.Statuses[evse] = EvseStatus.Available;
        }
    }

    public OperatorId OperatorId { get; }

    public EvseId[] Evses { get; }

    public RedisServer Redis { get; }

    public HubjectEmulator Hubject { get; }

    public TruthSource Truth { get; } = new();

    public List<ClusterInstance> Instances { get; } = [];

    public static async Task<OperatorTestbed> StartAsync(OperatorId operatorId, int evseCount, TimeSpan roundTrip)
    {
        var evses = Enumerable.Range(1, evseCount).Select(n => EvseId.Parse($"{operatorId}*E{n}")).ToArray();
        var redis = await RedisServer.StartAsync();
        try
        {
            return new OperatorTestbed(operatorId, evses, redis, await HubjectEmulator.StartAsync(operatorId, roundTrip, evses));
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts an instance with the truth as its snapshot source.</summary>
    public async Task<ClusterInstance> StartInstanceAsync(string name)
    {
        var instance = await ClusterInstance.StartAsync(name, Redis.Configuration, Hubject.BaseAddress, OperatorId, Truth);
        Instances.Add(instance);
        return instance;
    }

    /// <summary>Waits (bounded) until Hubject's view equals the truth.</summary>
    public Task AgreesAsync(TimeSpan deadline, string what) => Eventually.TrueAsync(() => Hubject.AgreesWith(Truth), deadline, what);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        await Hubject.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
