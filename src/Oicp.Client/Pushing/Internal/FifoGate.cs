namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// An async mutual-exclusion gate that admits waiters strictly in arrival order
/// (<see cref="SemaphoreSlim"/> does not promise FIFO). OICP requires pushes of one operator to be
/// sequential, and callers expect their changes to reach Hubject in the order they made them.
/// </summary>
internal sealed class FifoGate
{
    private readonly object _sync = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private bool _held;

    public Task EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource> node;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        if (cancellationToken.CanBeCanceled)
        {
            AbandonOnCancel(node, cancellationToken);
        }

        return node.Value.Task;
    }

    public void Exit()
    {
        lock (_sync)
        {
            // Hand the gate straight to the next waiter, so no late arrival can overtake it.
            var next = _waiters.First;
            if (next is null)
            {
                _held = false;
                return;
            }

            _waiters.RemoveFirst();
            next.Value.TrySetResult();
        }
    }

    // Its own method: a lambda in EnterAsync that captures the token would make the compiler allocate
    // the closure on every call, also when the gate is free and nobody waits.
    private void AbandonOnCancel(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
        _ = node.Value.Task.ContinueWith(
            static (_, state) => ((CancellationTokenRegistration)state!).Dispose(),
            registration,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            // Already handed the gate: the waiter owns it and must exit as usual.
            if (node.List is null)
            {
                return;
            }

            _waiters.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }
}
