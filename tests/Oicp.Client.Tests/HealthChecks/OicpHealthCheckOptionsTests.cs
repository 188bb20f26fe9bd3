using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The thresholds: their defaults, and negative ones refused at start-up with a message naming the option.</summary>
public sealed class OicpHealthCheckOptionsTests
{
    public static TheoryData<string, Action<OicpHealthCheckOptions>> NegativeThresholds => new()
    {
        { nameof(OicpHealthCheckOptions.CertificateExpiryWarning), o => o.CertificateExpiryWarning = TimeSpan.FromDays(-1) },
        { nameof(OicpHealthCheckOptions.MaxOldestPendingAge), o => o.MaxOldestPendingAge = TimeSpan.FromSeconds(-1) },
        { nameof(OicpHealthCheckOptions.MaxFailureDuration), o => o.MaxFailureDuration = TimeSpan.FromTicks(-1) },
        { nameof(OicpHealthCheckOptions.MaxFullLoadAge), o => o.MaxFullLoadAge = TimeSpan.FromHours(-26) },
    };

    [Fact]
    public void The_defaults_are_30_days_60_seconds_5_minutes_and_26_hours()
    {
        var options = new OicpHealthCheckOptions();

        options.CertificateExpiryWarning.Should().Be(TimeSpan.FromDays(30));
        options.MaxOldestPendingAge.Should().Be(TimeSpan.FromSeconds(60));
        options.MaxFailureDuration.Should().Be(TimeSpan.FromMinutes(5));
        options.MaxFullLoadAge.Should().Be(TimeSpan.FromHours(26));
    }

    [Theory]
    [MemberData(nameof(NegativeThresholds))]
    public void A_negative_threshold_is_refused_with_its_name(string option, Action<OicpHealthCheckOptions> configure)
    {
        var options = new OicpHealthCheckOptions();
        configure(options);

        var result = new OicpHealthCheckOptionsValidator().Validate(Options.DefaultName, options);

        result.Failures.Should().ContainSingle().Which.Should().StartWith($"OicpHealthCheckOptions.{option} must not be negative; it is -");
    }

    [Fact]
    public void Zero_thresholds_are_accepted()
    {
        var options = new OicpHealthCheckOptions
        {
            CertificateExpiryWarning = TimeSpan.Zero,
            MaxOldestPendingAge = TimeSpan.Zero,
            MaxFailureDuration = TimeSpan.Zero,
            MaxFullLoadAge = TimeSpan.Zero,
        };

        new OicpHealthCheckOptionsValidator().Validate(Options.DefaultName, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_negative_threshold()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHealthChecks().AddOicpHealthChecks(o => o.MaxFullLoadAge = TimeSpan.FromHours(-1));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage("OicpHealthCheckOptions.MaxFullLoadAge must not be negative*");
    }
}
