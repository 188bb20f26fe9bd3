using System.Text.Json;
using Oicp.Client.Tests.TestSupport;
using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Transport;

/// <summary>The request body lives in pooled memory: sent with its length, the same bytes each time, and given back.</summary>
public sealed class PooledJsonContentTests
{
    private readonly CountingArrayPool _pool = new();

    private static PushEvseStatusRequest Request(int records) => new()
    {
        ActionType = ActionType.FullLoad,
        OperatorEvseStatus = new OperatorEvseStatus
        {
            OperatorID = "DE*ABC",
            EvseStatusRecord = Enumerable.Range(0, records).Select(i => new EvseStatusRecord(EvseId.Parse($"DE*ABC*E{i}"), EvseStatus.Available)).ToArray(),
        },
    };

    private static async Task<byte[]> Sent(HttpContent content)
    {
        using var stream = new MemoryStream();
        await content.CopyToAsync(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task The_body_is_the_serializers_output_with_its_Content_Length_and_type()
    {
        var request = Request(10_000);
        var expected = JsonSerializer.SerializeToUtf8Bytes(request, OicpGeneratedClient.SerializerOptions);

        using var content = PooledJsonContent.Create(request, OicpGeneratedClient.SerializerOptions, "application/json", _pool);

        (await Sent(content)).Should().Equal(expected);
        content.Headers.ContentLength.Should().Be(expected.Length);
        content.Headers.ContentType!.ToString().Should().Be("application/json");
    }

    [Fact]
    public void A_body_of_several_pooled_arrays_is_sent_whole_by_the_synchronous_path_too()
    {
        var request = Request(10_000);
        var expected = JsonSerializer.SerializeToUtf8Bytes(request, OicpGeneratedClient.SerializerOptions);
        using var content = PooledJsonContent.Create(request, OicpGeneratedClient.SerializerOptions, "application/json", _pool);
        using var stream = new MemoryStream();

        content.CopyTo(stream, context: null, CancellationToken.None);

        _pool.Rented.Should().BeGreaterThan(1);
        stream.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Nothing_written_is_copied_into_a_larger_array()
    {
        using var content = PooledJsonContent.Create(Request(10_000), OicpGeneratedClient.SerializerOptions, "application/json", _pool);

        _pool.Rented.Should().BeGreaterThan(1, "a body of 10,000 records outgrows the first buffer");
        _pool.Returned.Should().Be(0, "a full array is kept and the next one written after it, not copied into a larger one and returned");
    }

    [Fact]
    public async Task A_body_sent_twice_is_the_same_bytes()
    {
        using var content = PooledJsonContent.Create(Request(3), OicpGeneratedClient.SerializerOptions, "application/json", _pool);

        var first = await Sent(content);
        var second = await Sent(content);

        second.Should().Equal(first).And.NotBeEmpty();
    }

    [Fact]
    public void Every_buffer_is_returned_once_the_content_is_disposed()
    {
        var content = PooledJsonContent.Create(Request(10_000), OicpGeneratedClient.SerializerOptions, "application/json", _pool);
        _pool.Rented.Should().BeGreaterThan(1, "a body of 10,000 records outgrows the first buffer");

        content.Dispose();

        _pool.Returned.Should().Be(_pool.Rented);
    }

    [Fact]
    public void Every_buffer_is_returned_when_the_body_cannot_be_serialized()
    {
        var request = Request(1_000);
        request.OperatorEvseStatus.EvseStatusRecord = [.. request.OperatorEvseStatus.EvseStatusRecord, default];

        var create = () => PooledJsonContent.Create(request, OicpGeneratedClient.SerializerOptions, "application/json", _pool);

        create.Should().Throw<JsonException>().WithMessage("*empty (default) EvseID*");
        _pool.Rented.Should().BeGreaterThan(0);
        _pool.Returned.Should().Be(_pool.Rented);
    }
}
