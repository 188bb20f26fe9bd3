using Oicp.Client.Redis.Tests.TestSupport;
using Oicp.Samples.ScaleOut;

namespace Oicp.Client.Redis.Tests.Samples;

/// <summary>The ScaleOut sample: three backend instances as OS processes, the holder killed with SIGKILL, Hubject agreeing at the end.</summary>
public sealed class ScaleOutSampleTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_instance_processes_with_the_holder_killed_by_SIGKILL_end_with_Hubject_agreeing_and_exit_0()
    {
        await using var redis = await RedisServer.StartAsync();
        using var output = new StringWriter();
        using var limit = new CancellationTokenSource(RunLimit);

        var exitCode = await ScaleOutApp.RunAsync(["--redis", redis.Configuration, "--duration", "4", "--evses", "300"], output, limit.Token)
            .WaitAsync(RunLimit + TimeSpan.FromSeconds(15));

        var text = output.ToString();
        exitCode.Should().Be(0, text);
        text.Should().MatchRegex(@"instance-\d \(process \d+\) holds the lease: killed with SIGKILL\.")
            .And.MatchRegex(@"instance-\d took over after \d+ ms \(lease time 4 s\)")
            .And.Contain("2 of 2 surviving instances stopped cleanly; lease released: yes.")
            .And.Contain("0 overlapping, 0 rate-limited (429)")
            .And.Contain("OK: Hubject's view and the charge points agree for all 300 EVSEs.");
        await using var connection = await redis.ConnectAsync();
        (await connection.GetServer(redis.Configuration).KeysAsync(pattern: "oicp-sample-*").CountAsync()).Should().Be(0, "the run's keys are deleted from a Redis given with --redis");
    }

    [Fact]
    public async Task A_Redis_that_does_not_answer_stops_the_run_with_the_instances_error_and_exit_1()
    {
        using var output = new StringWriter();
        using var limit = new CancellationTokenSource(RunLimit);

        var exitCode = await ScaleOutApp.RunAsync(["--redis", $"127.0.0.1:{RedisServer.FreePort()}", "--evses", "3"], output, limit.Token)
            .WaitAsync(RunLimit + TimeSpan.FromSeconds(15));

        exitCode.Should().Be(1);
        output.ToString().Should().Contain("error: the backend instances did not start: instance-1 exited at start-up")
            .And.Contain("Oicp:Redis:Configuration: no Redis answered at 127.0.0.1:");
    }

    [Fact]
    public async Task Help_describes_the_options_and_exits_0()
    {
        using var output = new StringWriter();

        var exitCode = await ScaleOutApp.RunAsync(["--help"], output);

        exitCode.Should().Be(0);
        output.ToString().Should().Contain("--redis HOST:PORT").And.Contain("--duration SECONDS").And.NotContain("--instance");
    }

    [Theory]
    [InlineData("--redis", "localhost")]
    [InlineData("--redis", "127.0.0.1:0")]
    [InlineData("--duration", "1")]
    [InlineData("--evses", "many")]
    [InlineData("--instance", "a")]
    [InlineData("--bogus", "1")]
    public async Task Invalid_arguments_exit_2_with_a_reason(params string[] args)
    {
        using var output = new StringWriter();

        var exitCode = await ScaleOutApp.RunAsync(args, output);

        exitCode.Should().Be(2);
        output.ToString().Should().StartWith("error: ");
    }
}
