using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Pushing;

/// <summary><c>oicp fullload FILE</c>: every line validated first, one request, no accidental deletion, no unconfirmed production fullLoad.</summary>
public sealed class FullLoadCommandTests(PlainEmulator server) : IClassFixture<PlainEmulator>, IDisposable
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-fullload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_CSV_file_is_sent_as_one_fullLoad_request()
    {
        var file = Write("statuses.csv", "EvseID,EvseStatus\n# comment\nDE*ABC*E1,Available\n\nDE*ABC*E2,Occupied\n");
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var result = await ToolRunner.RunAsync(["fullload", file, .. server.Settings]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("OK    Push               statuses.csv: fullLoad of 2 record(s): success").And.Contain("Process-ID");
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore + 1);
        server.Emulator.GetStatuses(Abc).Should().HaveCount(2).And.ContainKey(EvseId.Parse("DE*ABC*E2"));
    }

    [Fact]
    public async Task A_JSON_file_of_records_is_sent()
    {
        var file = Write("statuses.json", """[{"EvseID":"DE*ABC*E7","EvseStatus":"OutOfService"}]""");

        var result = await ToolRunner.RunAsync(["fullload", file, .. server.Settings]);

        result.ExitCode.Should().Be(0, result.ToString());
        server.Emulator.GetStatuses(Abc).Should().ContainSingle().Which.Value.Should().Be(EvseStatus.OutOfService);
    }

    [Fact]
    public async Task Every_bad_line_is_named_and_nothing_is_sent()
    {
        var file = Write("bad.csv", "DE*ABC*E1,Available\nDE*ABC*X2,Available\nDE*ABC*E3,Charging\nDE*XYZ*E4,Available\nDEABCE1,Occupied\nDE*ABC*E5\n");
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var result = await ToolRunner.RunAsync(["fullload", file, .. server.Settings]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Out.Should().Contain("line 2: 'DE*ABC*X2' is not a valid EvseID")
            .And.Contain("line 3: EvseStatus 'Charging' of DE*ABC*E3 is not")
            .And.Contain("line 4: DE*XYZ*E4 belongs to operator DE*XYZ, not to DE*ABC")
            .And.Contain("line 5: DEABCE1 is already on line 1")
            .And.Contain("line 6: 'DE*ABC*E5' is not 'EvseID,EvseStatus'")
            .And.Contain("5 bad entries in");
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore);
    }

    [Fact]
    public async Task An_empty_file_is_refused_unless_allow_empty_is_given()
    {
        var file = Write("empty.csv", "EvseID,EvseStatus\n");
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var refused = await ToolRunner.RunAsync(["fullload", file, .. server.Settings]);

        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Out.Should().Contain("an empty fullLoad deletes ALL status records of DE*ABC").And.Contain("--allow-empty");
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore);

        var allowed = await ToolRunner.RunAsync(["fullload", file, "--allow-empty", .. server.Settings]);

        allowed.ExitCode.Should().Be(0, allowed.ToString());
        server.Emulator.GetStatuses(Abc).Should().BeEmpty();
    }

    [Theory]
    [InlineData("no\n")]
    [InlineData("")]
    public async Task A_production_fullLoad_that_is_not_confirmed_sends_nothing_and_exits_3(string answer)
    {
        using var certificates = new Oicp.Client.Testing.Tests.TestSupport.TestCertificates();
        using var files = new CertificateFiles(certificates);
        var file = Write("production.csv", "DE*ABC*E1,Available\n");

        var result = await ToolRunner.RunAsync(
            ["fullload", file, "--environment", "production", "--operator-id", "DE*ABC", "--certificate", files.Healthy, "--password-file", files.PasswordFile],
            input: answer);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Contain("This fullLoad replaces ALL status records of DE*ABC on Hubject PRODUCTION with the 1 record(s)").And.Contain("Type 'yes'");
        result.Out.Should().Contain("Not confirmed: nothing was sent.");
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var result = await ToolRunner.RunAsync(["fullload", Path.Combine(_folder, "missing.csv"), .. server.Settings]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().Contain("missing.csv' does not exist.");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
