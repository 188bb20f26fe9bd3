using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Ids;

/// <summary>
/// An id has one identity, its text without the optional '*' and DIN '+': equality, hashing, ordering, dictionary
/// keys, the duplicate check (Hubject's 018) and operator ownership all agree on it.
/// </summary>
public sealed class IdIdentityTests
{
    public static TheoryData<string, string, bool> EvsePairs => new()
    {
        { "DE*ABC*E1", "DEABCE1", true },
        { "DE*ABC*E1", "de*abc*e1", true },
        { "DE*ABC*E1*2", "DEABC*E12", true },
        { "+49*810*000*438", "49*810*000438", true },
        { "DE*ABC*E1", "DE*ABC*E2", false },
        { "DE*ABC*E1", "DE*ABC*E11", false },
        { "DE*ABC*E1", "DE*ABD*E1", false },
    };

    [Theory]
    [MemberData(nameof(EvsePairs))]
    public void EvseIds_are_equal_when_their_text_without_separators_is(string left, string right, bool same)
    {
        var a = EvseId.Parse(left);
        var b = EvseId.Parse(right);

        a.Equals(b).Should().Be(same);
        a.Equals((object)b).Should().Be(same);
        (a == b).Should().Be(same);
        (a != b).Should().Be(!same);
        (a.CompareTo(b) == 0).Should().Be(same);
        if (same)
        {
            a.GetHashCode().Should().Be(b.GetHashCode());
        }
    }

    [Fact]
    public void ToString_keeps_the_text_as_given_upper_cased()
    {
        EvseId.Parse("de*abc*e1").ToString().Should().Be("DE*ABC*E1");
        EvseId.Parse("DEABCE1").ToString().Should().Be("DEABCE1");
        OperatorId.Parse("de*abc").ToString().Should().Be("DE*ABC");
        OperatorId.Parse("DEABC").ToString().Should().Be("DEABC");
    }

    [Fact]
    public void A_dictionary_keyed_by_EvseId_holds_one_entry_per_EVSE_however_it_is_written()
    {
        var statuses = new Dictionary<EvseId, EvseStatus> { [EvseId.Parse("DE*ABC*E1")] = EvseStatus.Available };

        statuses[EvseId.Parse("DEABCE1")] = EvseStatus.Occupied;

        statuses.Should().ContainSingle();
        statuses[EvseId.Parse("de*abc*e1")].Should().Be(EvseStatus.Occupied);
        statuses.Keys.Single().ToString().Should().Be("DE*ABC*E1", "the key keeps the text it was first stored with");
        new HashSet<EvseId> { EvseId.Parse("DE*ABC*E1"), EvseId.Parse("DEABCE1") }.Should().ContainSingle();
        new SortedSet<EvseId> { EvseId.Parse("DE*ABC*E1"), EvseId.Parse("DEABCE1") }.Should().ContainSingle();
    }

    [Theory]
    [InlineData("DE*ABC", "DEABC", true)]
    [InlineData("de*abc", "DE*ABC", true)]
    [InlineData("+49*536", "49*536", true)]
    [InlineData("DE*ABC", "DE*ABD", false)]
    public void OperatorIds_are_equal_when_their_text_without_separators_is(string left, string right, bool same)
    {
        var a = OperatorId.Parse(left);
        var b = OperatorId.Parse(right);

        (a == b).Should().Be(same);
        a.Equals((object)b).Should().Be(same);
        a.IsSameOperatorAs(b).Should().Be(same);
        if (same)
        {
            a.GetHashCode().Should().Be(b.GetHashCode());
        }
    }

    [Fact]
    public void The_default_values_equal_each_other_only()
    {
        (default(EvseId) == default(EvseId)).Should().BeTrue();
        (default(EvseId) == EvseId.Parse("DE*ABC*E1")).Should().BeFalse();
        default(EvseId).CompareTo(EvseId.Parse("DE*ABC*E1")).Should().BeNegative();
        (default(OperatorId) == default(OperatorId)).Should().BeTrue();
        (default(OperatorId) == OperatorId.Parse("DE*ABC")).Should().BeFalse();
        default(OperatorId).IsSameOperatorAs(default).Should().BeFalse("the default value names no operator");
    }

    [Theory]
    [MemberData(nameof(EvsePairs))]
    public async Task The_duplicate_check_refuses_exactly_the_ids_that_are_equal(string left, string right, bool same)
    {
        using var http = new MockHttpMessageHandler();
        http.When("*").Respond("application/json", TestPushers.SuccessAck);
        var owners = new[] { EvseId.Parse(left).OperatorId.ToString(), EvseId.Parse(right).OperatorId.ToString() };
        var pusher = TestPushers.Create(http, o =>
        {
            o.OperatorId = owners[0];
            o.SubOperatorIds.Add(owners[1]);
        });

        var push = () => pusher.PushAsync(ActionType.Update, [TestPushers.Record(left, EvseStatus.Available), TestPushers.Record(right, EvseStatus.Occupied)]);

        if (same)
        {
            await push.Should().ThrowAsync<ArgumentException>().WithMessage("*appears more than once*018*");
        }
        else
        {
            (await push()).IsSuccess.Should().BeTrue();
        }
    }

    [Theory]
    [InlineData("DE*ABC*E1", "DE*ABC", true)]
    [InlineData("DEABCE1", "DE*ABC", true)]
    [InlineData("DE*ABC*E1", "DEABC", true)]
    [InlineData("+49*810*1", "49*810", true)]
    [InlineData("DE*ABC*E1", "DE*ABD", false)]
    public void BelongsTo_agrees_with_the_equality_of_the_operator_part(string evse, string @operator, bool expected)
    {
        var id = EvseId.Parse(evse);
        var operatorId = OperatorId.Parse(@operator);

        id.BelongsTo(operatorId).Should().Be(expected);
        (id.OperatorId == operatorId).Should().Be(expected);
    }

    [Fact]
    public void Equality_hashing_and_dictionary_lookups_do_not_allocate()
    {
        var stored = EvseId.Parse("DE*ABC*E840*6487");
        var asked = EvseId.Parse("DEABCE8406487");
        var statuses = new Dictionary<EvseId, EvseStatus> { [stored] = EvseStatus.Available };
        var found = Compare(stored, asked, statuses);

        var before = GC.GetAllocatedBytesForCurrentThread();
        found += Compare(stored, asked, statuses);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        found.Should().Be(2 * Rounds * 4);
        allocated.Should().BeLessThan(Rounds / 10, "comparing ids allocates nothing");
    }

    private const int Rounds = 10_000;

    private static int Compare(EvseId stored, EvseId asked, Dictionary<EvseId, EvseStatus> statuses)
    {
        var found = 0;
        for (var i = 0; i < Rounds; i++)
        {
            found += stored == asked ? 1 : 0;
            found += stored.CompareTo(asked) == 0 ? 1 : 0;
            found += stored.GetHashCode() == asked.GetHashCode() ? 1 : 0;
            found += statuses.TryGetValue(asked, out _) ? 1 : 0;
        }

        return found;
    }
}
