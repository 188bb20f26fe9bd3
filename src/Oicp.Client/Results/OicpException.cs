namespace Oicp.Client;

/// <summary>Thrown by <see cref="PushResult.EnsureSuccess"/> when a push did not succeed; carries the whole result.</summary>
public sealed class OicpException : Exception
{
    /// <summary>Creates the exception for a failed push.</summary>
    /// <param name="result">The failed result.</param>
    public OicpException(PushResult result)
        : base("OICP push failed: " + result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
    }

    /// <summary>Gets the result of the failed push.</summary>
    public PushResult Result { get; }
}
