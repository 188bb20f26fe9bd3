namespace Oicp.Client;

/// <summary>The Hubject environment to talk to, unless <see cref="OicpClientOptions.BaseAddress"/> overrides it.</summary>
public enum OicpEnvironment
{
    /// <summary>Hubject's QA (test) environment, <c>https://service-qa.hubject.com/api/oicp</c>.</summary>
    Qa = 0,

    /// <summary>Hubject's production environment, <c>https://service.hubject.com/api/oicp</c>. Requires a client certificate.</summary>
    Production = 1,
}
