namespace Oicp.Client.Tool;

/// <summary>The exit codes of every <c>oicp</c> command (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked passed, or the push succeeded.</summary>
    public const int Success = 0;

    /// <summary>A check failed, or Hubject (or the endpoint) did not accept the push.</summary>
    public const int CheckFailed = 1;

    /// <summary>Invalid arguments, settings or input: nothing was sent.</summary>
    public const int UsageError = 2;

    /// <summary>A production fullLoad was not confirmed: nothing was sent.</summary>
    public const int NotConfirmed = 3;
}
