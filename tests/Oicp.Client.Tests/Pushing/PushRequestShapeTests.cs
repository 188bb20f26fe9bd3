using System.Net;
using System.Text.Json;
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
}
