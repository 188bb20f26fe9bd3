using System.Net.Http.Headers;

namespace Oicp.Client.Internal.Generated;

// The generated client's response and exception types, written by hand so that they stay
// internal (NSwag's own templates make them public). Their shape is what the generated code expects;
// they keep the response's own headers rather than a copy (the SDK reads only Process-ID and Retry-After).

/// <summary>A response of the generated client: HTTP status and headers.</summary>
internal class OicpGeneratedResponse(int statusCode, HttpResponseHeaders headers)
{
    public int StatusCode { get; } = statusCode;

    public HttpResponseHeaders Headers { get; } = headers;
}

/// <summary>A response of the generated client with its body.</summary>
internal sealed class OicpGeneratedResponse<TResult>(int statusCode, HttpResponseHeaders headers, TResult result)
    : OicpGeneratedResponse(statusCode, headers)
{
    public TResult Result { get; } = result;
}

/// <summary>Thrown by the generated client for any answer other than a readable 200.</summary>
internal class OicpGeneratedApiException(string message, int statusCode, string? response, HttpResponseHeaders headers, Exception? innerException)
    : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;

    public string? Response { get; } = response;

    public HttpResponseHeaders Headers { get; } = headers;
}

/// <summary>Thrown by the generated client for a documented error answer with a readable body.</summary>
internal sealed class OicpGeneratedApiException<TResult>(string message, int statusCode, string? response, HttpResponseHeaders headers, TResult result, Exception? innerException)
    : OicpGeneratedApiException(message, statusCode, response, headers, innerException)
{
    public TResult Result { get; } = result;
}
