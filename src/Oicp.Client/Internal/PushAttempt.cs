namespace Oicp.Client.Internal;

/// <summary>
/// What a <see cref="PushResult"/> records about the attempt it comes from, handed to
/// <see cref="PushResultFactory"/> so that each result is built once, complete, instead of being
/// copied to add the attempt count and the elapsed time.
/// </summary>
/// <param name="ActionType">The action of the push.</param>
/// <param name="RecordCount">The number of records sent.</param>
/// <param name="Number">The attempt, from 1.</param>
/// <param name="Elapsed">The time since the first attempt started, up to the end of this one.</param>
internal readonly record struct PushAttempt(ActionType ActionType, int RecordCount, int Number, TimeSpan Elapsed);
