namespace Oicp.Client.Internal.Generated;

// The generated client's response and exception types, written by hand so that they stay
// internal (NSwag's own templates make them public). Their shape is what the generated code expects.

/// <summary>A response of the generated client: HTTP status and headers.</summary>
internal class OicpGeneratedResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;
}

/// <summary>A response of the generated client with its body.</summary>
internal sealed class OicpGeneratedResponse<TResult>(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result)
    : OicpGeneratedResponse(statusCode, headers)
{
    public TResult Result { get; } = result;
}

/// <summary>Thrown by the generated client for any answer other than a readable 200.</summary>
internal class OicpGeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
    : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;

    public string? Response { get; } = response;

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; } = headers;
}

/// <summary>Thrown by the generated client for a documented error answer with a readable body.</summary>
internal sealed class OicpGeneratedApiException<TResult>(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
    : OicpGeneratedApiException(message, statusCode, response, headers, innerException)
{
    public TResult Result { get; } = result;
}
