using System.Globalization;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Pushing.Internal;

/// <summary>
/// How the request holds the caller's records: an array or a list as it is (a fullLoad of 1,000,000 records must not
/// cost a copy of them, docs/performance.md), any other sequence read once.
/// </summary>
public sealed class PushRequestBuilderRecordsTests
{
    private static readonly PushRequestBuilder Builder = new(OperatorId.Parse("DE*ABC"), [], operatorName: null);

    [Fact]
    public void An_array_and_a_list_are_sent_as_they_are()
    {
        var array = Records(3).ToArray();
        var list = Records(3).ToList();

        Builder.Build(ActionType.FullLoad, array, "records").OperatorEvseStatus.EvseStatusRecord.Should().BeSameAs(array);
        Builder.Build(ActionType.FullLoad, list, "records").OperatorEvseStatus.EvseStatusRecord.Should().BeSameAs(list);
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
    public void Building_a_fullLoad_of_an_array_allocates_neither_a_copy_nor_a_duplicate_set()
    {
        var records = Records(100_000).ToArray();
        Builder.Build(ActionType.FullLoad, records, "records");

        var before = GC.GetAllocatedBytesForCurrentThread();
        Builder.Build(ActionType.FullLoad, records, "records");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(1_024, "a copy of 100,000 records is 2.4 MB and a HashSet of their ids 2.8 MB");
    }

    private static IEnumerable<EvseStatusRecord> Records(int count) =>
        Enumerable.Range(0, count).Select(i => new EvseStatusRecord(EvseId.Parse(string.Create(CultureInfo.InvariantCulture, $"DE*ABC*E{i:D7}")), EvseStatus.Available));
}
