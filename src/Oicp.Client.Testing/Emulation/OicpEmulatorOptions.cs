namespace Oicp.Client.Testing;

/// <summary>Settings of an <see cref="OicpEmulator"/>.</summary>
public sealed class OicpEmulatorOptions
{
    /// <summary>Hubject's Acceptable Use Policy limit for eRoamingPushEvseStatus: 2000 calls per minute.</summary>
    public const int HubjectRateLimitPerMinute = 2000;

    /// <summary>The default of <see cref="MaxRequestBodyBytes"/>: 30,000,000 bytes.</summary>
    public const long DefaultMaxRequestBodyBytes = 30_000_000;

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

    /// <summary>
    /// Gets or sets how many requests <see cref="OicpEmulator.Requests"/> keeps; older ones are dropped, request numbers
    /// keep counting. Defaults to 10,000; <see langword="null"/> keeps every request.
    /// </summary>
    public int? RequestLogLimit { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how many bytes of request bodies (as received) <see cref="OicpEmulator.Requests"/> keeps in all: the
    /// oldest requests are dropped until the bodies fit, the newest request always stays. Defaults to 64 MiB, so a
    /// long run of large fullLoads does not fill memory; <see langword="null"/> sets no such bound.
    /// </summary>
    public long? MaxRequestLogBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest request body the emulator accepts, in bytes; a larger one is answered HTTP 413 with a
    /// fault body, and no more of it is read than the limit (over Kestrel and in process alike). Hubject documents no
    /// limit; the default, 30,000,000 bytes (about 500,000 status records), is the common web server default (Kestrel's).
    /// <see langword="null"/> accepts any size.
    /// </summary>
    public long? MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Gets or sets the network round-trip time the emulator plays for every request, on <see cref="TimeProvider"/>:
    /// half of it waited before the emulator handles a request, half after it answers. Defaults to
    /// <see cref="TimeSpan.Zero"/> (answers at once). Both halves honour the request's cancellation, and a
    /// request counts as in flight (<see cref="EmulatorStatistics"/>) during both; it is received
    /// (<see cref="EmulatorRequest.ReceivedAt"/>) after the first half. Applies to <see cref="OicpEmulator.CreateHandler"/>
    /// and <see cref="OicpEmulatorServer"/> alike.
    /// </summary>
    public TimeSpan RoundTripTime { get; set; }

    /// <summary>
    /// Gets or sets a function that chooses the round-trip time of each request from its number (1 for the
    /// first request the emulator gets, as in <see cref="EmulatorRequest.Sequence"/>), to model a network whose
    /// latency varies; when set it overrides <see cref="RoundTripTime"/>. It must not return a negative time.
    /// </summary>
    public Func<long, TimeSpan>? RoundTripTimeSelector { get; set; }
}
