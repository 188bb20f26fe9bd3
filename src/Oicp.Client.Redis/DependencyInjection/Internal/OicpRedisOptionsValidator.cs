using Microsoft.Extensions.Options;

namespace Oicp.Client.Redis;

/// <summary>Checks <see cref="OicpRedisOptions"/> at start-up, against the request timeout of the same registration; messages name the setting.</summary>
internal sealed class OicpRedisOptionsValidator(IOptionsMonitor<OicpClientOptions> clientOptions, bool connectionGiven) : IValidateOptions<OicpRedisOptions>
{
    public ValidateOptionsResult Validate(string? name, OicpRedisOptions options)
    {
        var errors = Errors(options, clientOptions.Get(name ?? Options.DefaultName).RequestTimeout, connectionGiven);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Errors(OicpRedisOptions options, TimeSpan requestTimeout, bool connectionGiven)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!connectionGiven && RedisConnection.Validate(options.Configuration) is { } configuration)
        {
            errors.Add(configuration);
        }

        if (options.KeyPrefix is null || options.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            errors.Add($"{RedisSettingNames.KeyPrefix} '{options.KeyPrefix}' must be set and must not contain '{{' or '}}': the braces around the OperatorID are the Redis Cluster hash tag.");
        }

        if (options.LeaseMargin < TimeSpan.Zero)
        {
            errors.Add($"{RedisSettingNames.LeaseMargin} must not be negative (was {options.LeaseMargin}).");
        }

        var needed = (requestTimeout + options.LeaseMargin) * 1.5;
        if (options.LeaseTime < needed || options.LeaseTime > TimeSpan.FromDays(1))
        {
            errors.Add(
                $"{RedisSettingNames.LeaseTime} ({options.LeaseTime}) must be at least 1.5 x (RequestTimeout {requestTimeout} + {RedisSettingNames.LeaseMargin} {options.LeaseMargin}) = {needed} " +
                "and at most one day: a holder renews every third of it and starts a request only with RequestTimeout + LeaseMargin left.");
        }

        return errors;
    }
}
