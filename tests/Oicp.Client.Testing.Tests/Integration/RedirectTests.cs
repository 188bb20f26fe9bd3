using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>
/// The SDK's own primary handler never follows a redirect, over real HTTP on 127.0.0.1: a 3xx is an HTTP error that
/// names where it pointed, and the server it pointed to receives nothing (no GET passing for an acknowledgement, no
/// status body or client certificate sent to another host, no redirect loop behind one rate-limit permit).
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly OicpEmulator _target = new(new OicpEmulatorOptions { CallerOperatorId = Abc });
    private OicpEmulatorServer _targetServer = null!;

    public async Task InitializeAsync()
    {
        _target.RegisterOperator(Abc);
        _targetServer = await OicpEmulatorServer.StartAsync(_target);
    }

    public async Task DisposeAsync() => await _targetServer.DisposeAsync();

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_another_server_is_not_followed_and_is_an_http_error_naming_the_Location(int status)
    {
        var location = _targetServer.BaseAddress + "evsepush/v21/operators/DE*ABC/status-records";
        await using var redirecting = await KestrelStub.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });
        using var sdk = new SdkHost(redirecting.BaseAddress, configure: o => o.Retry.MaxAttempts = 3);

        var result = await sdk.Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available);

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        ((int)result.HttpStatusCode!).Should().Be(status);
        result.IsSuccess.Should().BeFalse();
        result.Attempts.Should().Be(1, "a redirect is not retried");
        result.ErrorMessage.Should().Contain($"redirect to {location}, not followed");
        redirecting.Requests.Should().Be(1);
        _target.Statistics.TotalRequests.Should().Be(0, "the server the redirect points to receives nothing");
    }

    [Fact]
    public async Task A_redirect_loop_costs_one_request()
    {
        KestrelStub? self = null;
        await using var looping = await KestrelStub.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = self!.BaseAddress + "evsepush/v21/operators/DE*ABC/status-records";
            return Task.CompletedTask;
        });
        self = looping;
        using var sdk = new SdkHost(looping.BaseAddress);

        var result = await sdk.Pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available);

        result.HttpStatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        looping.Requests.Should().Be(1);
    }
}
