namespace Oicp.Client.Testing.Tests.TestSupport;

/// <summary>Counts the HTTP requests in progress between the SDK and the emulator, and pulses the clock on every change.</summary>
internal sealed class InFlightCounter(TimerTrackingClock clock)
{
    private readonly TimerTrackingClock _clock = clock;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Creates a handler for the SDK's HTTP client pipeline (the factory asks for a new one per handler chain).</summary>
    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(InFlightCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._inFlight);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

                // The emulator answers with the body in memory: buffering it here keeps reading it inside the count.
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref counter._inFlight);
                counter._clock.Pulse();
            }
        }
    }
}
