namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// FIFO of EVSEs waiting to be sent, linked through <see cref="EvseSlot.Next"/> so that enqueueing
/// allocates nothing. The lock is held for a few instructions only.
/// </summary>
internal sealed class DirtyQueue
{
    private readonly object _lock = new();
    private EvseSlot? _head;
    private EvseSlot? _tail;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Appends a slot; returns <see langword="true"/> when the queue was empty, the only time the loop may need waking.</summary>
    public bool Enqueue(EvseSlot slot)
    {
        lock (_lock)
        {
            slot.Next = null;
            var wasEmpty = _tail is null;
            if (wasEmpty)
            {
                _head = slot;
            }
            else
            {
                _tail!.Next = slot;
            }

            _tail = slot;
            _count++;
            return wasEmpty;
        }
    }

    /// <summary>Puts a slot first, so that a change that failed to go out is the first to go again.</summary>
    public void EnqueueFirst(EvseSlot slot)
    {
        lock (_lock)
        {
            slot.Next = _head;
            _head = slot;
            _tail ??= slot;
            _count++;
        }
    }

    /// <summary>Returns the first slot without taking it, or <see langword="null"/> when the queue is empty.</summary>
    public EvseSlot? Peek()
    {
        lock (_lock)
        {
            return _head;
        }
    }

    /// <summary>Takes the first slot, if any.</summary>
    public bool TryDequeue(out EvseSlot slot)
    {
        lock (_lock)
        {
            if (_head is not { } head)
            {
                slot = null!;
                return false;
            }

            _head = head.Next;
            if (_head is null)
            {
                _tail = null;
            }

            head.Next = null;
            _count--;
            slot = head;
            return true;
        }
    }
}
