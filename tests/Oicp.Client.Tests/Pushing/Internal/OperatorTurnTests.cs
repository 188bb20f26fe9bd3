using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Pushing.Internal;

/// <summary>The operator's turn: one holder, the others served in call order, a cancelled waiter never served.</summary>
public sealed class OperatorTurnTests
{
    [Fact]
    public async Task Waiters_get_the_turn_one_at_a_time_in_the_order_they_asked()
    {
        var turn = new OperatorTurn();
        await turn.TakeAsync(CancellationToken.None);
        var waiters = Enumerable.Range(0, 5).Select(_ => turn.TakeAsync(CancellationToken.None).AsTask()).ToArray();

        for (var i = 0; i < waiters.Length; i++)
        {
            waiters.Skip(i).Should().OnlyContain(waiter => !waiter.IsCompleted, "the turn is held");
            turn.Release();
            await waiters[i];
        }

        waiters.Should().OnlyContain(waiter => waiter.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiter_cancelled_before_its_turn_throws_and_the_turn_passes_to_the_next()
    {
        var turn = new OperatorTurn();
        await turn.TakeAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var cancelled = turn.TakeAsync(cancellation.Token).AsTask();
        var next = turn.TakeAsync(CancellationToken.None).AsTask();

        await cancellation.CancelAsync();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        next.IsCompleted.Should().BeFalse();
        turn.Release();
        await next;

        // The cancelled waiter was skipped, not handed a turn it would never give back: the turn is free after one release.
        turn.Release();
        turn.TakeAsync(CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task An_already_cancelled_caller_waiting_for_a_held_turn_throws_at_once()
    {
        var turn = new OperatorTurn();
        await turn.TakeAsync(CancellationToken.None);

        var waiting = turn.TakeAsync(new CancellationToken(canceled: true)).AsTask();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        turn.Release();
        turn.TakeAsync(CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue();
    }
}
