namespace Oicp.Client.Testing.Internal;

/// <summary>The answer of the shared processor, turned into an HTTP response by each front end.</summary>
internal sealed class EmulatorReply
{
    public int Status { get; init; }

    public string? ContentType { get; init; }

    public byte[] Body { get; init; } = [];

    public string ProcessId { get; init; } = string.Empty;

    /// <summary>Gets the Retry-After header in whole seconds, if any.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Gets a value indicating whether the connection is to be dropped instead of answered.</summary>
    public bool DropConnection { get; init; }
}
