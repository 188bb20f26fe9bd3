using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

public sealed class SdkOverHttpServerTests : IAsyncLifetime
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly OicpEmulator _emulator = new(new OicpEmulatorOptions { CallerOperatorId = Abc });
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _emulator.RegisterOperator(Abc);
        _server = await OicpEmulatorServer.StartAsync(_emulator);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void The_server_listens_on_loopback_on_a_dynamic_port_under_api_oicp()
    {
        _server.BaseAddress.Scheme.Should().Be("http");
        _server.BaseAddress.Host.Should().Be("127.0.0.1");
        _server.BaseAddress.Port.Should().BePositive();
        _server.BaseAddress.AbsolutePath.Should().Be("/api/oicp/");
        _server.Emulator.Should().BeSameAs(_emulator);
    }

    [Theory]
    [InlineData(false, "/api/oicp/evsepush/v21/operators/DE*ABC/status-records")]
    [InlineData(true, "/api/oicp/evsepush/v21/operators/DE%2AABC/status-records")]
    public async Task The_SDK_pushes_over_real_HTTP_with_the_star_literal_or_percent_encoded(bool percentEncode, string expectedPath)
    {
        using var sdk = new SdkHost(_server.BaseAddress, configure: o => o.PercentEncodeOperatorIdInPath = percentEncode);

        var load = await sdk.Pusher.FullLoadAsync([new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);
        var change = await sdk.Pusher.PushStatusAsync(EvseId.Parse("de*abc*e1"), EvseStatus.Occupied);

        load.IsSuccess.Should().BeTrue(load.ToString());
        change.IsSuccess.Should().BeTrue(change.ToString());
        change.ProcessId.Should().NotBeNullOrEmpty();
        _emulator.Requests.Should().OnlyContain(r => r.Path == expectedPath);
        _emulator.GetStatuses(Abc).Should().ContainKey(EvseId.Parse("DE*ABC*E1")).WhoseValue.Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public async Task A_refusal_arrives_as_a_typed_failure_over_real_HTTP()
    {
        using var sdk = new SdkHost(_server.BaseAddress);

        var result = await sdk.Pusher.PushAsync(ActionType.Insert, [new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);
        var again = await sdk.Pusher.PushAsync(ActionType.Insert, [new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);

        result.IsSuccess.Should().BeTrue();
        again.FailureKind.Should().Be(PushFailureKind.Rejected);
        again.OicpCode.Should().Be(OicpStatusCode.DataError);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transport_failure_and_the_next_push_works()
    {
        using var sdk = new SdkHost(_server.BaseAddress);
        _emulator.Faults.Enqueue(EmulatorFault.DropConnection());

        var dropped = await sdk.Pusher.FullLoadAsync([]);
        var next = await sdk.Pusher.FullLoadAsync([]);

        dropped.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        dropped.IsTransientFailure.Should().BeTrue();
        next.IsSuccess.Should().BeTrue();
        _emulator.GetHistory(Abc).Should().HaveCount(1);
    }

    [Fact]
    public async Task Raw_HTTP_answers_carry_the_Process_ID_and_Retry_After_headers()
    {
        _emulator.Faults.Enqueue(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(2)));
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(_server.BaseAddress, "evsepush/v21/operators/DE*ABC/status-records"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.GetValues("Process-ID").Single().Should().NotBeEmpty();
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
    }
}
