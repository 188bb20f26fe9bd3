namespace Oicp.Client.Testing.Internal;

/// <summary>A request as both front ends (in-process handler and Kestrel server) hand it to the shared processor.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawPath">The path as sent, percent-encoding kept, without the query.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="ContentLength">The Content-Length header, if any.</param>
/// <param name="CopyBodyAsync">Copies the request body into a stream, as it arrives, so that the processor reads no more of it than it accepts.</param>
/// <param name="Certificate">The caller's identity from its client certificate, when the server established one.</param>
internal sealed record EmulatorExchange(
    string Method,
    string RawPath,
    string? ContentType,
    long? ContentLength,
    Func<Stream, CancellationToken, Task> CopyBodyAsync,
    CertificateIdentity? Certificate);

/// <summary>What the server learned from the client certificate: the operator it is linked to, or none (an unknown certificate).</summary>
/// <param name="OperatorId">The linked operator, or <see langword="null"/> for a certificate linked to no operator.</param>
internal sealed record CertificateIdentity(OperatorId? OperatorId);
