using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>
/// What "pushes never overlap" can and cannot promise, over real HTTP on 127.0.0.1: the client never has two requests
/// of one operator in flight, but a request it gave up on (timeout, cancellation) may still be worked on by the server
/// when the next one arrives. docs/reliability.md states this; this test shows it.
/// </summary>
public sealed class SequencingLimitsTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task After_a_timeout_the_next_push_can_reach_the_server_while_the_abandoned_one_is_still_handled()
    {
        var clock = new TimerDrivenClock();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ConcurrencyCount();
        var received = 0;
        await using var hubject = await KestrelStub.StartAsync(async context =>
        {
            using var inFlight = server.Enter();
            if (Interlocked.Increment(ref received) == 1)
            {
                // Like a busy Hubject: it goes on with the request although the client has given up on it.
                firstArrived.SetResult();
                await releaseFirst.Task;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"Result":true,"StatusCode":{"Code":"000"}}""");
        });
        var client = new ConcurrencyCount();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOicpEvseStatusPusher(o =>
            {
                o.OperatorId = "DE*ABC";
                o.BaseAddress = hubject.BaseAddress;
                o.RequestTimeout = RequestTimeout;
                o.Retry.MaxAttempts = 1;
            })
            .AddHttpMessageHandler(() => new CountingHandler(client));
        await using var provider = services.BuildServiceProvider();
        var pusher = provider.GetRequiredService<IEvseStatusPusher>();

        var first = pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied);
        await firstArrived.Task.WaitAsync(TimerDrivenClock.SafetyTimeout);
        clock.Advance(RequestTimeout);
        var firstResult = await first;
        var secondResult = await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available).WaitAsync(TimerDrivenClock.SafetyTimeout);
        releaseFirst.SetResult();

        firstResult.IsTimeout.Should().BeTrue();
        secondResult.IsSuccess.Should().BeTrue(secondResult.ToString());
        client.Max.Should().Be(1, "the client never has two requests of one operator in flight");
        server.Max.Should().Be(2, "the server was still working on the abandoned request when the next one arrived");
    }

    private sealed class ConcurrencyCount
    {
        private int _current;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _current);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }

            return new Exit(this);
        }

        private sealed class Exit(ConcurrencyCount count) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref count._current);
        }
    }

    private sealed class CountingHandler(ConcurrencyCount count) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var inFlight = count.Enter();
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
    }
}
