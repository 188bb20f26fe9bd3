using System.Buffers;
using System.Globalization;
using System.Text;

namespace Oicp.Client.Diagnostics;

/// <summary>
/// Makes text from outside (Hubject's answers, exception messages, configuration values) safe to write into a log
/// line or an error message: control characters (line breaks, ANSI escapes, NUL...) and the Unicode line and
/// paragraph separators are written as escapes (<c>\n</c>, <c>\u001B</c>), so they cannot forge log lines or
/// drive a terminal.
/// </summary>
internal static class ControlCharacters
{
    // The C0 and C1 controls (everything char.IsControl says, all below U+00A0) and the line and paragraph separators.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl), '\u2028', '\u2029']);

    /// <summary>Returns <paramref name="text"/> itself when it holds nothing to escape, so the common case costs no allocation.</summary>
    public static string? Escape(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when Unsafe.Contains(c) => escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
