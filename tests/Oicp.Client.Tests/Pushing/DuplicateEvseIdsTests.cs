using System.Globalization;
using Oicp.Client.Internal;

namespace Oicp.Client.Tests.Pushing;

/// <summary>The duplicate check of a request, also at the sizes where it splits the ids into partitions.</summary>
public sealed class DuplicateEvseIdsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5_000)]
    [InlineData(100_000)]
    public void Distinct_ids_have_no_repeat(int count)
    {
        DuplicateEvseIds.IndexOfFirstRepeat(Records(count)).Should().Be(-1);
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(10_000, 17, 9_998)]
    [InlineData(100_000, 99_998, 99_999)]
    [InlineData(100_000, 0, 99_999)]
    public void A_repeated_id_is_found_at_its_second_occurrence(int count, int original, int repeat)
    {
        var records = Records(count);
        records[repeat] = records[original] with { Status = EvseStatus.Occupied };

        DuplicateEvseIds.IndexOfFirstRepeat(records).Should().Be(repeat);
    }

    [Fact]
    public void An_id_written_without_separators_repeats_the_same_id_with_them()
    {
        var records = Records(50_000);
        records[40_000] = new EvseStatusRecord(EvseId.Parse("DEABCE0000123"), EvseStatus.Available);

        DuplicateEvseIds.IndexOfFirstRepeat(records).Should().Be(40_000);
    }

    [Fact]
    public void Of_several_repeats_the_one_earliest_in_the_request_is_reported()
    {
        // Different ids land in different partitions; the answer must not depend on which is checked first.
        var records = Records(100_000);
        records[90_000] = records[5];
        records[60_000] = records[70];
        records[80_000] = records[3];

        DuplicateEvseIds.IndexOfFirstRepeat(records).Should().Be(60_000);
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
