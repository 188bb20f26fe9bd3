using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Faults;

public sealed class FaultInjectionTests : IDisposable
{
    private readonly RawEmulatorClient _client = new();
    private readonly string _push = RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"));

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Status_answers_the_status_and_changes_nothing(int status)
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Status(status));

        var answer = await _client.PostAsync(_push);

        ((int)answer.Status).Should().Be(status);
        answer.ProcessId.Should().NotBeNullOrEmpty();
        _client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().BeEmpty();
        _client.Emulator.Requests.Single().Fault.Should().Be(EmulatorFaultKind.Status);
    }

    [Fact]
    public async Task Faults_are_used_once_in_order_then_answers_are_normal_again()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Timeout408(), EmulatorFault.Status(502));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await _client.PostAsync(_push)).Status);
        }

        statuses.Should().Equal(HttpStatusCode.RequestTimeout, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        _client.Emulator.Faults.Count.Should().Be(0);
        _client.Emulator.Statistics.FaultedRequests.Should().Be(2);
    }

    [Fact]
    public async Task TooManyRequests_answers_429_with_the_Retry_After_given()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(7.5)), EmulatorFault.TooManyRequests());

        var withWait = await _client.PostAsync(_push);
        var withoutWait = await _client.PostAsync(_push);

        withWait.Status.Should().Be(HttpStatusCode.TooManyRequests);
        withWait.RetryAfter.Should().Be("8");
        withoutWait.RetryAfter.Should().BeNull();
        _client.Emulator.Statistics.RateLimitedRequests.Should().Be(0, "scripted 429s are not the rate limit");
    }

    [Fact]
    public async Task Delay_waits_on_the_emulator_clock_then_answers_normally()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(40)));

        var pending = _client.SendAsync(_push);
        _client.Clock.Advance(TimeSpan.FromSeconds(39));
        var stillWaiting = !pending.IsCompleted;
        _client.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        stillWaiting.Should().BeTrue();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _client.Emulator.GetStatuses(RawEmulatorClient.Abc).Should().HaveCount(1);
    }

    [Fact]
    public async Task DropConnection_makes_the_in_process_handler_throw_HttpRequestException()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.DropConnection());

        var act = () => _client.SendAsync(_push);

        await act.Should().ThrowAsync<HttpRequestException>();
        _client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().BeEmpty();
        _client.Emulator.Requests.Single().HttpStatus.Should().Be(0);
    }

    [Fact]
    public async Task Rejected_answers_200_with_Result_false_and_the_code()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError, "Hubject system error"));

        var answer = await _client.PostAsync(_push);

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("001");
        answer.Json.GetProperty("StatusCode").GetProperty("Description").GetString().Should().Be("Hubject system error");
        _client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().BeEmpty();
    }

    [Fact]
    public async Task MalformedJson_answers_200_with_a_truncated_body()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.MalformedJson());

        var answer = await _client.PostAsync(_push);

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.ContentType.Should().Be("application/json");
        var parse = () => answer.Json;
        parse.Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public async Task Html403_answers_a_firewall_page()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Html403());

        var answer = await _client.PostAsync(_push);

        answer.Status.Should().Be(HttpStatusCode.Forbidden);
        answer.ContentType.Should().Be("text/html");
        answer.Text.Should().StartWith("<!DOCTYPE html>");
    }

    [Fact]
    public async Task Raw_answers_exactly_what_was_scripted()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Raw(502, "text/plain", "bad gateway"));

        var answer = await _client.PostAsync(_push);

        answer.Status.Should().Be(HttpStatusCode.BadGateway);
        answer.ContentType.Should().Be("text/plain");
        answer.Text.Should().Be("bad gateway");
    }

    [Fact]
    public async Task A_fault_scoped_to_an_operator_waits_for_a_request_of_that_operator()
    {
        var xyz = OperatorId.Parse("DE*XYZ");
        _client.Emulator.RegisterOperator(xyz);
        _client.Emulator.Faults.Enqueue(EmulatorFault.Status(503).ForOperator(xyz));

        var abc = await _client.PostAsync(_push);
        var other = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "DE*XYZ"), pathOperator: "DEXYZ");

        abc.Status.Should().Be(HttpStatusCode.OK);
        other.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void Clear_removes_the_queued_faults()
    {
        _client.Emulator.Faults.Enqueue(EmulatorFault.Status(500), EmulatorFault.DropConnection());

        _client.Emulator.Faults.Clear();

        _client.Emulator.Faults.Count.Should().Be(0);
    }

    [Fact]
    public void Fault_factories_refuse_impossible_values()
    {
        FluentActions.Invoking(() => EmulatorFault.Status(99)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => EmulatorFault.Delay(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => EmulatorFault.Raw(200, "text/plain", null!)).Should().Throw<ArgumentNullException>();
        EmulatorFault.Status(503).ForOperator(OperatorId.Parse("DE*ABC")).ToString().Should().Be("Status HTTP 503 for DE*ABC");
    }
}
