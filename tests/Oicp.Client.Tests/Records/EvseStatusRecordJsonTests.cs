using System.Text.Json;
using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Records;

/// <summary>An <see cref="EvseStatusRecord"/> on the wire: its exact shape, read back, and written without boxing.</summary>
public sealed class EvseStatusRecordJsonTests
{
    private static readonly JsonSerializerOptions Options = OicpGeneratedClient.SerializerOptions;

    [Fact]
    public void A_record_is_written_with_the_OICP_names_and_spellings()
    {
        var json = JsonSerializer.Serialize(new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.OutOfService), Options.GetTypeInfo(typeof(EvseStatusRecord)));

        json.Should().Be("""{"EvseID":"DE*ABC*E1","EvseStatus":"OutOfService"}""");
    }

    [Fact]
    public void A_record_is_read_back_skipping_properties_it_does_not_know()
    {
        var record = (EvseStatusRecord)JsonSerializer.Deserialize(
            """{"Extra":{"a":[1,2]},"EvseStatus":"Reserved","EvseID":"DE*ABC*E7"}""", Options.GetTypeInfo(typeof(EvseStatusRecord)))!;

        record.Should().Be(new EvseStatusRecord(EvseId.Parse("DE*ABC*E7"), EvseStatus.Reserved));
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_refused_with_the_reason()
    {
        var read = () => JsonSerializer.Deserialize("\"DE*ABC*E7\"", Options.GetTypeInfo(typeof(EvseStatusRecord)));

        read.Should().Throw<JsonException>().WithMessage("*EvseStatusRecord must be a JSON object*");
    }

    [Fact]
    public void An_invalid_EvseID_is_refused_with_the_rule()
    {
        var read = () => JsonSerializer.Deserialize("""{"EvseID":"nonsense","EvseStatus":"Reserved"}""", Options.GetTypeInfo(typeof(EvseStatusRecord)));

        read.Should().Throw<JsonException>().WithMessage("*'nonsense' is not a valid EvseID*");
    }

    [Fact]
    public void Writing_records_does_not_box_them()
    {
        var records = new PushEvseStatusRequest
        {
            ActionType = ActionType.FullLoad,
            OperatorEvseStatus = new OperatorEvseStatus
            {
                OperatorID = "DE*ABC",
                EvseStatusRecord = Enumerable.Range(0, 10_000).Select(i => new EvseStatusRecord(EvseId.Parse($"DE*ABC*E{i}"), EvseStatus.Available)).ToArray(),
            },
        };
        var typeInfo = Options.GetTypeInfo(typeof(PushEvseStatusRequest));
        using var writer = new Utf8JsonWriter(Stream.Null);
        JsonSerializer.Serialize(writer, records, typeInfo);
        writer.Reset();

        var before = GC.GetAllocatedBytesForCurrentThread();
        JsonSerializer.Serialize(writer, records, typeInfo);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(10_000 * 8, "a boxed record alone is 40 bytes; only the writer's buffers may allocate");
    }
}
