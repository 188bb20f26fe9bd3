using System.Net;
using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Transport;

/// <summary>The answer's headers as the generated client hands them on: those of the answer and of its content, by any case.</summary>
public sealed class ResponseHeaderViewTests
{
    private static HttpResponseMessage Answer()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation("Process-ID", "4711");
        response.Headers.TryAddWithoutValidation("Retry-After", "30");
        return response;
    }

    [Fact]
    public void Headers_of_the_answer_and_of_its_content_are_found_by_any_case()
    {
        using var response = Answer();
        var headers = new ResponseHeaderView(response);

        headers["process-id"].Should().Equal("4711");
        headers.TryGetValue("CONTENT-TYPE", out var type).Should().BeTrue();
        type.Should().Equal("application/json; charset=utf-8");
        headers.ContainsKey("Location").Should().BeFalse();
    }

    [Fact]
    public void Enumerating_lists_every_header_once()
    {
        using var response = Answer();
        var headers = new ResponseHeaderView(response);

        headers.Keys.Should().BeEquivalentTo("Process-ID", "Retry-After", "Content-Type");
        headers.Count.Should().Be(3);
        headers.Values.Should().HaveCount(3);
    }

    [Fact]
    public void A_missing_header_is_named_in_the_error()
    {
        using var response = Answer();
        var headers = new ResponseHeaderView(response);

        var read = () => headers["Location"];

        read.Should().Throw<KeyNotFoundException>().WithMessage("*Location*");
    }

    [Fact]
    public void Headers_are_still_read_after_the_answer_is_disposed()
    {
        var response = Answer();
        var headers = new ResponseHeaderView(response);

        response.Dispose();

        headers["Process-ID"].Should().Equal("4711");
    }
}
