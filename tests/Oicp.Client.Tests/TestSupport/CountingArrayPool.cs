using System.Buffers;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>Counts what is rented and returned, renting from the shared pool, so a test can see every buffer come back.</summary>
internal class CountingArrayPool<T> : ArrayPool<T>
{
    public int Rented { get; private set; }

    public int Returned { get; private set; }

    public override T[] Rent(int minimumLength)
    {
        Rented++;
        return Shared.Rent(minimumLength);
    }

    public override void Return(T[] array, bool clearArray = false)
    {
        Returned++;
        Shared.Return(array, clearArray);
    }
}

/// <summary>A <see cref="CountingArrayPool{T}"/> of bytes.</summary>
internal sealed class CountingArrayPool : CountingArrayPool<byte>;
