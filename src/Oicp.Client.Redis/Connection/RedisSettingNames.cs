namespace Oicp.Client.Redis;

/// <summary>The configuration keys of the Redis coordination, as error messages name them.</summary>
internal static class RedisSettingNames
{
    /// <summary>The StackExchange.Redis configuration string, for example <c>redis1:6379,redis2:6379,ssl=true</c>.</summary>
    public const string Configuration = "Oicp:Redis:Configuration";

    /// <summary>The prefix of every key, before the <c>{OperatorID}</c> hash tag (default <c>oicp:</c>).</summary>
    public const string KeyPrefix = "Oicp:Redis:KeyPrefix";

    /// <summary>How long the lease lasts without renewal.</summary>
    public const string LeaseTime = "Oicp:Redis:LeaseTime";

    /// <summary>The lease time a holder keeps beyond the request timeout before it starts a request.</summary>
    public const string LeaseMargin = "Oicp:Redis:LeaseMargin";
}
