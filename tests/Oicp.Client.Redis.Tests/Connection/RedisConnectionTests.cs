using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Connection;

public sealed class RedisConnectionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData(null, "Oicp:Redis:Configuration is empty*")]
    [InlineData("  ", "Oicp:Redis:Configuration is empty*")]
    [InlineData("abortConnect=false", "Oicp:Redis:Configuration names no endpoint*")]
    [InlineData("127.0.0.1:notaport", "Oicp:Redis:Configuration: '127.0.0.1:notaport' is not an endpoint (host or host:port, port 1 to 65535*")]
    [InlineData("localhost:0", "Oicp:Redis:Configuration: 'localhost:0' is not an endpoint*")]
    [InlineData("redis://127.0.0.1:6379", "Oicp:Redis:Configuration: 'redis://127.0.0.1:6379' is not an endpoint*no URL scheme*")]
    [InlineData("127.0.0.1:6379,colour=blue", "Oicp:Redis:Configuration is malformed: Keyword 'colour' is not supported*")]
    public void A_malformed_configuration_is_refused_naming_the_setting_and_the_rule(string? configuration, string message)
    {
        RedisConnection.Validate(configuration).Should().Match(message);
        var act = () => RedisConnection.Parse(configuration);
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("redis.internal:6380,password=secret,ssl=true")]
    [InlineData("10.0.0.5:6379, 10.0.0.6:6379")]
    [InlineData("[::1]:6379")]
    public void A_well_formed_configuration_is_accepted(string configuration)
    {
        RedisConnection.Validate(configuration).Should().BeNull();
    }

    [Fact]
    public void The_message_never_repeats_a_password()
    {
        RedisConnection.Validate("127.0.0.1:notaport,password=hunter2").Should().NotContain("hunter2");
    }

    [Fact]
    public async Task An_unreachable_Redis_at_start_up_fails_naming_the_setting_and_the_endpoint()
    {
        var port = RedisServer.FreePort();

        var act = () => RedisConnection.ConnectAsync($"127.0.0.1:{port},connectTimeout=2000");

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"Oicp:Redis:Configuration: no Redis answered at 127.0.0.1:{port} at start-up*");
    }

    [Fact]
    public async Task A_reachable_Redis_is_connected()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Server.Configuration);

        connection.IsConnected.Should().BeTrue();
    }
}
