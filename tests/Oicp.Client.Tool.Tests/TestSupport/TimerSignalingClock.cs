using Microsoft.Extensions.Time.Testing;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>A fake clock that tells when the code under test starts waiting on a timer of a given length, so the test advances it only then.</summary>
internal sealed class TimerSignalingClock(TimeSpan watched) : FakeTimeProvider
{
    private readonly SemaphoreSlim _created = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watched)
        {
            _created.Release();
        }

        return timer;
    }

    /// <summary>Waits until the next watched timer has been created (the code is waiting on it).</summary>
    public Task WaitForTimerAsync() => _created.WaitAsync(ObservedWriter.SafetyTimeout);
}
