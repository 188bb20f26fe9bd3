using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Oicp.Client.Transport;

/// <summary>
/// The headers of an answer and of its content as the generated client hands them on, read where they are instead
/// of copied into a new dictionary for every push (NSwag's <c>headers_</c>; openapi/templates/Client.Class.liquid).
/// Names compare without regard to case, as in HTTP.
/// </summary>
internal sealed class ResponseHeaderView(HttpResponseMessage response) : IReadOnlyDictionary<string, IEnumerable<string>>
{
    public IEnumerable<string> this[string key] =>
        TryGetValue(key, out var values) ? values : throw new KeyNotFoundException($"The answer has no {key} header.");

    public IEnumerable<string> Keys => this.Select(header => header.Key);

    public IEnumerable<IEnumerable<string>> Values => this.Select(header => header.Value);

    public int Count
    {
        get
        {
            var count = 0;
            using var headers = GetEnumerator();
            while (headers.MoveNext())
            {
                count++;
            }

            return count;
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IEnumerable<string> value)
    {
        if (response.Headers.TryGetValues(key, out value))
        {
            return true;
        }

        value = null;
        return response.Content is { } content && content.Headers.TryGetValues(key, out value);
    }

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() =>
        (response.Content is { } content ? response.Headers.Concat(content.Headers) : response.Headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
