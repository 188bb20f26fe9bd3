using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>
/// Every fault the SDK meets over real HTTP on 127.0.0.1, with retries on a fake clock: the result kind,
/// how many attempts, and how much (fake) time passed. Transient faults are scripted for every attempt, so
/// they show the full retry schedule (MaxAttempts 3, backoff 1 s then 2 s, no jitter). The table in
/// docs/reliability.md cites these tests by name.
/// </summary>
public sealed class FaultMatrixTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FullBackoff = TimeSpan.FromSeconds(1 + 2);
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly TimerDrivenClock _clock = new();
    private readonly OicpEmulator _emulator = new(new OicpEmulatorOptions { CallerOperatorId = Abc });
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _emulator.RegisterOperator(Abc);
        _server = await OicpEmulatorServer.StartAsync(_emulator);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Server_errors_are_retried_up_to_MaxAttempts(int status)
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Status(status));

        AssertRetriedToTheEnd(result, PushFailureKind.HttpError, FullBackoff);
        ((int)result.HttpStatusCode!).Should().Be(status);
    }

    [Fact]
    public async Task Http_408_is_retried_up_to_MaxAttempts()
    {
        var result = await PushWithFaultAsync(EmulatorFault.Timeout408);

        AssertRetriedToTheEnd(result, PushFailureKind.HttpError, FullBackoff);
        result.HttpStatusCode.Should().Be(HttpStatusCode.RequestTimeout);
    }

    [Fact]
    public async Task Http_429_without_Retry_After_is_retried_with_the_backoff()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.TooManyRequests());

        AssertRetriedToTheEnd(result, PushFailureKind.HttpError, FullBackoff);
        result.RetryAfter.Should().BeNull();
    }

    [Fact]
    public async Task Http_429_with_Retry_After_waits_as_asked()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(7)));

        AssertRetriedToTheEnd(result, PushFailureKind.HttpError, TimeSpan.FromSeconds(7 + 7));
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("009")]
    [InlineData("021")]
    [InlineData("310")]
    [InlineData("320")]
    public async Task Transient_codes_in_a_200_are_retried_up_to_MaxAttempts(string code)
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Rejected(new OicpStatusCode(code)));

        AssertRetriedToTheEnd(result, PushFailureKind.Rejected, FullBackoff);
        result.OicpCode.Should().Be(new OicpStatusCode(code));
    }

    [Theory]
    [InlineData("017")]
    [InlineData("018")]
    [InlineData("019")]
    [InlineData("022")]
    [InlineData("210")]
    [InlineData("300")]
    [InlineData("603")]
    [InlineData("604")]
    public async Task Permanent_codes_in_a_200_are_tried_once(string code)
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Rejected(new OicpStatusCode(code)));

        AssertTriedOnce(result, PushFailureKind.Rejected);
        result.OicpCode.Should().Be(new OicpStatusCode(code));
    }

    [Fact]
    public async Task Http_401_with_017_is_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(401, "application/json", """{"Result":false,"StatusCode":{"Code":"017","Description":"Unauthorized Access"}}"""));

        AssertTriedOnce(result, PushFailureKind.HttpError);
        result.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess);
    }

    [Fact]
    public async Task Http_403_with_an_HTML_page_is_tried_once()
    {
        var result = await PushWithFaultAsync(EmulatorFault.Html403);

        AssertTriedOnce(result, PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.ErrorMessage.Should().Contain("Forbidden");
    }

    [Fact]
    public async Task Http_404_with_300_is_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(404, "application/json", """{"Result":false,"StatusCode":{"Code":"300","Description":"Partner not found"}}"""));

        AssertTriedOnce(result, PushFailureKind.HttpError);
        result.OicpCode.Should().Be(OicpStatusCode.PartnerNotFound);
    }

    [Fact]
    public async Task Http_400_with_validationErrors_is_tried_once_and_lists_them()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(400, "application/json", """{"message":"Validation failed","validationErrors":[{"fieldReference":"OperatorEvseStatus.OperatorID","errorMessage":"does not match"}]}"""));

        AssertTriedOnce(result, PushFailureKind.HttpError);
        result.ValidationErrors.Should().ContainSingle().Which.FieldReference.Should().Be("OperatorEvseStatus.OperatorID");
    }

    [Fact]
    public async Task An_empty_200_is_unreadable_and_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "application/json", string.Empty));

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
    }

    [Fact]
    public async Task Truncated_JSON_is_unreadable_and_tried_once()
    {
        var result = await PushWithFaultAsync(EmulatorFault.MalformedJson);

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
        result.ErrorMessage.Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task An_HTML_page_with_200_is_unreadable_and_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "text/html", "<html><body>Maintenance</body></html>"));

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
    }

    [Fact]
    public async Task A_JSON_acknowledgement_labelled_text_plain_is_read_for_what_it_says()
    {
        // Parse permissively: the content type is not checked, the body decides.
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "text/plain", """{"Result":true,"StatusCode":{"Code":"000"}}"""));

        result.IsSuccess.Should().BeTrue(result.ToString());
        result.Attempts.Should().Be(1);
        result.Elapsed.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_10_MB_body_is_cut_off_as_unreadable_and_tried_once()
    {
        var body = "{\"Result\":true,\"StatusCode\":{\"Code\":\"000\",\"Description\":\"" + new string('x', 10 * 1024 * 1024) + "\"}}";

        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "application/json", body));

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
        result.ErrorMessage.Should().Contain("1048576");
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("x-made-up")]
    public async Task An_error_page_in_a_charset_NET_cannot_decode_is_retried_by_its_status(string charset)
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(503, $"text/html; charset={charset}", "<html><body>Service Unavailable</body></html>"));

        AssertRetriedToTheEnd(result, PushFailureKind.HttpError, FullBackoff);
        result.HttpStatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.ErrorMessage.Should().Contain("Service Unavailable");
    }

    [Fact]
    public async Task A_200_without_Result_is_unreadable_and_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "application/json", """{"StatusCode":{"Code":"000"}}"""));

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
        result.OicpCode.Should().BeNull();
    }

    [Fact]
    public async Task A_200_with_Result_twice_is_unreadable_and_tried_once()
    {
        var result = await PushWithFaultAsync(() => EmulatorFault.Raw(200, "application/json", """{"Result":false,"Result":true,"StatusCode":{"Code":"000"}}"""));

        AssertTriedOnce(result, PushFailureKind.UnreadableResponse);
        result.ErrorMessage.Should().Contain("'Result' appears more than once");
    }

    [Fact]
    public async Task An_exception_thrown_by_a_handler_chained_on_the_client_builder_is_a_transport_failure_retried_up_to_MaxAttempts()
    {
        using var sdk = Sdk(_server.BaseAddress, () => new ThrowingHandler());
        var push = sdk.GetRequiredService<IEvseStatusPusher>().FullLoadAsync([new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);

        var result = await _clock.RunAsync(push, TimerDrivenClock.ExceptRequestTimeout(RequestTimeout));

        AssertRetriedToTheEnd(result, PushFailureKind.TransportFailure, FullBackoff);
        result.Exception.Should().BeOfType<ResiliencePipelineException>();
        result.ErrorMessage.Should().Be("The circuit is open.");
        _emulator.Requests.Should().BeEmpty("the chained handler threw before anything was sent");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_up_to_MaxAttempts()
    {
        var result = await PushAsync(RawHttpServer.ClosedPortAddress());

        AssertRetriedToTheEnd(result, PushFailureKind.TransportFailure, FullBackoff);
        result.IsTimeout.Should().BeFalse();
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_the_body_is_retried_up_to_MaxAttempts()
    {
        await using var server = new RawHttpServer(RawHttpServer.ResetMidBody);

        var result = await PushAsync(server.BaseAddress);

        AssertRetriedToTheEnd(result, PushFailureKind.TransportFailure, FullBackoff);
    }

    [Fact]
    public async Task An_answer_slower_than_the_request_timeout_is_a_timeout_retried_up_to_MaxAttempts()
    {
        // The emulator's delay runs on the same fake clock: it is slower than the timeout by construction, not by racing.
        var slow = TimeSpan.FromMinutes(5);
        var emulator = new OicpEmulator(new OicpEmulatorOptions { CallerOperatorId = Abc, TimeProvider = _clock });
        emulator.RegisterOperator(Abc);
        for (var i = 0; i < MaxAttempts; i++)
        {
            emulator.Faults.Enqueue(EmulatorFault.Delay(slow));
        }

        await using var server = await OicpEmulatorServer.StartAsync(emulator);
        using var sdk = Sdk(server.BaseAddress);
        var push = sdk.GetRequiredService<IEvseStatusPusher>().FullLoadAsync([]);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Only once the emulator is holding the request back does the SDK's timeout run out.
            await _clock.NextTimerAsync(due => due == slow);
            _clock.Advance(RequestTimeout);
            if (attempt < MaxAttempts)
            {
                var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
                (await _clock.NextTimerAsync(due => due == backoff)).Should().Be(backoff);
                _clock.Advance(backoff);
            }
        }

        var result = await push;

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.IsTimeout.Should().BeTrue();
        result.Attempts.Should().Be(MaxAttempts);
        result.Elapsed.Should().Be((RequestTimeout * MaxAttempts) + FullBackoff);
        result.ErrorMessage.Should().Be("No answer within the request timeout of 10 s.");
    }

    [Fact]
    public async Task Cancellation_is_the_only_exception()
    {
        await using var server = new RawHttpServer(RawHttpServer.NeverAnswer);
        using var sdk = Sdk(server.BaseAddress);
        using var cancellation = new CancellationTokenSource();

        var push = sdk.GetRequiredService<IEvseStatusPusher>().FullLoadAsync([], cancellation.Token);
        await server.NextRequestAsync();
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => push).Should().ThrowAsync<OperationCanceledException>();
    }

    private static void AssertRetriedToTheEnd(PushResult result, PushFailureKind kind, TimeSpan elapsed)
    {
        result.FailureKind.Should().Be(kind, result.ToString());
        result.IsTransientFailure.Should().BeTrue();
        result.Attempts.Should().Be(MaxAttempts);
        result.Elapsed.Should().Be(elapsed, "the only time that passes is the backoff on the fake clock");
    }

    private void AssertTriedOnce(PushResult result, PushFailureKind kind)
    {
        result.FailureKind.Should().Be(kind, result.ToString());
        result.IsTransientFailure.Should().BeFalse();
        result.Attempts.Should().Be(1);
        result.Elapsed.Should().Be(TimeSpan.Zero);
        _emulator.Requests.Should().ContainSingle();
    }

    private Task<PushResult> PushWithFaultAsync(Func<EmulatorFault> fault)
    {
        // Scripted for every attempt: a transient fault then shows the whole schedule, a permanent one leaves the rest unused.
        for (var i = 0; i < MaxAttempts; i++)
        {
            _emulator.Faults.Enqueue(fault());
        }

        return PushAsync(_server.BaseAddress);
    }

    private async Task<PushResult> PushAsync(Uri baseAddress)
    {
        using var sdk = Sdk(baseAddress);
        var push = sdk.GetRequiredService<IEvseStatusPusher>().FullLoadAsync([new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);
        return await _clock.RunAsync(push, TimerDrivenClock.ExceptRequestTimeout(RequestTimeout));
    }

    private ServiceProvider Sdk(Uri baseAddress, Func<DelegatingHandler>? chainedHandler = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        var client = services.AddOicpEvseStatusPusher(o =>
        {
            o.OperatorId = "DE*ABC";
            o.BaseAddress = baseAddress;
            o.RequestTimeout = RequestTimeout;
            o.Retry.MaxAttempts = MaxAttempts;
            o.Retry.UseJitter = false;
        });
        if (chainedHandler is not null)
        {
            client.AddHttpMessageHandler(chainedHandler);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Stands for the exceptions of a resilience handler (Polly's TimeoutRejectedException, BrokenCircuitException).</summary>
    private sealed class ResiliencePipelineException(string message) : Exception(message);

    /// <summary>A handler an application chains on the SDK's client builder, which throws its own exception instead of answering.</summary>
    private sealed class ThrowingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new ResiliencePipelineException("The circuit is open."));
    }
}
