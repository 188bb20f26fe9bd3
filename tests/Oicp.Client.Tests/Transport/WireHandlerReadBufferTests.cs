using System.Net;
using System.Text;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Transport;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Tests.Transport;

/// <summary>The wire handler reads every answer into a rented buffer, which goes back with the answer or when the reading fails.</summary>
public sealed class WireHandlerReadBufferTests
{
    private const int Limit = 64 * 1024;

    private readonly CountingArrayPool _pool = new();

    private async Task<HttpResponseMessage> SendThroughWire(Func<HttpContent> content)
    {
        var wire = new OperatorWire(new ExactSlidingWindowRateLimiter(10, TimeSpan.FromSeconds(1), TimeProvider.System), Limit, _pool);
        var inner = new DelegateHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content() }));
        using var invoker = new HttpMessageInvoker(new WireHandler(wire) { InnerHandler = inner });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/status-records");
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task An_answer_with_a_content_length_is_read_once_into_one_buffer_returned_with_the_answer()
    {
        var answer = "{\"Result\":true,\"StatusCode\":{\"Code\":\"000\"}}";

        var response = await SendThroughWire(() => new StringContent(answer, Encoding.UTF8, "application/json"));

        (await response.Content.ReadAsStringAsync()).Should().Be(answer);
        response.Content.Headers.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(answer));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        _pool.Rented.Should().Be(1);
        _pool.Returned.Should().Be(0, "the answer is read from the buffer until it is disposed");
        response.Dispose();
        _pool.Returned.Should().Be(1);
    }

    [Fact]
    public async Task The_buffered_answer_has_the_length_of_the_bytes_read_not_the_length_the_server_declared()
    {
        var answer = Encoding.UTF8.GetBytes("{\"Result\":true}");

        var response = await SendThroughWire(() =>
        {
            var content = new StreamContent(new MemoryStream(answer));
            content.Headers.ContentLength = answer.Length + 100;
            return content;
        });

        response.Content.Headers.ContentLength.Should().Be(answer.Length);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(answer);
        response.Dispose();
    }

    [Fact]
    public async Task An_answer_without_a_content_length_larger_than_the_buffer_is_buffered_whole()
    {
        var answer = new string('x', 40 * 1024);

        var response = await SendThroughWire(() => new StreamContent(new UndeclaredLengthStream(Encoding.UTF8.GetBytes(answer))));

        (await response.Content.ReadAsStringAsync()).Should().Be(answer);
        response.Dispose();
        _pool.Rented.Should().BeGreaterThan(1, "the buffer grows as the bytes arrive");
        _pool.Returned.Should().Be(_pool.Rented);
    }

    [Fact]
    public async Task The_buffer_is_returned_when_the_answer_grows_over_the_limit()
    {
        var send = () => SendThroughWire(() => new StreamContent(new UndeclaredLengthStream(new byte[Limit + 1])));

        await send.Should().ThrowAsync<ResponseTooLargeException>();
        _pool.Returned.Should().Be(_pool.Rented);
    }

    [Fact]
    public async Task An_answer_of_exactly_the_limit_is_read_whole()
    {
        var answer = new byte[Limit];

        using var response = await SendThroughWire(() => new StreamContent(new UndeclaredLengthStream(answer)));

        (await response.Content.ReadAsByteArrayAsync()).Should().HaveCount(Limit);
    }

    [Fact]
    public async Task The_buffer_is_returned_when_the_body_breaks_off()
    {
        var send = () => SendThroughWire(() => new StreamContent(new BreakingStream()));

        await send.Should().ThrowAsync<IOException>();
        _pool.Returned.Should().Be(_pool.Rented).And.Be(1);
    }

    /// <summary>A body whose length the content cannot know, as with chunked transfer.</summary>
    private sealed class UndeclaredLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A body whose connection breaks after the first bytes.</summary>
    private sealed class BreakingStream : MemoryStream
    {
        private bool _sent;

        public override bool CanSeek => false;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sent)
            {
                throw new IOException("The connection was reset.");
            }

            _sent = true;
            buffer.Span[0] = (byte)'{';
            return ValueTask.FromResult(1);
        }
    }
}
