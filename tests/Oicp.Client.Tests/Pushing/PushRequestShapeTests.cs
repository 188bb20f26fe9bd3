using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

public sealed class PushRequestShapeTests
{
    private readonly MockHttpMessageHandler _http = new();
    private string? _body;
    private HttpRequestMessage? _request;

    public PushRequestShapeTests()
    {
        _http.When(HttpMethod.Post, "*").Respond(async request =>
        {
            _request = request;
            _body = await request.Content!.ReadAsStringAsync();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck, System.Text.Encoding.UTF8, "application/json") };
        });
    }

    [Fact]
    public async Task PushStatus_posts_the_exact_update_body_to_the_operator_url()
    {
        var pusher = TestPushers.Create(_http);

        var result = await pusher.PushStatusAsync(TestPushers.Evse("de*abc*e123"), EvseStatus.Occupied);

        result.IsSuccess.Should().BeTrue();
        _request!.Method.Should().Be(HttpMethod.Post);
        _request.RequestUri!.OriginalString.Should().Be(TestPushers.StatusUrl);
        _request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonDocument.Parse(_body!).RootElement.GetRawText().Should().Be(
            """{"ActionType":"update","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*E123","EvseStatus":"Occupied"}]}}""");
    }

    [Fact]
    public async Task Every_push_of_a_pusher_goes_to_the_operator_url_the_first_one_built()
    {
        var pusher = TestPushers.Create(_http);
        await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied);
        var first = _request!.RequestUri;

        await pusher.PushAsync(ActionType.Insert, [new EvseStatusRecord(TestPushers.Evse("DE*ABC*E2"), EvseStatus.Available)]);
        await pusher.FullLoadAsync([new EvseStatusRecord(TestPushers.Evse("DE*ABC*E3"), EvseStatus.Reserved)]);

        _request!.RequestUri!.OriginalString.Should().Be(TestPushers.StatusUrl);
        _request.RequestUri.Should().BeSameAs(first, "the path is built and resolved once per pusher");
    }

    [Fact]
    public async Task A_body_sent_twice_by_a_retrying_handler_is_the_same_bytes()
    {
        var bodies = new List<string>();
        _http.Clear();
        _http.When(HttpMethod.Post, "*").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck, System.Text.Encoding.UTF8, "application/json") };
        });
        var pusher = new EvseStatusPusher(new SendTwiceHandler { InnerHandler = _http }, TestPushers.Options(), loggerFactory: null, new FakeTimeProvider());

        var result = await pusher.FullLoadAsync([TestPushers.Record("DE*ABC*E1", EvseStatus.Available), TestPushers.Record("DE*ABC*E2", EvseStatus.Occupied)]);

        result.IsSuccess.Should().BeTrue();
        bodies.Should().HaveCount(2);
        bodies[1].Should().Be(bodies[0]).And.Contain("DE*ABC*E2");
    }

    [Fact]
    public async Task The_body_goes_out_with_a_Content_Length_not_chunked()
    {
        // Hubject does not say that it accepts chunked request bodies; a declared length works everywhere.
        await TestPushers.Create(_http).FullLoadAsync([TestPushers.Record("DE*ABC*E1", EvseStatus.Available), TestPushers.Record("DE*ABC*E2", EvseStatus.Occupied)]);

        _request!.Content!.Headers.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(_body!));
        _request.Headers.TransferEncodingChunked.Should().NotBe(true);
    }

    [Fact]
    public async Task FullLoad_sends_every_record_in_one_request_with_the_operator_name()
    {
        var pusher = TestPushers.Create(_http, options => options.OperatorName = "ABC technologies");

        var result = await pusher.FullLoadAsync([TestPushers.Record("DE*ABC*E1", EvseStatus.Available), TestPushers.Record("DE*ABC*E2", EvseStatus.OutOfService), TestPushers.Record("DEABCE3", EvseStatus.Reserved)]);

        result.RecordCount.Should().Be(3);
        result.ActionType.Should().Be(ActionType.FullLoad);
        JsonDocument.Parse(_body!).RootElement.GetRawText().Should().Be(
            """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","OperatorName":"ABC technologies","EvseStatusRecord":[{"EvseID":"DE*ABC*E1","EvseStatus":"Available"},{"EvseID":"DE*ABC*E2","EvseStatus":"OutOfService"},{"EvseID":"DEABCE3","EvseStatus":"Reserved"}]}}""");
    }

    [Fact]
    public async Task An_empty_fullLoad_is_allowed_and_sends_an_empty_list()
    {
        var result = await TestPushers.Create(_http).FullLoadAsync([]);

        result.IsSuccess.Should().BeTrue();
        result.RecordCount.Should().Be(0);
        JsonDocument.Parse(_body!).RootElement.GetProperty("OperatorEvseStatus").GetProperty("EvseStatusRecord").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData(ActionType.Insert, "insert")]
    [InlineData(ActionType.Delete, "delete")]
    [InlineData(ActionType.Update, "update")]
    public async Task PushAsync_spells_the_action_type_as_the_spec(ActionType actionType, string wire)
    {
        await TestPushers.Create(_http).PushAsync(actionType, [TestPushers.Record("DE*ABC*E1", EvseStatus.Unknown)]);

        JsonDocument.Parse(_body!).RootElement.GetProperty("ActionType").GetString().Should().Be(wire);
    }

    [Fact]
    public async Task PushStatus_uses_the_configured_action_type()
    {
        var pusher = TestPushers.Create(_http, options => options.StatusChangeActionType = ActionType.Insert);

        await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Available);

        JsonDocument.Parse(_body!).RootElement.GetProperty("ActionType").GetString().Should().Be("insert");
    }

    [Fact]
    public async Task DIN_operator_ids_keep_star_and_plus_literal_in_the_path_by_default()
    {
        var pusher = TestPushers.Create(_http, options => options.OperatorId = "+49*810");

        await pusher.PushStatusAsync(TestPushers.Evse("+49*810*000*438"), EvseStatus.Occupied);

        _request!.RequestUri!.AbsolutePath.Should().Be("/api/oicp/evsepush/v21/operators/+49*810/status-records");
        JsonDocument.Parse(_body!).RootElement.GetProperty("OperatorEvseStatus").GetProperty("OperatorID").GetString().Should().Be("+49*810");
    }

    [Fact]
    public async Task Percent_encoding_of_the_operator_id_can_be_switched_on()
    {
        var pusher = TestPushers.Create(_http, options => options.PercentEncodeOperatorIdInPath = true);

        await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied);

        _request!.RequestUri!.AbsoluteUri.Should().Be("https://oicp.test/api/oicp/evsepush/v21/operators/DE%2AABC/status-records");
    }

    [Theory]
    [InlineData(OicpEnvironment.Qa, "https://service-qa.hubject.com/api/oicp/evsepush/v21/operators/DE*ABC/status-records")]
    [InlineData(OicpEnvironment.Production, "https://service.hubject.com/api/oicp/evsepush/v21/operators/DE*ABC/status-records")]
    public async Task Environments_map_to_the_Hubject_base_addresses(OicpEnvironment environment, string url)
    {
        // Over a handler of the caller's own, the handler presents the certificate: production needs none in the options.
        var pusher = TestPushers.Create(_http, options =>
        {
            options.BaseAddress = null;
            options.Environment = environment;
        });

        await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied);

        _request!.RequestUri!.OriginalString.Should().Be(url);
    }

    /// <summary>A handler a user might chain that sends the same request a second time (a naive retry or a hedge).</summary>
    private sealed class SendTwiceHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
