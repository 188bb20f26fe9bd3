using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

public sealed class RequestValidationTests : IDisposable
{
    private readonly RawEmulatorClient _client = new();

    public void Dispose() => _client.Dispose();

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[]}}""", "ActionType" },
        { """{"ActionType":"FullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[]}}""", "ActionType" },
        { """{"ActionType":"fullLoad"}""", "OperatorEvseStatus" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"EvseStatusRecord":[]}}""", "OperatorEvseStatus.OperatorID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE**ABC","EvseStatusRecord":[]}}""", "OperatorEvseStatus.OperatorID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC"}}""", "OperatorEvseStatus.EvseStatusRecord" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":{}}}""", "OperatorEvseStatus.EvseStatusRecord" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*X1","EvseStatus":"Available"}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseStatus":"Available"}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*E1","EvseStatus":"available"}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseStatus" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*E1","EvseStatus":3}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseStatus" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","OperatorName":"__101__","EvseStatusRecord":[]}}""".Replace("__101__", new string('x', 101), StringComparison.Ordinal), "OperatorEvseStatus.OperatorName" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*XYZ","EvseStatusRecord":[]}}""", "OperatorEvseStatus.OperatorID" },
        { """[1,2]""", "$" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"DE*ABC*E1\n","EvseStatus":"Available"}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[{"EvseID":"de*abc*e1\u017F","EvseStatus":"Available"}]}}""", "OperatorEvseStatus.EvseStatusRecord[0].EvseID" },
        { """{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC\n","EvseStatusRecord":[]}}""", "OperatorEvseStatus.OperatorID" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task A_schema_or_pattern_violation_is_answered_400_with_a_fault_body_naming_the_field(string json, string field)
    {
        await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));

        var answer = await _client.PostAsync(json);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.ProcessId.Should().NotBeNullOrEmpty();
        answer.Json.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        answer.Json.TryGetProperty("extendedInfo", out _).Should().BeTrue();
        answer.FieldReferences.Should().Contain(field);
        answer.Json.GetProperty("validationErrors")[0].GetProperty("errorMessage").GetString().Should().NotBeNullOrEmpty();
        _client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().HaveCount(1, "a refused request changes nothing");
    }

    [Theory]
    [InlineData("""{"ActionType":"fullLoad",""")]
    [InlineData("""{"ActionType":"fullLoad","OperatorEvseStatus":{"OperatorID":"DE*ABC","EvseStatusRecord":[],}}""")]
    [InlineData("")]
    public async Task Malformed_JSON_is_answered_400(string json)
    {
        var answer = await _client.PostAsync(json);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Json.GetProperty("message").GetString().Should().Be("Malformed JSON");
        answer.FieldReferences.Should().Equal("$");
    }

    [Theory]
    [InlineData("not-an-operator")]
    [InlineData("DE*ABC%0A")]
    [InlineData("de*ab%C5%BF")]
    public async Task An_invalid_OperatorID_in_the_path_is_answered_400(string pathOperator)
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad"), pathOperator);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.FieldReferences.Should().Equal("operatorID");
    }

    [Theory]
    [InlineData("de*abc*e1")]
    [InlineData("DEABCE1")]
    [InlineData("DE*ABCE1")]
    public async Task The_same_EvseID_twice_in_one_request_is_refused_with_018(string again)
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"), (again, "Occupied")));

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("018");
        answer.AdditionalInfo.Should().Contain("DE*ABC*E1");
        _client.Emulator.GetStatuses(RawEmulatorClient.Abc).Should().BeEmpty();
    }

    [Fact]
    public async Task A_status_of_an_EVSE_without_EVSE_data_is_refused_with_603_once_EVSE_data_is_known()
    {
        _client.Emulator.RegisterEvseData([EvseId.Parse("DE*ABC*E1")]);

        var known = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available")));
        var unknown = await _client.PostAsync(RawEmulatorClient.Body("insert", ("DE*ABC*E2", "Available")));

        known.Code.Should().Be("000");
        unknown.Result.Should().BeFalse();
        unknown.Code.Should().Be("603");
        unknown.AdditionalInfo.Should().Contain("DE*ABC*E2");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_answered_415()
    {
        using var invoker = new HttpMessageInvoker(_client.Emulator.CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, RawEmulatorClient.Base + "evsepush/v21/operators/DE*ABC/status-records")
        {
            Content = new StringContent("<xml/>", System.Text.Encoding.UTF8, "application/xml"),
        };

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("GET", "evsepush/v21/operators/DE*ABC/status-records", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "evsepush/v22/operators/DE*ABC/status-records", HttpStatusCode.NotFound)]
    public async Task Other_methods_and_paths_are_not_the_operation(string method, string path, HttpStatusCode expected)
    {
        using var invoker = new HttpMessageInvoker(_client.Emulator.CreateHandler());
        using var request = new HttpRequestMessage(new HttpMethod(method), RawEmulatorClient.Base + path);

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        response.StatusCode.Should().Be(expected);
        response.Headers.Contains("Process-ID").Should().BeTrue();
    }
}
