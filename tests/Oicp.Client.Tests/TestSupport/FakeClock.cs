using Microsoft.Extensions.Time.Testing;

namespace Oicp.Client.Tests.TestSupport;

internal static class FakeClock
{
    /// <summary>
    /// Moves the fake clock forward in small steps until <paramref name="task"/> completes, giving
    /// continuations a chance to run between steps. Returns how far the clock moved. No real waiting.
    /// </summary>
    public static async Task<TimeSpan> DriveAsync(this FakeTimeProvider time, Task task, TimeSpan limit, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(100);
        var moved = TimeSpan.Zero;
        while (!task.IsCompleted && moved < limit)
        {
            for (var i = 0; i < 50 && !task.IsCompleted; i++)
            {
                await Task.Yield();
            }

            if (!task.IsCompleted)
            {
                time.Advance(increment);
                moved += increment;
            }
        }

        task.IsCompleted.Should().BeTrue($"the operation should finish within {limit} of fake time");
        return moved;
    }
}
