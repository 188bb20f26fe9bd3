namespace Oicp.Client.Testing;

/// <summary>Settings of an <see cref="OicpEmulator"/>.</summary>
public sealed class OicpEmulatorOptions
{
    /// <summary>Hubject's Acceptable Use Policy limit for eRoamingPushEvseStatus: 2000 calls per minute.</summary>
    public const int HubjectRateLimitPerMinute = 2000;

    /// <summary>Gets or sets the clock of versions, the request log, the rate limit and <see cref="EmulatorFault.Delay"/>. Defaults to <see cref="TimeProvider.System"/>; give a <c>FakeTimeProvider</c> to control time in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets how many requests one operator may make in any 60 seconds before the emulator answers
    /// HTTP 429 (requests answered 429 or by a fault do not count). Defaults to
    /// <see cref="HubjectRateLimitPerMinute"/>; <see langword="null"/> disables the limit.
    /// </summary>
    public int? RateLimitPerMinute { get; set; } = HubjectRateLimitPerMinute;

    /// <summary>
    /// Gets or sets the OperatorID the caller's client certificate is linked to. A request whose OperatorID
    /// (in the path or the body) names another operator is answered HTTP 401 with code 017.
    /// <see langword="null"/> (the default) trusts the caller to be whoever it says it is.
    /// Over HTTPS, <see cref="OicpEmulatorServerOptions.ClientCertificateOperators"/> takes precedence.
    /// </summary>
    public OperatorId? CallerOperatorId { get; set; }

    /// <summary>
    /// Gets or sets how many versions (each a full copy of the operator's status set) the emulator keeps per
    /// operator for <see cref="OicpEmulator.GetHistory"/>; older ones are dropped, version numbers keep
    /// counting. Defaults to 1000, so a long simulation with a large network does not fill memory;
    /// <see langword="null"/> keeps every version.
    /// </summary>
    public int? HistoryLimit { get; set; } = 1000;
}
