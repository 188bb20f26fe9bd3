using System.Buffers;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>Counts what is rented and returned, renting from the shared pool, so a test can see every buffer come back.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    public int Rented { get; private set; }

    public int Returned { get; private set; }

    public override byte[] Rent(int minimumLength)
    {
        Rented++;
        return Shared.Rent(minimumLength);
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Returned++;
        Shared.Return(array, clearArray);
    }
}
