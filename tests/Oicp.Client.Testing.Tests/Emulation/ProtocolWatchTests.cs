using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

public sealed class ProtocolWatchTests
{
    [Fact]
    public async Task Sequential_requests_are_not_counted_as_overlapping()
    {
        using var client = new RawEmulatorClient();

        await client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));
        await client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E1", "Occupied")));

        client.Emulator.Statistics.OverlappingRequests.Should().Be(0);
        client.Emulator.Statistics.MaxConcurrentRequests.Should().Be(1);
    }

    [Fact]
    public async Task A_request_sent_before_the_previous_answer_of_the_same_operator_is_counted_as_overlapping()
    {
        using var client = new RawEmulatorClient();
        client.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(2)));

        var first = client.SendAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));
        using var second = await client.SendAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E2", "Available")));
        first.IsCompleted.Should().BeFalse("the first request waits on the fake clock");
        client.Clock.Advance(TimeSpan.FromSeconds(2));
        using var firstResponse = await first;

        client.Emulator.Statistics.OverlappingRequests.Should().Be(1);
        client.Emulator.Statistics.MaxConcurrentRequests.Should().Be(2);
        firstResponse.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_of_different_operators_may_run_at_the_same_time()
    {
        using var client = new RawEmulatorClient();
        client.Emulator.RegisterOperator(OperatorId.Parse("DE*XYZ"));
        client.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(2)));

        var first = client.SendAsync(RawEmulatorClient.Body("fullLoad"));
        using var other = await client.SendAsync(RawEmulatorClient.Body("fullLoad", "DE*XYZ"), pathOperator: "DE*XYZ");
        client.Clock.Advance(TimeSpan.FromSeconds(2));
        using var firstResponse = await first;

        client.Emulator.Statistics.OverlappingRequests.Should().Be(0);
    }

    [Fact]
    public async Task Over_the_rate_limit_requests_are_answered_429_with_Retry_After_until_the_minute_has_passed()
    {
        using var client = new RawEmulatorClient(o => o.RateLimitPerMinute = 3);
        var body = RawEmulatorClient.Body("fullLoad");
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync(body)).Status.Should().Be(HttpStatusCode.OK);
            client.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var limited = await client.PostAsync(body);
        client.Clock.Advance(TimeSpan.FromSeconds(30));
        var afterWindow = await client.PostAsync(body);

        limited.Status.Should().Be(HttpStatusCode.TooManyRequests);
        limited.RetryAfter.Should().Be("30");
        limited.ProcessId.Should().NotBeNullOrEmpty();
        afterWindow.Status.Should().Be(HttpStatusCode.OK);
        client.Emulator.Statistics.RateLimitedRequests.Should().Be(1);
        client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().HaveCount(4);
    }

    [Fact]
    public async Task The_default_rate_limit_is_Hubject_2000_per_minute()
    {
        using var client = new RawEmulatorClient();
        var body = RawEmulatorClient.Body("fullLoad");
        for (var i = 0; i < 2000; i++)
        {
            await client.PostAsync(body);
        }

        var limited = await client.PostAsync(body);

        client.Emulator.RateLimitPerMinute.Should().Be(OicpEmulatorOptions.HubjectRateLimitPerMinute);
        limited.Status.Should().Be(HttpStatusCode.TooManyRequests);
        limited.RetryAfter.Should().Be("60");
    }

    [Fact]
    public async Task The_rate_limit_can_be_disabled()
    {
        using var client = new RawEmulatorClient(o => o.RateLimitPerMinute = null);
        for (var i = 0; i < 2001; i++)
        {
            await client.PostAsync(RawEmulatorClient.Body("fullLoad"));
        }

        client.Emulator.Statistics.RateLimitedRequests.Should().Be(0);
    }
}
