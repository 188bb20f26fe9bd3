using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Publishing;
using Oicp.Client.Publishing.Internal;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Publishing;

/// <summary>
/// A publisher over <see cref="HubjectStoreFake"/> on a fake clock, with helpers that let its loop settle. The fake
/// answers at once, so the round trip is zero; the channel in front of it has the operator's limiter.
/// </summary>
internal sealed class PublisherHarness : IAsyncDisposable
{
    public PublisherHarness(
        Action<EvseStatusPublisherOptions>? configure = null,
        IEvseStatusSnapshotSource? snapshot = null,
        DateTimeOffset? start = null,
        int seed = 1,
        int permitsPerMinute = 2000,
        OicpRetryOptions? retry = null,
        PublisherCoordinatorFactory? coordinator = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        Hubject = new HubjectStoreFake(Time);

        // No scheduled fullLoads unless a test asks for them.
        Options = new EvseStatusPublisherOptions { DailyFullLoadTime = null, FullLoadOnStart = false };
        configure?.Invoke(Options);
        RateLimiter = new ExactSlidingWindowRateLimiter(permitsPerMinute, TimeSpan.FromMinutes(1), Time);
        var channel = new PusherChannel(Hubject, RateLimiter, retry ?? new OicpRetryOptions());
        Publisher = new EvseStatusPublisher(channel, Options, snapshot, logger: null, Time, meterFactory: null, new Random(seed), coordinator);
    }

    public ExactSlidingWindowRateLimiter RateLimiter { get; }

    public FakeTimeProvider Time { get; }

    public HubjectStoreFake Hubject { get; }

    public EvseStatusPublisherOptions Options { get; }

    public EvseStatusPublisher Publisher { get; }

    public static EvseId Evse(int number) => EvseId.Parse($"DE*ABC*E{number}");

    /// <summary>Waits (in real time, bounded) until the loop has nothing to do before the clock moves.</summary>
    public Task SettleAsync() => Publisher.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    public async Task StartAsync()
    {
        Publisher.Start();
        await SettleAsync();
    }

    public async Task AdvanceAsync(TimeSpan total, TimeSpan? step = null)
    {
        var stride = step ?? TimeSpan.FromSeconds(1);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += stride)
        {
            Time.Advance(stride);
            await SettleAsync();
        }
    }

    /// <summary>Stops the publisher, moving the clock past the drain timeout so a rate-limited queue cannot hang the test.</summary>
    public async ValueTask DisposeAsync()
    {
        var stop = Publisher.StopAsync();
        Time.Advance(Options.ShutdownTimeout + TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        await Publisher.DisposeAsync();
    }
}

/// <summary>A snapshot source over a dictionary the test controls.</summary>
internal sealed class DictionarySnapshotSource(IDictionary<EvseId, EvseStatus> truth) : IEvseStatusSnapshotSource
{
    public int Reads { get; private set; }

    public async IAsyncEnumerable<EvseStatusRecord> GetSnapshotAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Reads++;
        await Task.Yield();
        foreach (var (evseId, status) in truth.ToArray())
        {
            yield return new EvseStatusRecord(evseId, status);
        }
    }
}
