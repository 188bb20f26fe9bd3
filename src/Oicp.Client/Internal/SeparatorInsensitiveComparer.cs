namespace Oicp.Client.Internal;

/// <summary>Compares ids ordinally while ignoring the optional '*' separators and the DIN '+', without allocating.</summary>
internal sealed class SeparatorInsensitiveComparer : IEqualityComparer<string>
{
    public static readonly SeparatorInsensitiveComparer Instance = new();

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null && SpanEquals(x.AsSpan(), y.AsSpan());
    }

    public static bool SpanEquals(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < x.Length && IsSeparator(x[i]))
            {
                i++;
            }

            while (j < y.Length && IsSeparator(y[j]))
            {
                j++;
            }

            if (i == x.Length || j == y.Length)
            {
                return i == x.Length && j == y.Length;
            }

            if (x[i++] != y[j++])
            {
                return false;
            }
        }
    }

    public int GetHashCode(string obj)
    {
        // Hash the id without its separators in one pass of the (vectorized) ordinal string hash,
        // rather than feeding HashCode one char at a time: a fullLoad hashes every EvseID.
        const int StackLimit = 128;
        var buffer = obj.Length <= StackLimit ? stackalloc char[StackLimit] : new char[obj.Length];
        var length = 0;
        foreach (var c in obj)
        {
            if (!IsSeparator(c))
            {
                buffer[length++] = c;
            }
        }

        return string.GetHashCode(buffer[..length]);
    }

    private static bool IsSeparator(char c) => c is '*' or '+';
}
