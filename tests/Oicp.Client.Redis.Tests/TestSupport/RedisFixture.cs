using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// One redis-server and one connection shared by the tests of a class; each test works on its own operator
/// (<see cref="NewOperator"/>), so their keys never meet. Tests that restart or kill Redis start their own server.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private static int s_operators;

    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

    /// <summary>Keys of an operator no other test in the process uses.</summary>
    internal static RedisKeys NewOperator()
    {
        var n = Interlocked.Increment(ref s_operators);
        return new RedisKeys(OperatorId.Parse($"DE*{ToBase36(n)}"));
    }

    internal static EvseId Evse(RedisKeys keys, int n) => EvseId.Parse($"{keys.OperatorId}*E{n}");

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await Server.ConnectAsync(allowAdmin: true);
    }

    public async Task DisposeAsync()
    {
        // Either may be missing when start-up failed (no redis-server); the test then reports that failure.
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    private static string ToBase36(int n)
    {
        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Span<char> text = stackalloc char[3];
        for (var i = 2; i >= 0; i--)
        {
            text[i] = Digits[n % 36];
            n /= 36;
        }

        return new string(text);
    }
}
