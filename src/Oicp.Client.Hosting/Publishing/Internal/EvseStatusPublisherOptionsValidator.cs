using Microsoft.Extensions.Options;

namespace Oicp.Client.Publishing.Internal;

/// <summary>Checks <see cref="EvseStatusPublisherOptions"/> at start-up (and in the publisher's constructor).</summary>
internal sealed class EvseStatusPublisherOptionsValidator : IValidateOptions<EvseStatusPublisherOptions>
{
    public ValidateOptionsResult Validate(string? name, EvseStatusPublisherOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Errors(EvseStatusPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.BundleAfter < TimeSpan.Zero || options.BundleAfter > TimeSpan.FromHours(1))
        {
            errors.Add($"BundleAfter must be between zero and one hour (was {options.BundleAfter}).");
        }

        if (options.MaxRecordsPerBundle < 1)
        {
            errors.Add("MaxRecordsPerBundle must be at least 1 (set BundlingEnabled to false to send every change alone).");
        }

        if (options.DailyFullLoadTime is { } time && (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1)))
        {
            errors.Add("DailyFullLoadTime must be a time of day between 00:00 and 23:59:59.");
        }

        if (options.FullLoadJitter < TimeSpan.Zero || options.FullLoadJitter >= TimeSpan.FromDays(1))
        {
            errors.Add("FullLoadJitter must be between zero and one day.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.FullLoadTimeZoneId ?? string.Empty, out _))
        {
            errors.Add($"FullLoadTimeZoneId '{options.FullLoadTimeZoneId}' is not a known time zone id.");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromDays(1))
        {
            errors.Add("ShutdownTimeout must be between zero and one day.");
        }

        return errors;
    }
}
