using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

/// <summary>
/// The emulator refuses what Hubject would refuse and stays bounded: bodies that are not UTF-8 or too large get the
/// fault body, in process and over Kestrel alike, and the request log keeps only the newest requests.
/// </summary>
public sealed class RequestBoundsTests
{
    // The bytes C3 28 inside OperatorName: a lead byte followed by one that cannot continue it.
    private static readonly byte[] InvalidUtf8Body =
    [
        .. "{\"ActionType\":\"fullLoad\",\"OperatorEvseStatus\":{\"OperatorID\":\"DE*ABC\",\"OperatorName\":\""u8,
        0xC3,
        0x28,
        .. "\",\"EvseStatusRecord\":[]}}"u8,
    ];

    public static TheoryData<bool> FrontEnds => new() { false, true };

    [Theory]
    [MemberData(nameof(FrontEnds))]
    public async Task Invalid_UTF8_inside_a_JSON_string_is_answered_400_with_the_fault_body(bool overKestrel)
    {
        await using var emulator = await EmulatorFrontEnd.StartAsync(overKestrel);

        var answer = await emulator.PostAsync(new ByteArrayContent(InvalidUtf8Body));

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Json.GetProperty("message").GetString().Should().Be("Malformed JSON");
        answer.FieldReferences.Should().Equal("$");
        answer.Json.GetProperty("validationErrors")[0].GetProperty("errorMessage").GetString().Should().Contain("not valid UTF-8");
    }

    [Theory]
    [MemberData(nameof(FrontEnds))]
    public async Task A_body_over_MaxRequestBodyBytes_is_answered_413_with_the_fault_body_and_changes_nothing(bool overKestrel)
    {
        await using var emulator = await EmulatorFrontEnd.StartAsync(overKestrel, o => o.MaxRequestBodyBytes = 1024);

        var declared = await emulator.PostAsync(new StringContent(FullLoadOf(100), Encoding.UTF8));
        var chunked = await emulator.PostAsync(new UnknownLengthContent(Encoding.UTF8.GetBytes(FullLoadOf(100)), endless: false));
        var small = await emulator.PostAsync(new StringContent(FullLoadOf(2), Encoding.UTF8));

        foreach (var answer in new[] { declared, chunked })
        {
            answer.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            answer.Json.GetProperty("extendedInfo").GetString().Should().Contain("1024 bytes (OicpEmulatorOptions.MaxRequestBodyBytes)");
        }

        small.Status.Should().Be(HttpStatusCode.OK);
        emulator.Emulator.GetHistory(RawEmulatorClient.Abc).Should().ContainSingle();
        emulator.Emulator.Requests.Take(2).Should().OnlyContain(request => request.HttpStatus == 413 && request.Body.Length == 0);
    }

    [Fact]
    public async Task In_process_a_body_of_unknown_length_is_read_no_further_than_the_limit()
    {
        await using var emulator = await EmulatorFrontEnd.StartAsync(overKestrel: false, o => o.MaxRequestBodyBytes = 64 * 1024);
        var endless = new UnknownLengthContent(new byte[4096], endless: true);

        var answer = await emulator.PostAsync(endless);

        answer.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        endless.Written.Should().BeLessThanOrEqualTo(64 * 1024 + 4096);
    }

    [Fact]
    public void The_defaults_bound_the_body_and_the_request_log()
    {
        var options = new OicpEmulatorOptions();

        options.MaxRequestBodyBytes.Should().Be(30_000_000).And.Be(OicpEmulatorOptions.DefaultMaxRequestBodyBytes);
        options.RequestLogLimit.Should().Be(10_000);
        options.MaxRequestLogBodyBytes.Should().Be(64 * 1024 * 1024);
    }

    [Fact]
    public async Task The_request_log_keeps_the_newest_RequestLogLimit_requests()
    {
        using var client = new RawEmulatorClient(o => o.RequestLogLimit = 3);

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync(FullLoadOf(1));
        }

