using Microsoft.Extensions.Options;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>Checks <see cref="OicpHealthCheckOptions"/> at start-up; each message names the option.</summary>
internal sealed class OicpHealthCheckOptionsValidator : IValidateOptions<OicpHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, OicpHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        NotNegative(failures, nameof(OicpHealthCheckOptions.CertificateExpiryWarning), options.CertificateExpiryWarning);
        NotNegative(failures, nameof(OicpHealthCheckOptions.MaxOldestPendingAge), options.MaxOldestPendingAge);
        NotNegative(failures, nameof(OicpHealthCheckOptions.MaxFailureDuration), options.MaxFailureDuration);
        NotNegative(failures, nameof(OicpHealthCheckOptions.MaxFullLoadAge), options.MaxFullLoadAge);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void NotNegative(List<string> failures, string option, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"OicpHealthCheckOptions.{option} must not be negative; it is {value}.");
        }
    }
}
