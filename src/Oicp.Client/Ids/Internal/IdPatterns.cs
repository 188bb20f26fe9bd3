using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Oicp.Client.Ids.Internal;

/// <summary>
/// The OICP 2.3 identifier patterns, applied to upper-cased ASCII input. They end with <c>\z</c>, the true end of the
/// text: <c>$</c> would also match before a final line feed, and let <c>"DE*ABC\n"</c> through to the wire.
/// </summary>
internal static partial class IdPatterns
{
    public const string OperatorIdRule =
        "an OperatorID must match ^(([A-Za-z]{2}\\*?[A-Za-z0-9]{3})|(\\+?[0-9]{1,3}\\*[0-9]{3}))$ " +
        "(ISO form such as DE*A36 or DEA36, DIN form such as +49*536 with the '*' mandatory)";

    public const string EvseIdRule =
        "an EvseID must match ^(([A-Za-z]{2}\\*?[A-Za-z0-9]{3}\\*?E[A-Za-z0-9\\*]{1,30})|(\\+?[0-9]{1,3}\\*[0-9]{3}\\*[0-9\\*]{1,32}))$ " +
        "(ISO form such as DE*AB7*E840*6487 or DEAB7E8406487, DIN form such as +49*810*000*438)";

    // Longest legal values: ISO EvseID 2+1+3+1+1+30 = 38, DIN EvseID 1+3+1+3+1+32 = 41.
    public const int MaxEvseIdLength = 41;
    public const int MaxOperatorIdLength = 8;

    [GeneratedRegex(@"^(?:[A-Z]{2}\*?[A-Z0-9]{3}|\+?[0-9]{1,3}\*[0-9]{3})\z", RegexOptions.CultureInvariant)]
    public static partial Regex OperatorId();

    // The operator part is captured so an EvseID can tell which operator it belongs to.
    [GeneratedRegex(@"^(?:(?<op>[A-Z]{2}\*?[A-Z0-9]{3})\*?E[A-Z0-9*]{1,30}|(?<op>\+?[0-9]{1,3}\*[0-9]{3})\*[0-9*]{1,32})\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex EvseId();

    /// <summary>
    /// Upper-cases the id, returning the same instance when nothing changes; refuses any non-ASCII character first,
    /// since case folding would turn some of them into ASCII letters (<c>ſ</c>, U+017F, into <c>S</c>).
    /// </summary>
    public static bool TryNormalize(string value, [NotNullWhen(true)] out string? upper)
    {
        upper = !Ascii.IsValid(value) ? null : value.AsSpan().ContainsAnyInRange('a', 'z') ? value.ToUpperInvariant() : value;
        return upper is not null;
    }
}