        client.Emulator.Requests.Select(request => request.Sequence).Should().Equal(3, 4, 5);
        client.Emulator.Statistics.TotalRequests.Should().Be(5);
        client.Emulator.GetHistory(RawEmulatorClient.Abc).Should().HaveCount(5, "the log bound drops log entries, not versions");
    }

    [Fact]
    public async Task The_request_log_keeps_the_newest_bodies_within_MaxRequestLogBodyBytes()
    {
        var body = FullLoadOf(40);
        var size = Encoding.UTF8.GetByteCount(body);
        using var client = new RawEmulatorClient(o => o.MaxRequestLogBodyBytes = 5 * size);

        for (var i = 0; i < 20; i++)
        {
            await client.PostAsync(body);
        }

        client.Emulator.Requests.Select(request => request.Sequence).Should().Equal(16, 17, 18, 19, 20);
        client.Emulator.Requests.Sum(request => Encoding.UTF8.GetByteCount(request.Body)).Should().BeLessThanOrEqualTo(5 * size);
    }

    [Fact]
    public async Task The_newest_request_stays_in_the_log_even_when_its_body_alone_is_over_the_bound()
    {
        using var client = new RawEmulatorClient(o => o.MaxRequestLogBodyBytes = 10);

        await client.PostAsync(FullLoadOf(1));
        await client.PostAsync(FullLoadOf(2));

        client.Emulator.Requests.Should().ContainSingle().Which.Sequence.Should().Be(2);
        client.Emulator.Requests[0].Body.Should().Be(FullLoadOf(2));
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(null, 0L, null)]
    [InlineData(null, null, -1L)]
    public void Bounds_that_are_not_positive_are_refused(int? requestLogLimit, long? maxRequestLogBodyBytes, long? maxRequestBodyBytes)
    {
        var create = () => new OicpEmulator(new OicpEmulatorOptions
        {
            RequestLogLimit = requestLogLimit ?? 1,
            MaxRequestLogBodyBytes = maxRequestLogBodyBytes ?? 1,
            MaxRequestBodyBytes = maxRequestBodyBytes ?? 1,
        });

        create.Should().Throw<ArgumentException>().WithMessage("RequestLogLimit, MaxRequestLogBodyBytes and MaxRequestBodyBytes must be positive*");
    }

    private static string FullLoadOf(int count) =>
        RawEmulatorClient.Body("fullLoad", [.. Enumerable.Range(1, count).Select(i => ($"DE*ABC*E{i}", "Available"))]);

    /// <summary>One emulator behind either front end: the in-process handler or a Kestrel server on 127.0.0.1.</summary>
    private sealed class EmulatorFrontEnd : IAsyncDisposable
    {
        private readonly HttpMessageInvoker _invoker;
        private readonly OicpEmulatorServer? _server;

        private EmulatorFrontEnd(OicpEmulator emulator, OicpEmulatorServer? server)
        {
            Emulator = emulator;
            _server = server;
            _invoker = server is null ? new HttpMessageInvoker(emulator.CreateHandler()) : new HttpClient();
        }

        public OicpEmulator Emulator { get; }

        public static async Task<EmulatorFrontEnd> StartAsync(bool overKestrel, Action<OicpEmulatorOptions>? configure = null)
        {
            var options = new OicpEmulatorOptions();
            configure?.Invoke(options);
            var emulator = new OicpEmulator(options);
            emulator.RegisterOperator(RawEmulatorClient.Abc);
            return new EmulatorFrontEnd(emulator, overKestrel ? await OicpEmulatorServer.StartAsync(emulator) : null);
        }

        public async Task<RawAnswer> PostAsync(HttpContent content)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var baseAddress = _server?.BaseAddress.ToString() ?? RawEmulatorClient.Base;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseAddress}evsepush/v21/operators/DE*ABC/status-records") { Content = content };
            using var response = await _invoker.SendAsync(request, CancellationToken.None);
            return await RawAnswer.ReadAsync(response);
        }

        public async ValueTask DisposeAsync()
        {
            _invoker.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }

    /// <summary>A body sent without a Content-Length (chunked), finite or endless; counts what it wrote.</summary>
    private sealed class UnknownLengthContent(byte[] chunk, bool endless) : HttpContent
    {
        private long _written;

        public long Written => Interlocked.Read(ref _written);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            do
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref _written, chunk.Length);
            }
            while (endless);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
