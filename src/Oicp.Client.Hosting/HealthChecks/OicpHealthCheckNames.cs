namespace Oicp.Client.HealthChecks;

/// <summary>
/// The names and the tag of the checks <c>AddOicpHealthChecks</c> registers, to filter them in a health endpoint. The
/// checks of an operator registered under a name carry it after a colon (<c>oicp-certificate:tenant-a</c>).
/// </summary>
public static class OicpHealthCheckNames
{
    /// <summary>The tag every OICP check carries: <c>oicp</c>.</summary>
    public const string Tag = "oicp";

    /// <summary>The check of the client certificate the SDK presents: <c>oicp-certificate</c>.</summary>
    public const string Certificate = "oicp-certificate";

    /// <summary>The check of the background publisher's freshness and of Hubject's answers: <c>oicp-publisher</c>.</summary>
    public const string Publisher = "oicp-publisher";

    /// <summary>The check of the age of the last acknowledged fullLoad: <c>oicp-fullload</c>.</summary>
    public const string FullLoad = "oicp-fullload";
}
