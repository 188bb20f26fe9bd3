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
        var hash = new HashCode();
        foreach (var c in obj)
        {
            if (!IsSeparator(c))
            {
                hash.Add(c);
            }
        }

        return hash.ToHashCode();
    }

    private static bool IsSeparator(char c) => c is '*' or '+';
}
