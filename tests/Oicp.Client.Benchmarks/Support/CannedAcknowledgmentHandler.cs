using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// Stands in for Hubject without a network: drains the request body (so the baseline's streamed body is really
/// serialized; the SDK's is already a byte array), remembers its size, and answers with a canned success
/// acknowledgement, a fresh response each time as a socket handler gives.
/// </summary>
public sealed class CannedAcknowledgmentHandler : HttpMessageHandler
{
    public static readonly byte[] Acknowledgment = Encoding.UTF8.GetBytes(
        """{"Result":true,"StatusCode":{"Code":"000","Description":null,"AdditionalInfo":null},"SessionID":null,"CPOPartnerSessionID":null,"EMPPartnerSessionID":null}""");

    private readonly CountingStream _sink = new();

    /// <summary>Gets the size of the last request body.</summary>
    public long LastRequestBytes { get; private set; }

    /// <summary>Gets or sets a stream that receives a copy of the next request bodies (to compare them).</summary>
    public MemoryStream? Capture { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sink.Reset(Capture);
        await request.Content!.CopyToAsync(_sink, cancellationToken).ConfigureAwait(false);
        LastRequestBytes = _sink.Written;

        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(Acknowledgment),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return response;
    }

    private sealed class CountingStream : Stream
    {
        private MemoryStream? _capture;

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public void Reset(MemoryStream? capture)
        {
            Written = 0;
            _capture = capture;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Written += buffer.Length;
            _capture?.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
