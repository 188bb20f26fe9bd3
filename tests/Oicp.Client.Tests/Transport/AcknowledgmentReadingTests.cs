using System.Net;
using System.Text;
using System.Text.Json;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Tests.TestSupport;
using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Transport;

/// <summary>
/// The generated client reads the acknowledgement from the bytes the wire handler buffered, and as a stream when a
/// handler in between replaced the answer's content; both readings agree, also on a body that is not JSON.
/// </summary>
public sealed class AcknowledgmentReadingTests
{
    private static readonly Uri BaseAddress = new(TestPushers.BaseAddress);

    public static TheoryData<bool> Paths => new() { true, false };

    private static async Task<OicpResponse<Acknowledgment>> PushAsync(string body, bool throughWireHandler)
    {
        var inner = new DelegateHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") }));
        HttpMessageHandler handler = throughWireHandler
            ? new WireHandler(new OperatorWire(new ExactSlidingWindowRateLimiter(10, TimeSpan.FromSeconds(1), TimeProvider.System), 1024 * 1024)) { InnerHandler = inner }
            : inner;
        using var httpClient = new HttpClient(handler) { BaseAddress = BaseAddress };
        var request = new PushRequestBuilder(OperatorId.Parse("DE*ABC"), [], null).BuildOne(ActionType.Update, TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied, "evseId");
        var client = new OicpGeneratedClient(httpClient, percentEncodeOperatorId: false, new RequestUriCache());
        return await client.PushEvseStatusAsync("DE*ABC", request, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task The_acknowledgement_is_read_whether_buffered_by_the_wire_handler_or_not(bool throughWireHandler)
    {
        var response = await PushAsync("""{ "Result": false, "StatusCode": { "Code": "603", "Description": "Unknown EVSE ID" }, "SessionID": null }""", throughWireHandler);

        response.Result.Result.Should().BeFalse();
        response.Result.StatusCode!.Code.Should().Be("603");
        response.Result.StatusCode.Description.Should().Be("Unknown EVSE ID");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_body_that_is_not_json_is_an_api_exception_with_the_json_error_inside(bool throughWireHandler)
    {
        var push = () => PushAsync("<html>Bad gateway</html>", throughWireHandler);

        var thrown = await push.Should().ThrowAsync<OicpApiException>();
        thrown.Which.StatusCode.Should().Be(200);
        thrown.Which.InnerException.Should().BeAssignableTo<JsonException>();
    }
}
