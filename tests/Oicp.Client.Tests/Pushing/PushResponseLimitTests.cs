using System.Net;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>A broken or hostile endpoint cannot make the client buffer unbounded data.</summary>
public sealed class PushResponseLimitTests
{
    private static async Task<PushResult> PushAgainst(HttpStatusCode status, HttpContent content)
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Respond(() => Task.FromResult(new HttpResponseMessage(status) { Content = content }));
        var pusher = TestPushers.Create(http, options => options.MaxResponseBytes = 64 * 1024);
        return await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied);
    }

    [Fact]
    public async Task A_declared_oversize_body_is_refused_without_reading_it()
    {
        var result = await PushAgainst(HttpStatusCode.OK, new ByteArrayContent(new byte[10 * 1024 * 1024]));

        result.FailureKind.Should().Be(PushFailureKind.UnreadableResponse);
        result.ErrorMessage.Should().Contain("larger than the limit of 65536 bytes");
    }

    [Fact]
    public async Task An_undeclared_oversize_body_is_cut_off_while_reading()
    {
        var endless = new StreamContent(new EndlessStream());

        var result = await PushAgainst(HttpStatusCode.OK, endless);

        result.FailureKind.Should().Be(PushFailureKind.UnreadableResponse);
        result.ErrorMessage.Should().Contain("MaxResponseBytes");
    }

    [Fact]
    public async Task An_oversize_error_page_is_an_http_error()
    {
        var result = await PushAgainst(HttpStatusCode.BadGateway, new StreamContent(new EndlessStream()));

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.BadGateway);
    }

    /// <summary>A body with no declared length that never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
