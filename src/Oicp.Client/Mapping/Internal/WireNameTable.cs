using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Oicp.Client.Mapping.Internal;

/// <summary>
/// The canonical wire spellings of one source enum, indexed by the enum's value, with a parser that
/// tolerates the spellings seen in the wild: any case, and spaces, '_' or '-' anywhere.
/// </summary>
/// <remarks>Every source enum is int-based and numbered from 0, so a value is its index (no boxing, no reflection).</remarks>
internal sealed class WireNameTable<TEnum>(string typeDescription, params string[] names)
    where TEnum : struct, Enum
{
    public string TypeDescription { get; } = typeDescription;

    public string AcceptedValues { get; } = string.Join(", ", names);

    public static int IndexOf(TEnum value) => Unsafe.As<TEnum, int>(ref value);

    public int CheckDefined(TEnum value, string paramName) => (uint)IndexOf(value) < (uint)names.Length
        ? IndexOf(value)
        : throw new ArgumentOutOfRangeException(paramName, value, $"{TypeDescription} must be one of {AcceptedValues}.");

    public string NameOf(TEnum value, string paramName) => names[CheckDefined(value, paramName)];

    public TEnum Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var parsed)
            ? parsed
            : throw new FormatException(
                $"'{value}' is not a valid {TypeDescription}; accepted values are {AcceptedValues} (case, spaces, '_' and '-' are ignored).");
    }

    /// <summary>Finds the value <paramref name="value"/> names; on failure <paramref name="parsed"/> is the enum's default.</summary>
    public bool TryParse([NotNullWhen(true)] string? value, out TEnum parsed)
    {
        for (var index = 0; value is not null && index < names.Length; index++)
        {
            if (MatchesIgnoringSeparators(value, names[index]))
            {
                parsed = Unsafe.As<int, TEnum>(ref index);
                return true;
            }
        }

        parsed = default;
        return false;
    }

    // Real chargers and backends write "Suspended EV", "suspended_ev" or "OUT_OF_ORDER"; none of the
    // canonical names contains a separator, so skipping them on the input side is enough.
    private static bool MatchesIgnoringSeparators(ReadOnlySpan<char> value, string canonical)
    {
        var j = 0;
        foreach (var c in value)
        {
            if (IsSeparator(c))
            {
                continue;
            }

            if (j == canonical.Length || ToUpperAscii(c) != ToUpperAscii(canonical[j]))
            {
                return false;
            }

            j++;
        }

        return j == canonical.Length;
    }

    private static bool IsSeparator(char c) => c is '_' or '-' || char.IsWhiteSpace(c);

    private static char ToUpperAscii(char c) => c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;
}
