using System.Diagnostics;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// Waits for a condition that real time and real processes bring about (Redis expiry, another instance's loop): it is
/// checked every millisecond until it holds, and the test fails with <c>what</c> when the deadline passes first.
/// </summary>
internal static class Eventually
{
    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        TrueAsync(() => Task.FromResult(condition()), deadline, what);

    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"Not within {deadline}: {what}.");
            }

            await Task.Delay(1);
        }

        return waited.Elapsed;
    }
}
