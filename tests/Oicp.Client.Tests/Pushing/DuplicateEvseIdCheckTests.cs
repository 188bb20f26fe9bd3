using System.Globalization;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Pushing;

/// <summary>The duplicate check of a request (Hubject answers 018 for an EvseID twice), also at a fullLoad's sizes.</summary>
public sealed class DuplicateEvseIdCheckTests
{
    private static readonly PushRequestBuilder Builder = new(OperatorId.Parse("DE*ABC"), [], operatorName: null);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100_000)]
    public void Distinct_ids_pass(int count)
    {
        Builder.Build(ActionType.FullLoad, Records(count), "records").OperatorEvseStatus.EvseStatusRecord.Should().HaveCount(count);
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(10_000, 17, 9_998)]
    [InlineData(100_000, 0, 99_999)]
    public void A_repeated_id_is_named_at_its_second_occurrence(int count, int original, int repeat)
    {
        var records = Records(count);
        records[repeat] = records[original] with { Status = EvseStatus.Occupied };

        var build = () => Builder.Build(ActionType.FullLoad, records, "records");

        build.Should().Throw<ArgumentException>().WithMessage($"EvseID {records[original].EvseId} appears more than once*018*").WithParameterName("records");
    }

    [Fact]
    public void An_id_written_without_separators_repeats_the_same_id_with_them()
    {
        var records = Records(50_000);
        records[40_000] = new EvseStatusRecord(EvseId.Parse("DEABCE0000123"), EvseStatus.Available);

        var build = () => Builder.Build(ActionType.FullLoad, records, "records");

        build.Should().Throw<ArgumentException>().WithMessage("EvseID DEABCE0000123 appears more than once*");
    }

    [Fact]
    public void Of_several_repeats_the_one_earliest_in_the_request_is_reported()
    {
        var records = Records(100_000);
        records[90_000] = records[5];
        records[60_000] = records[70];
        records[80_000] = records[3];

        var build = () => Builder.Build(ActionType.FullLoad, records, "records");

        build.Should().Throw<ArgumentException>().WithMessage($"EvseID {records[70].EvseId} appears*");
    }

    private static EvseStatusRecord[] Records(int count)
    {
        var records = new EvseStatusRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = new EvseStatusRecord(EvseId.Parse(string.Create(CultureInfo.InvariantCulture, $"DE*ABC*E{i:D7}")), (EvseStatus)(i % 4));
        }

        return records;
    }
}
