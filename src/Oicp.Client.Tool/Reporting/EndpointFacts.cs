namespace Oicp.Client.Tool;

/// <summary>The heading facts every command that talks to Hubject shows: who pushes, and where to.</summary>
internal static class EndpointFacts
{
    public static void Add(ToolReport report, OicpClientOptions options)
    {
        report.AddFact("operatorId", "OperatorID", string.IsNullOrWhiteSpace(options.OperatorId) ? "(not set)" : options.OperatorId);
        report.AddFact("endpoint", "Endpoint", Describe(options));
    }

    public static string Describe(OicpClientOptions options)
    {
        var address = options.GetEffectiveBaseAddress();
        if (IsProduction(options))
        {
            return $"{address} (Hubject production)";
        }

        return Uri.Compare(address, OicpClientOptions.QaBaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? $"{address} (Hubject QA)"
            : $"{address} (base address, not Hubject)";
    }

    /// <summary>Tells whether pushes go to Hubject's production system, by environment or by an explicit base address.</summary>
    public static bool IsProduction(OicpClientOptions options) =>
        Uri.Compare(options.GetEffectiveBaseAddress(), OicpClientOptions.ProductionBaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
