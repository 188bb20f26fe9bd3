using System.Globalization;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Tests.TestSupport;

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

    [Fact]
    public void The_table_goes_back_to_the_pool_once_the_request_is_built()
    {
        var pool = new CountingArrayPool<long>();

        new PushRequestBuilder(OperatorId.Parse("DE*ABC"), [], operatorName: null, pool).Build(ActionType.FullLoad, Records(1_000), "records");

        pool.Rented.Should().Be(1);
        pool.Returned.Should().Be(1);
    }

    [Fact]
    public void The_table_goes_back_to_the_pool_when_a_record_is_refused()
    {
        var pool = new CountingArrayPool<long>();
        var builder = new PushRequestBuilder(OperatorId.Parse("DE*ABC"), [], operatorName: null, pool);
        var repeated = Records(1_000);
        repeated[900] = repeated[10];
        var foreign = Records(1_000);
        foreign[500] = new EvseStatusRecord(EvseId.Parse("DE*XYZ*E1"), EvseStatus.Available);

        ((Action)(() => builder.Build(ActionType.FullLoad, repeated, "records"))).Should().Throw<ArgumentException>().WithMessage("*appears more than once*");
        ((Action)(() => builder.Build(ActionType.FullLoad, foreign, "records"))).Should().Throw<ArgumentException>().WithMessage("*belongs to operator DE*XYZ*");

        pool.Rented.Should().Be(2);
        pool.Returned.Should().Be(2);
    }

    [Fact]
    public void A_request_of_one_record_rents_no_table()
    {
        var pool = new CountingArrayPool<long>();
        var builder = new PushRequestBuilder(OperatorId.Parse("DE*ABC"), [], operatorName: null, pool);

        builder.BuildOne(ActionType.Update, EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied, "evseId");
        builder.Build(ActionType.FullLoad, Records(1), "records");

        pool.Rented.Should().Be(0);
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
