using System.Globalization;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Pushing.Internal;

/// <summary>
/// How the request holds the caller's records: a copy, so that what was checked is what is sent, in memory rented from
/// the pool for a collection (a fullLoad of 1,000,000 records must not cost new memory for it, docs/performance.md)
/// and handed back by Release; any other sequence read once.
/// </summary>
public sealed class PushRequestBuilderRecordsTests
{
    private static readonly PushRequestBuilder Builder = new(OperatorId.Parse("DE*ABC"), [], operatorName: null);

    [Fact]
    public void A_change_to_the_callers_array_or_list_after_the_check_is_not_sent()
    {
        var array = Records(3).ToArray();
        var list = Records(3).ToList();
        var fromArray = Builder.Build(ActionType.FullLoad, array, "records");
        var fromList = Builder.Build(ActionType.FullLoad, list, "records");

        // Changed while the push would run: a duplicate that the check would have refused.
        array[2] = array[0];
        list[2] = list[0];

        fromArray.OperatorEvseStatus.EvseStatusRecord.Should().Equal(Records(3));
        fromList.OperatorEvseStatus.EvseStatusRecord.Should().Equal(Records(3));
        PushRequestBuilder.Release(fromArray);
        PushRequestBuilder.Release(fromList);
    }

    [Fact]
    public void The_copy_of_a_refused_push_goes_back_to_the_pool_and_a_second_build_reuses_it()
    {
        var records = Records(100_000).ToArray();
        records[^1] = records[0];
        var refused = () => Builder.Build(ActionType.FullLoad, records, "records");
        refused.Should().Throw<ArgumentException>().WithMessage("*appears more than once*");

        var before = GC.GetAllocatedBytesForCurrentThread();
        refused.Should().Throw<ArgumentException>();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The exception and its message are small; a new copy of 100,000 records is 2.4 MB.
        allocated.Should().BeLessThan(512_000, "the refused push's copy went back to the pool and was rented again");
    }

    [Fact]
    public void Any_other_sequence_is_read_once()
    {
        var reads = 0;
        IEnumerable<EvseStatusRecord> Sequence()
        {
            reads++;
            foreach (var record in Records(3))
            {
                yield return record;
            }
        }

        var request = Builder.Build(ActionType.FullLoad, Sequence(), "records");

        request.OperatorEvseStatus.EvseStatusRecord.Should().Equal(Records(3));
        reads.Should().Be(1);
    }

    [Fact]
    public void Building_a_fullLoad_of_an_array_once_the_pool_holds_a_copy_allocates_neither_a_copy_nor_a_duplicate_set()
    {
        var records = Records(100_000).ToArray();
        PushRequestBuilder.Release(Builder.Build(ActionType.FullLoad, records, "records"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var request = Builder.Build(ActionType.FullLoad, records, "records");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        PushRequestBuilder.Release(request);

        allocated.Should().BeLessThan(1_024, "a new copy of 100,000 records is 2.4 MB and a HashSet of their ids 2.8 MB");
    }

    private static IEnumerable<EvseStatusRecord> Records(int count) =>
        Enumerable.Range(0, count).Select(i => new EvseStatusRecord(EvseId.Parse(string.Create(CultureInfo.InvariantCulture, $"DE*ABC*E{i:D7}")), EvseStatus.Available));
}
