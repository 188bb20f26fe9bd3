using System.Net;
using Oicp.Client.Publishing;

namespace Oicp.Client.Tests.Results;

/// <summary><see cref="OicpModelFactory.EvseStatusPublisherHealth"/>: health figures for users' test doubles and health checks.</summary>
public sealed class OicpModelFactoryHealthTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Func<EvseStatusPublisherHealth>> Refused => new()
    {
        { "pendingCount", () => OicpModelFactory.EvseStatusPublisherHealth(pendingCount: -1) },
        { "oldestPendingAge", () => OicpModelFactory.EvseStatusPublisherHealth(pendingCount: 1, oldestPendingAge: TimeSpan.FromTicks(-1)) },
        { "consecutiveFailures", () => OicpModelFactory.EvseStatusPublisherHealth(consecutiveFailures: -1) },
        { "roundTrip", () => OicpModelFactory.EvseStatusPublisherHealth(roundTrip: TimeSpan.FromTicks(-1)) },
        { "oldestPendingAge", () => OicpModelFactory.EvseStatusPublisherHealth(pendingCount: 0, oldestPendingAge: TimeSpan.FromSeconds(1)) },
        { "lastFailure", () => OicpModelFactory.EvseStatusPublisherHealth(lastFailureAt: At, lastFailure: Success(ActionType.Update), consecutiveFailures: 1) },
        { "lastFailureAt", () => OicpModelFactory.EvseStatusPublisherHealth(lastFailure: Refusal(), consecutiveFailures: 1) },
        { "lastFailureAt", () => OicpModelFactory.EvseStatusPublisherHealth(consecutiveFailures: 2) },
        { "isOperatorRefused", () => OicpModelFactory.EvseStatusPublisherHealth(isOperatorRefused: true) },
        { "lastFullLoadResult", () => OicpModelFactory.EvseStatusPublisherHealth(lastFullLoadAt: At, lastFullLoadResult: Success(ActionType.Update)) },
        { "lastFullLoadAt", () => OicpModelFactory.EvseStatusPublisherHealth(lastFullLoadResult: Success(ActionType.FullLoad)) },
    };

    [Fact]
    public void Defaults_describe_a_publisher_that_has_not_started()
    {
        var health = OicpModelFactory.EvseStatusPublisherHealth();

        health.Should().BeEquivalentTo(new
        {
            IsRunning = false,
            PendingCount = 0,
            OldestPendingAge = TimeSpan.Zero,
            LastSuccessAt = (DateTimeOffset?)null,
            LastFailureAt = (DateTimeOffset?)null,
            LastFailure = (PushResult?)null,
            ConsecutiveFailures = 0,
            IsOperatorRefused = false,
            LastFullLoadAt = (DateTimeOffset?)null,
            LastFullLoadResult = (PushResult?)null,
            RoundTrip = (TimeSpan?)null,
        });
    }

    [Fact]
    public void Every_value_given_is_kept()
    {
        var refusal = Refusal();
        var fullLoad = Success(ActionType.FullLoad);

        var health = OicpModelFactory.EvseStatusPublisherHealth(
            isRunning: true,
            pendingCount: 3,
            oldestPendingAge: TimeSpan.FromSeconds(40),
            lastSuccessAt: At.AddMinutes(-5),
            lastFailureAt: At,
            lastFailure: refusal,
            consecutiveFailures: 4,
            isOperatorRefused: true,
            lastFullLoadAt: At.AddHours(-1),
            lastFullLoadResult: fullLoad,
            roundTrip: TimeSpan.FromMilliseconds(80),
            failingSince: At.AddMinutes(-2),
            startedAt: At.AddDays(-1));

        health.IsRunning.Should().BeTrue();
        health.PendingCount.Should().Be(3);
        health.OldestPendingAge.Should().Be(TimeSpan.FromSeconds(40));
        health.LastSuccessAt.Should().Be(At.AddMinutes(-5));
        health.LastFailureAt.Should().Be(At);
        health.LastFailure.Should().BeSameAs(refusal);
        health.ConsecutiveFailures.Should().Be(4);
        health.IsOperatorRefused.Should().BeTrue();
        health.LastFullLoadAt.Should().Be(At.AddHours(-1));
        health.LastFullLoadResult.Should().BeSameAs(fullLoad);
        health.RoundTrip.Should().Be(TimeSpan.FromMilliseconds(80));
        health.FailingSince.Should().Be(At.AddMinutes(-2));
        health.StartedAt.Should().Be(At.AddDays(-1));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Contradictory_or_negative_values_are_refused_naming_the_parameter(string parameter, Func<EvseStatusPublisherHealth> build)
    {
        build.Should().Throw<ArgumentException>().Where(exception => exception.ParamName == parameter);
    }

    private static PushResult Success(ActionType actionType) =>
        OicpModelFactory.PushResult(actionType: actionType, acknowledgmentResult: true, oicpCode: OicpStatusCode.Success, httpStatusCode: HttpStatusCode.OK);

    private static PushResult Refusal() =>
        OicpModelFactory.PushResult(PushFailureKind.HttpError, acknowledgmentResult: false, oicpCode: OicpStatusCode.UnauthorizedAccess, httpStatusCode: HttpStatusCode.Unauthorized);
}
