using Oicp.Client.Mapping;

namespace Oicp.Client.Tests.Mapping;

public sealed class EvseStatusAggregationTests
{
    private const EvseStatus A = EvseStatus.Available;
    private const EvseStatus R = EvseStatus.Reserved;
    private const EvseStatus O = EvseStatus.Occupied;
    private const EvseStatus S = EvseStatus.OutOfService;
    private const EvseStatus U = EvseStatus.Unknown;

    public static TheoryData<EvseStatus[], EvseStatus> Precedence => new()
    {
        { [], U },
        { [U], U },
        { [U, U], U },
        { [A], A },
        { [R], R },
        { [O], O },
        { [S], S },
        { [O, A], O },
        { [A, O], O },
        { [O, R], O },
        { [O, S], O },
        { [O, U], O },
        { [R, A], R },
        { [A, R], R },
        { [R, S], R },
        { [R, U], R },
        { [A, S], A },
        { [S, A], A },
        { [A, U], A },
        { [S, S], S },
        { [S, S, S], S },
        { [S, U], U },
        { [U, S], U },
        { [A, R, O, S, U], O },
        { [A, R, S, U], R },
        { [A, S, U], A },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void Aggregate_follows_the_documented_precedence(EvseStatus[] connectors, EvseStatus expected)
    {
        EvseStatusAggregation.Aggregate(connectors).Should().Be(expected);
    }

    [Theory]
    [InlineData(EvseStatus.EvseNotFound)]
    [InlineData((EvseStatus)99)]
    public void Aggregate_refuses_statuses_no_connector_can_have(EvseStatus status)
    {
        ((Action)(() => EvseStatusAggregation.Aggregate([EvseStatus.Available, status]))).Should().Throw<ArgumentException>();
    }
}
