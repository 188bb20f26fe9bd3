namespace Oicp.Client.Ids.Internal;

/// <summary>
/// The one identity of <see cref="EvseId"/> and <see cref="OperatorId"/>: their upper-case text without the optional
/// <c>*</c> separators and the DIN <c>+</c> (<c>DE*ABC*E1</c> and <c>DEABCE1</c> name one EVSE, as for Hubject's
/// duplicate check). Equality, hashing and ordering all use it, without allocating.
/// </summary>
internal static class IdIdentity
{
    public static bool AreSame(ReadOnlySpan<char> x, ReadOnlySpan<char> y) => Compare(x, y) == 0;

    /// <summary>Orders ordinally on the characters that are not separators.</summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
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
                return (x.Length - i == 0 ? 0 : 1) - (y.Length - j == 0 ? 0 : 1);
            }

            var difference = x[i++] - y[j++];
            if (difference != 0)
            {
                return difference;
            }
        }
    }

    public static int GetHashCode(ReadOnlySpan<char> id)
    {
        // Hash the id without its separators in one pass of the (vectorized) ordinal string hash, rather than
        // feeding HashCode one char at a time. Ids are validated first, so at most 41 characters.
        Span<char> buffer = stackalloc char[id.Length];
        var length = 0;
        foreach (var c in id)
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
