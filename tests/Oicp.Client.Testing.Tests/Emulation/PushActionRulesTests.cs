using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

public sealed class PushActionRulesTests : IDisposable
{
    private readonly RawEmulatorClient _client = new();

    public void Dispose() => _client.Dispose();

    private IReadOnlyDictionary<EvseId, EvseStatus> Statuses => _client.Emulator.GetStatuses(RawEmulatorClient.Abc);

    private static EvseId Evse(string id) => EvseId.Parse(id);

    [Fact]
    public async Task Success_is_an_acknowledgment_with_Result_true_code_000_a_SessionID_and_a_Process_ID_header()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.ContentType.Should().Be("application/json");
        Guid.TryParse(answer.ProcessId, out _).Should().BeTrue();
        answer.Result.Should().BeTrue();
        answer.Code.Should().Be("000");
        var json = answer.Json;
        json.GetProperty("StatusCode").TryGetProperty("Description", out _).Should().BeTrue();
        json.GetProperty("StatusCode").GetProperty("AdditionalInfo").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        Guid.TryParse(json.GetProperty("SessionID").GetString(), out _).Should().BeTrue();
        json.GetProperty("CPOPartnerSessionID").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("EMPPartnerSessionID").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task FullLoad_replaces_the_whole_set()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), ("DE*ABC*E2", "Occupied")));
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E3", "Reserved")));

        Statuses.Should().BeEquivalentTo(new Dictionary<EvseId, EvseStatus> { [Evse("DE*ABC*E3")] = EvseStatus.Reserved });
    }

    [Fact]
    public async Task An_EVSE_written_with_or_without_separators_is_one_record()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        var update = await _client.PostAsync(RawEmulatorClient.Body("update", ("DEABCE1", "Occupied")));
        var insert = await _client.PostAsync(RawEmulatorClient.Body("insert", ("DE*ABCE1", "Reserved")));

        update.Code.Should().Be("000", "the update names the record the fullLoad created");
        insert.Code.Should().Be("022", "the record exists, however its id is written");
        Statuses.Should().ContainSingle().Which.Value.Should().Be(EvseStatus.Occupied);
        Statuses.Should().ContainKey(Evse("DE*ABC*E1"));
    }

    [Fact]
    public async Task An_empty_fullLoad_clears_the_set()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad"));

        answer.Code.Should().Be("000");
        Statuses.Should().BeEmpty();
    }

    [Fact]
    public async Task Insert_rejects_the_whole_request_with_022_naming_the_records_that_exist()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        var answer = await _client.PostAsync(RawEmulatorClient.Body("insert", ("DE*ABC*E2", "Available"), ("DE*ABC*E1", "Occupied")));

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("022");
        answer.AdditionalInfo.Should().Contain("DE*ABC*E1").And.NotContain("E2");
        Statuses.Should().BeEquivalentTo(new Dictionary<EvseId, EvseStatus> { [Evse("DE*ABC*E1")] = EvseStatus.Available });
    }

    [Fact]
    public async Task Insert_adds_records_that_do_not_exist()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("insert", ("DE*ABC*E1", "Available")));

        answer.Code.Should().Be("000");
        Statuses.Should().ContainKey(Evse("DE*ABC*E1"));
    }

    [Fact]
    public async Task Update_rejects_the_whole_request_with_022_naming_the_missing_records()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        var answer = await _client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E1", "Occupied"), ("DE*ABC*E9", "Occupied")));

        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("022");
        answer.AdditionalInfo.Should().Contain("DE*ABC*E9");
        Statuses[Evse("DE*ABC*E1")].Should().Be(EvseStatus.Available);
    }

    [Fact]
    public async Task Update_changes_existing_records_and_leaves_the_others()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), ("DE*ABC*E2", "Available")));

        await _client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E1", "Occupied")));

        Statuses.Should().BeEquivalentTo(new Dictionary<EvseId, EvseStatus>
        {
            [Evse("DE*ABC*E1")] = EvseStatus.Occupied,
            [Evse("DE*ABC*E2")] = EvseStatus.Available,
        });
    }

    [Fact]
    public async Task Delete_removes_the_records()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), ("DE*ABC*E2", "Available")));

        var answer = await _client.PostAsync(RawEmulatorClient.Body("delete", ("DE*ABC*E1", "Available")));

        answer.Code.Should().Be("000");
        Statuses.Keys.Should().Equal(Evse("DE*ABC*E2"));
    }

    [Fact]
    public async Task Lower_case_ids_are_accepted_and_stored_upper_case()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "de*abc", ("de*abc*e1a", "Available")), pathOperator: "de*abc");

        answer.Code.Should().Be("000");
        Statuses.Keys.Single().ToString().Should().Be("DE*ABC*E1A");
    }

    [Fact]
    public async Task Every_successful_push_makes_a_version_with_its_time_action_and_record_count()
    {
        var start = _client.Clock.GetUtcNow();
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), ("DE*ABC*E2", "Available")));
        _client.Clock.Advance(TimeSpan.FromMinutes(5));
        await _client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E9", "Occupied")));
        await _client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E2", "Occupied")));

        var history = _client.Emulator.GetHistory(RawEmulatorClient.Abc);

        history.Select(v => (v.Number, v.Timestamp, v.ActionType, v.RecordCount)).Should().Equal(
            (1, start, ActionType.FullLoad, 2),
            (2, start.AddMinutes(5), ActionType.Update, 1));
        history[0].Statuses[Evse("DE*ABC*E2")].Should().Be(EvseStatus.Available);
        history[1].Statuses[Evse("DE*ABC*E2")].Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public async Task The_history_keeps_the_newest_versions_up_to_its_limit()
    {
        using var client = new RawEmulatorClient(options => options.HistoryLimit = 3);
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", i % 2 == 0 ? "Available" : "Occupied")));
        }

        client.Emulator.GetHistory(RawEmulatorClient.Abc).Select(v => v.Number).Should().Equal(3, 4, 5);
        client.Emulator.GetStatuses(RawEmulatorClient.Abc)[Evse("DE*ABC*E1")].Should().Be(EvseStatus.Available);
    }

    [Fact]
    public void A_history_limit_below_one_is_refused()
    {
        var create = () => new OicpEmulator(new OicpEmulatorOptions { HistoryLimit = 0 });

        create.Should().Throw<ArgumentException>().WithMessage("HistoryLimit must be positive*");
    }

    [Fact]
    public async Task The_request_log_records_every_request_with_its_answer()
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));
        await _client.PostAsync(RawEmulatorClient.Body("update", ("DE*ABC*E9", "Occupied")));

        var requests = _client.Emulator.Requests;

        requests.Should().HaveCount(2);
        requests[0].Should().Match<EmulatorRequest>(r => r.Sequence == 1 && r.IsSuccess && r.ActionType == ActionType.FullLoad && r.RecordCount == 1 && r.HttpStatus == 200);
        requests[1].IsSuccess.Should().BeFalse();
        requests[1].StatusCode.Should().Be(OicpStatusCode.DataError);
        requests[1].Body.Should().Contain("DE*ABC*E9");
        requests[1].Path.Should().Be("/api/oicp/evsepush/v21/operators/DE*ABC/status-records");
        _client.Emulator.Statistics.TotalRequests.Should().Be(2);
    }

    [Fact]
    public async Task A_percent_encoded_operator_in_the_path_is_the_same_operator()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")), pathOperator: "DE%2AABC");

        answer.Code.Should().Be("000");
        _client.Emulator.Requests.Single().OperatorId.Should().Be(RawEmulatorClient.Abc);
    }

    [Fact]
    public async Task A_hub_operator_may_push_records_of_its_sub_operators_but_not_of_others()
    {
        _client.Emulator.RegisterOperator(RawEmulatorClient.Abc, OperatorId.Parse("DE*SUB"));

        var own = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), ("DE*SUB*E1", "Occupied")));
        var foreign = await _client.PostAsync(RawEmulatorClient.Body("insert", ("DE*XYZ*E1", "Occupied")));

        own.Code.Should().Be("000");
        foreign.Code.Should().Be("018");
        foreign.AdditionalInfo.Should().Contain("DE*XYZ*E1");
        Statuses.Should().HaveCount(2);
    }
}
