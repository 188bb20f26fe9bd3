using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>Bad input is refused with an error naming the EvseID and the rule, before any byte is sent.</summary>
public sealed class PushValidationTests
{
    private readonly MockHttpMessageHandler _http = new();
    private readonly MockedRequest _anyRequest;

    public PushValidationTests() =>
        _anyRequest = _http.When("*").Respond("application/json", TestPushers.SuccessAck);

    private EvseStatusPusher Pusher(Action<OicpClientOptions>? configure = null) => TestPushers.Create(_http, configure);

    [Fact]
    public async Task An_EVSE_of_another_operator_is_refused_without_a_request()
    {
        var push = () => Pusher().PushStatusAsync(TestPushers.Evse("DE*XYZ*E1"), EvseStatus.Available);

        (await push.Should().ThrowAsync<ArgumentException>())
            .WithMessage("EvseID DE*XYZ*E1 belongs to operator DE*XYZ, which is neither the configured OperatorID DE*ABC nor one of its configured sub-operators*")
            .Which.ParamName.Should().Be("evseId");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public async Task EVSEs_of_configured_sub_operators_are_accepted()
    {
        var pusher = Pusher(options => options.SubOperatorIds.Add("DE*SUB"));

        var result = await pusher.PushAsync(ActionType.Update, [TestPushers.Record("DE*SUB*E1", EvseStatus.Occupied), TestPushers.Record("DEABCE2", EvseStatus.Available)]);

        result.IsSuccess.Should().BeTrue();
        _http.GetMatchCount(_anyRequest).Should().Be(1);
    }

    [Theory]
    [InlineData("DE*ABC*E1", "DE*ABC*E1")]
    [InlineData("DE*ABC*E1", "de*abc*e1")]
    [InlineData("DE*ABC*E1", "DEABCE1")]
    public async Task The_same_EvseID_twice_in_one_request_is_refused(string first, string second)
    {
        var push = () => Pusher().FullLoadAsync([TestPushers.Record(first, EvseStatus.Available), TestPushers.Record(second, EvseStatus.Occupied)]);

        (await push.Should().ThrowAsync<ArgumentException>())
            .WithMessage("EvseID * appears more than once in one request*018*")
            .Which.ParamName.Should().Be("records");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public async Task The_first_bad_record_in_request_order_is_reported()
    {
        var repeatFirst = () => Pusher().FullLoadAsync([TestPushers.Record("DE*ABC*E1", EvseStatus.Available), TestPushers.Record("DEABCE1", EvseStatus.Occupied), TestPushers.Record("DE*XYZ*E2", EvseStatus.Available)]);
        var foreignFirst = () => Pusher().FullLoadAsync([TestPushers.Record("DE*ABC*E1", EvseStatus.Available), TestPushers.Record("DE*XYZ*E2", EvseStatus.Available), TestPushers.Record("DEABCE1", EvseStatus.Occupied)]);

        await repeatFirst.Should().ThrowAsync<ArgumentException>().WithMessage("EvseID DEABCE1 appears more than once*");
        await foreignFirst.Should().ThrowAsync<ArgumentException>().WithMessage("EvseID DE*XYZ*E2 belongs to operator DE*XYZ*");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Theory]
    [InlineData(ActionType.Update)]
    [InlineData(ActionType.Insert)]
    [InlineData(ActionType.Delete)]
    public async Task Insert_update_and_delete_need_at_least_one_record(ActionType actionType)
    {
        var push = () => Pusher().PushAsync(actionType, []);

        await push.Should().ThrowAsync<ArgumentException>().WithMessage($"A {actionType.ToWireString()} push needs at least one record*");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public async Task A_record_with_a_default_EvseId_is_refused()
    {
        var push = () => Pusher().PushAsync(ActionType.Update, [new EvseStatusRecord(default, EvseStatus.Available)]);

        await push.Should().ThrowAsync<ArgumentException>().WithMessage("Record 0 has no EvseID*");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public async Task An_undefined_status_is_refused()
    {
        var push = () => Pusher().PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), (EvseStatus)99);

        await push.Should().ThrowAsync<ArgumentException>().WithMessage("EvseID DE*ABC*E1: EvseStatus 99 is not defined*");
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public async Task An_undefined_action_type_and_null_records_are_refused()
    {
        var undefined = () => Pusher().PushAsync((ActionType)9, [TestPushers.Record("DE*ABC*E1", EvseStatus.Available)]);
        var missing = () => Pusher().PushAsync(ActionType.Update, null!);

        await undefined.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await missing.Should().ThrowAsync<ArgumentNullException>();
        _http.GetMatchCount(_anyRequest).Should().Be(0);
    }

    [Fact]
    public void Invalid_options_are_refused_by_the_constructor_with_what_to_fix()
    {
        var create = () => TestPushers.Create(_http, options => options.OperatorId = "nope");

        create.Should().Throw<ArgumentException>().WithMessage("*OperatorId 'nope' is invalid*");
    }
}
