namespace Oicp.Client.Redis;

/// <summary>The last successful fullLoad of an operator, by the Redis clock.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="Age">How long ago, by the Redis clock (never negative).</param>
internal readonly record struct LastFullLoad(DateTimeOffset At, TimeSpan Age);
