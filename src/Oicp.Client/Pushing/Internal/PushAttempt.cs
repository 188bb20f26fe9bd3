namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// What a <see cref="PushResult"/> records about the attempt it comes from, handed to
/// <see cref="PushResultFactory"/> so that each result is built once, complete.
/// </summary>
/// <param name="ActionType">The action of the push.</param>
/// <param name="RecordCount">The number of records sent.</param>
/// <param name="Number">The attempt, from 1.</param>
/// <param name="Started">When the push started (its first attempt), as a timestamp of <paramref name="Clock"/>.</param>
/// <param name="Clock">The clock of the push.</param>
internal readonly record struct PushAttempt(ActionType ActionType, int RecordCount, int Number, long Started, TimeProvider Clock)
{
    /// <summary>Gets the time since the push started, read when the result is built: its answer's time.</summary>
    public TimeSpan Elapsed => Clock.GetElapsedTime(Started);
}
