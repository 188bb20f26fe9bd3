namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// The operator's turn: one push at a time, callers served strictly in call order. <see cref="SemaphoreSlim"/>
/// promises no order; <see cref="System.Threading.RateLimiting.ConcurrencyLimiter"/> does, but allocates a lease and
/// reads the clock on every turn, about 0.07 us of CPU per push (docs/performance.md).
/// </summary>
internal sealed class OperatorTurn
{
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _taken;

    /// <summary>Takes the turn, at once when nobody has it, else after every earlier caller; hand it back with <see cref="Release"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the turn came; the caller leaves the queue.</exception>
    public ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_waiting)
        {
            if (!_taken)
            {
                _taken = true;
                return default;
            }

            // Continuations run asynchronously: Release hands the turn over under the lock.
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }

        return new ValueTask(WaitAsync(waiter, cancellationToken));
    }

    /// <summary>Hands the turn to the longest-waiting caller that is still waiting, or frees it.</summary>
    public void Release()
    {
        lock (_waiting)
        {
            while (_waiting.TryDequeue(out var next))
            {
                // A caller cancelled while waiting has completed its own task: it is skipped, never handed the turn.
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _taken = false;
        }
    }

    private static async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        // Cancelling completes the waiter itself, so Release cannot hand the turn to a caller that has left.
        using (cancellationToken.UnsafeRegister(static (waiter, token) => ((TaskCompletionSource)waiter!).TrySetCanceled(token), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }
}
