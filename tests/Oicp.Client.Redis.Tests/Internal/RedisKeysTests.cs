using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Internal;

public sealed class RedisKeysTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly OperatorId Operator = OperatorId.Parse("de*abc");

    [Fact]
    public void Keys_carry_the_prefix_and_the_upper_case_OperatorID_as_a_hash_tag()
    {
        var keys = new RedisKeys(Operator);

        ((string?)keys.Waiting).Should().Be("oicp:{DE*ABC}:waiting");
        ((string?)keys.Lease).Should().Be("oicp:{DE*ABC}:lease");
    }

    [Fact]
    public void Every_key_of_one_operator_maps_to_one_cluster_slot()
    {
        var keys = new RedisKeys(Operator, "tenant-7:oicp:");
        var all = new[] { keys.Sequences, keys.Statuses, keys.Waiting, keys.InFlight, keys.Lease, keys.RequestWindow, keys.LastFullLoad, keys.Sentinel };
        var slots = all.Select(key => redis.Connection.HashSlot(key)).Distinct();

        slots.Should().ContainSingle();
        all.Should().OnlyHaveUniqueItems().And.OnlyContain(static key => ((string?)key)!.StartsWith("tenant-7:oicp:{DE*ABC}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_prefix_with_a_brace_is_refused_naming_the_setting()
    {
        var act = () => new RedisKeys(Operator, "oicp:{x}:");

        act.Should().Throw<ArgumentException>().WithParameterName("prefix").WithMessage("Oicp:Redis:KeyPrefix 'oicp:{x}:' must not contain*hash tag*");
    }

    [Fact]
    public void An_empty_OperatorID_is_refused()
    {
        var act = () => new RedisKeys(default);

        act.Should().Throw<ArgumentException>().WithParameterName("operatorId");
    }
}
