using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.HealthChecks;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>Runs the checks: registered ones the way a health endpoint does, through <see cref="HealthCheckService"/>.</summary>
internal static class HealthChecksRun
{
    /// <summary>The default thresholds, changed by <paramref name="configure"/> when given.</summary>
    public static OicpHealthCheckOptions Thresholds(Action<OicpHealthCheckOptions>? configure)
    {
        var options = new OicpHealthCheckOptions();
        configure?.Invoke(options);
        return options;
    }

    public static async Task<HealthReportEntry> CheckAsync(IServiceProvider provider, string name)
    {
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == name);
        return report.Entries.Should().ContainKey(name).WhoseValue;
    }
}
