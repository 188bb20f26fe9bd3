namespace Oicp.Client;

/// <summary>
/// How the SDK retries a push that failed for a reason that may pass (transport failures, HTTP 408, 429 and 5xx, and the
/// transient OICP codes 001, 002, 009, 021, 310 and 320), and how the publisher waits between tries of its own traffic.
/// Validation and permanent answers (400, 401/017, 403, 404/300, 018, 022, 210, 603...) are never retried. Retries stay
/// inside the operator's sequential turn: no other push of the operator overlaps them. Delays are exponential from
/// <see cref="BaseDelay"/>, capped at <see cref="MaxDelay"/>, drawn between half and all of that when
/// <see cref="UseJitter"/> is set; a <c>Retry-After</c> header wins (capped too).
/// </summary>
public sealed class OicpRetryOptions
{
    /// <summary>Gets or sets the most attempts (HTTP requests the SDK sends) for one push, the first included. 1 turns retries off. Defaults to 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Gets or sets the delay after the first failure; each further one doubles it. Defaults to 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between two attempts, also for a Retry-After header. Defaults to 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the most time one push may take, from the moment it has the operator's turn to its result: attempts,
    /// waits for the rate limit and delays between attempts included. When it runs out the push ends with the last answer
    /// (or a timeout result when none came), and no retry starts whose delay would end after it. Defaults to 2 minutes.
    /// </summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets a value indicating whether delays are randomised (between half and all of the exponential delay), so
    /// that many clients do not retry in step. Defaults to <see langword="true"/>.
    /// </summary>
    public bool UseJitter { get; set; } = true;
}
