using System.Diagnostics.CodeAnalysis;

namespace Oicp.Client.Mapping.Internal;

/// <summary>
/// The canonical wire spellings of one source enum, indexed by the enum's value, with a parser that
/// tolerates the spellings seen in the wild: any case, and spaces, '_' or '-' anywhere.
/// </summary>
internal sealed class WireNameTable
{
    private readonly string[] _names;

    public WireNameTable(string typeDescription, params string[] names)
    {
        TypeDescription = typeDescription;
        _names = names;
        AcceptedValues = string.Join(", ", names);
    }

    public string TypeDescription { get; }

    public string AcceptedValues { get; }

    public int Count => _names.Length;

    public bool IsDefined(int index) => (uint)index < (uint)_names.Length;

    // Generic so the hot path (a defined value) never boxes the enum.
    public int CheckDefined<TEnum>(int index, TEnum value, string paramName) => IsDefined(index)
        ? index
        : throw new ArgumentOutOfRangeException(paramName, value, $"{TypeDescription} must be one of {AcceptedValues}.");

    public string NameOf<TEnum>(int index, TEnum value, string paramName) => _names[CheckDefined(index, value, paramName)];

    public int Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value.AsSpan(), out var index)
            ? index
            : throw new FormatException(
                $"'{value}' is not a valid {TypeDescription}; accepted values are {AcceptedValues} (case, spaces, '_' and '-' are ignored).");
    }

    /// <summary>Finds the value <paramref name="value"/> names; on failure <paramref name="index"/> is 0, the enum's default.</summary>
    public bool TryParse([NotNullWhen(true)] string? value, out int index)
    {
        index = 0;
        return value is not null && TryParse(value.AsSpan(), out index);
    }

    public bool TryParse(ReadOnlySpan<char> value, out int index)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (MatchesIgnoringSeparators(value, _names[i]))
            {
                index = i;
                return true;
            }
        }

        index = 0;
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
