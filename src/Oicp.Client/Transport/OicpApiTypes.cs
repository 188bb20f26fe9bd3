namespace Oicp.Client.Transport;

/// <summary>
/// A 200 answer as the generated client returns it: status, headers and the acknowledgement. Ours rather than
/// NSwag's, which generates these classes public; the generated code constructs them.
/// </summary>
internal sealed class OicpResponse<TResult>(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;

    public TResult Result { get; } = result;
}

/// <summary>An answer the operation does not describe as a success, as the generated client throws it.</summary>
internal class OicpApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
    : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Gets the body as text, when the generated client read it as text (answers our document does not model).</summary>
    public string? Response { get; } = response;

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;
}

/// <summary>An answer the operation describes as a failure (400 fault, 401 or 404 acknowledgement), with its typed body.</summary>
internal sealed class OicpApiException<TResult>(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
    : OicpApiException(message, statusCode, response, headers, innerException)
{
    public TResult Result { get; } = result;
}
