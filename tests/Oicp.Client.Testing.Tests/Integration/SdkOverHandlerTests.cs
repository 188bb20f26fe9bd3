using System.Net;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

public sealed class SdkOverHandlerTests : IDisposable
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly FakeTimeProvider _clock = new();
    private readonly OicpEmulator _emulator;
    private readonly SdkHost _sdk;

    public SdkOverHandlerTests()
    {
        _emulator = new OicpEmulator(new OicpEmulatorOptions { TimeProvider = _clock, CallerOperatorId = Abc });
        _emulator.RegisterOperator(Abc);
        _sdk = new SdkHost(new Uri("https://emulator.test/api/oicp/"), _emulator.CreateHandler);
    }

    private IEvseStatusPusher Pusher => _sdk.Pusher;

    public void Dispose() => _sdk.Dispose();

    private static EvseStatusRecord Record(string id, EvseStatus status) => new(EvseId.Parse(id), status);

    [Fact]
    public async Task A_fullLoad_then_status_changes_arrive_in_the_emulator()
    {
        var load = await Pusher.FullLoadAsync([Record("DE*ABC*E1", EvseStatus.Available), Record("DE*ABC*E2", EvseStatus.Available)]);
        var change = await Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E2"), EvseStatus.Occupied);

        load.IsSuccess.Should().BeTrue();
        change.IsSuccess.Should().BeTrue();
        change.ProcessId.Should().Be(_emulator.Requests[^1].ProcessId);
        change.SessionId.Should().NotBeNullOrEmpty();
        _emulator.GetStatuses(Abc)[EvseId.Parse("DE*ABC*E2")].Should().Be(EvseStatus.Occupied);
        _emulator.GetHistory(Abc).Select(v => v.ActionType).Should().Equal(ActionType.FullLoad, ActionType.Update);
    }

    [Fact]
    public async Task An_update_of_a_missing_EVSE_is_a_typed_rejection_with_022()
    {
        var result = await Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E404"), EvseStatus.Occupied);

        result.IsSuccess.Should().BeFalse();
        result.FailureKind.Should().Be(PushFailureKind.Rejected);
        result.OicpCode.Should().Be(OicpStatusCode.DataError);
        result.AdditionalInfo.Should().Contain("DE*ABC*E404");
        result.IsTransientFailure.Should().BeFalse();
    }

    [Fact]
    public async Task An_OperatorID_not_linked_to_the_certificate_is_an_HTTP_401_with_017()
    {
        _emulator.CallerOperatorId = OperatorId.Parse("DE*XYZ");

        var result = await Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
        result.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess);
    }

    [Fact]
    public async Task An_unknown_operator_is_an_HTTP_404_with_300()
    {
        using var sdk = new SdkHost(new Uri("https://emulator.test/api/oicp/"), _emulator.CreateHandler, o => o.OperatorId = "DE*NEW");
        _emulator.CallerOperatorId = null;

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.HttpStatusCode.Should().Be(HttpStatusCode.NotFound);
        result.OicpCode.Should().Be(OicpStatusCode.PartnerNotFound);
    }

    [Fact]
    public async Task Scripted_faults_become_the_matching_failure_kinds()
    {
        _emulator.Faults.Enqueue(
            EmulatorFault.Status(503),
            EmulatorFault.DropConnection(),
            EmulatorFault.MalformedJson(),
            EmulatorFault.Html403(),
            EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError),
            EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(3)));

        var results = new List<PushResult>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(await Pusher.FullLoadAsync([]));
        }

        results.Select(r => (r.FailureKind, r.HttpStatusCode)).Should().Equal(
            (PushFailureKind.HttpError, HttpStatusCode.ServiceUnavailable),
            (PushFailureKind.TransportFailure, (HttpStatusCode?)null),
            (PushFailureKind.UnreadableResponse, HttpStatusCode.OK),
            (PushFailureKind.HttpError, HttpStatusCode.Forbidden),
            (PushFailureKind.Rejected, HttpStatusCode.OK),
            (PushFailureKind.HttpError, HttpStatusCode.TooManyRequests));
        results.Where(r => r.FailureKind != PushFailureKind.TransportFailure).Should().OnlyContain(r => r.ProcessId != null);
        results[4].IsTransientFailure.Should().BeTrue("001 is worth retrying");
        _emulator.GetHistory(Abc).Should().BeEmpty();
    }

    [Fact]
    public async Task Concurrent_callers_of_the_SDK_never_make_overlapping_requests()
    {
        await Pusher.FullLoadAsync([Record("DE*ABC*E1", EvseStatus.Available), Record("DE*ABC*E2", EvseStatus.Available), Record("DE*ABC*E3", EvseStatus.Available)]);
        _emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(1)), EmulatorFault.Delay(TimeSpan.FromSeconds(1)), EmulatorFault.Delay(TimeSpan.FromSeconds(1)));

        var pushes = Task.WhenAll(
            Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied),
            Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E2"), EvseStatus.Occupied),
            Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E3"), EvseStatus.Occupied));

        // Each request waits on the fake clock inside the emulator; move it on until all three are answered.
        while (!pushes.IsCompleted)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        (await pushes).Should().OnlyContain(r => r.IsSuccess);
        _emulator.Statistics.OverlappingRequests.Should().Be(0);
        _emulator.Statistics.MaxConcurrentRequests.Should().Be(1);
        _emulator.Faults.Count.Should().Be(0);
    }
}
