using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Certificates;
using Oicp.Client.HealthChecks.Internal;
using Oicp.Client.HealthChecks;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The <c>oicp-certificate</c> check: the certificate the SDK presents now, its expiry, and none where production needs one.</summary>
public sealed class ClientCertificateHealthCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-health-cert-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Build(TimeProvider? time, X509Certificate2? certificate, Action<OicpClientOptions>? configure = null, Action<OicpHealthCheckOptions>? thresholds = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var oicp = services.AddOicpEvseStatusPusher(o =>
        {
            o.OperatorId = "DE*ABC";
            configure?.Invoke(o);
        });
        if (certificate is not null)
        {
            oicp.UseClientCertificate(certificate);
        }

        services.AddHealthChecks().AddOicpHealthChecks(thresholds);
        return services.BuildServiceProvider();
    }

    private static Task<HealthReportEntry> CheckAsync(IServiceProvider provider) => HealthChecksRun.CheckAsync(provider, OicpHealthCheckNames.Certificate);

    private static async Task<HealthReportEntry> CheckAtAsync(X509Certificate2 certificate, DateTimeOffset now, Action<OicpHealthCheckOptions>? thresholds = null)
    {
        await using var provider = Build(new FakeTimeProvider(now), certificate, thresholds: thresholds);
        return await CheckAsync(provider);
    }

    private static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    [Fact]
    public async Task A_certificate_expiring_in_10_days_is_Degraded_with_the_days_left_and_what_to_do()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(10));

        var entry = await CheckAtAsync(certificate, DateTimeOffset.UtcNow);

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain(certificate.Thumbprint).And.Contain("expires in 10 day(s)").And.Contain("ask Hubject for a new one");
        entry.Data.Should().Contain("thumbprint", certificate.Thumbprint)
            .And.Contain("daysLeft", 10)
            .And.Contain("notAfter", NotAfter(certificate))
            .And.Contain("subject", "CN=DE*ABC");
        entry.Tags.Should().Equal(OicpHealthCheckNames.Tag);
    }

    [Fact]
    public async Task A_certificate_with_more_than_30_days_left_is_Healthy()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(365));

        var entry = await CheckAtAsync(certificate, DateTimeOffset.UtcNow);

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().Contain("is valid until").And.Contain("days left");
        entry.Data["daysLeft"].Should().BeOfType<int>().Which.Should().BeInRange(364, 365);
    }

    [Fact]
    public async Task The_warning_starts_exactly_30_days_before_expiry()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(100));
        var warningStarts = NotAfter(certificate) - TimeSpan.FromDays(30);

        (await CheckAtAsync(certificate, warningStarts - TimeSpan.FromSeconds(1))).Status.Should().Be(HealthStatus.Healthy);
        (await CheckAtAsync(certificate, warningStarts)).Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task A_certificate_is_Unhealthy_from_the_moment_it_expires()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(100));
        var notAfter = NotAfter(certificate);

        (await CheckAtAsync(certificate, notAfter - TimeSpan.FromSeconds(1))).Status.Should().Be(HealthStatus.Degraded);
        var expired = await CheckAtAsync(certificate, notAfter);

        expired.Status.Should().Be(HealthStatus.Unhealthy);
        expired.Description.Should().Contain("expired on").And.Contain("017").And.Contain("Install the new certificate");
        expired.Data.Should().Contain("daysLeft", 0);
    }

    [Fact]
    public async Task The_warning_window_is_configurable()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(10));
        var now = DateTimeOffset.UtcNow;

        (await CheckAtAsync(certificate, now, o => o.CertificateExpiryWarning = TimeSpan.FromDays(7))).Status.Should().Be(HealthStatus.Healthy);
        (await CheckAtAsync(certificate, now, o => o.CertificateExpiryWarning = TimeSpan.FromDays(12))).Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task Without_a_TimeProvider_in_the_container_the_system_clock_decides()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(10));
        await using var provider = Build(time: null, certificate);

        (await CheckAsync(provider)).Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task A_rotation_is_seen_at_the_next_check_expiring_then_expired_then_renewed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(365));
        using var expiring = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(10));
        using var renewed = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(365));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oicp:OperatorId"] = "DE*ABC",
            ["Oicp:ClientCertificatePath"] = Write("first.pfx", first),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        services.AddHealthChecks().AddOicpHealthChecks();
        await using var provider = services.BuildServiceProvider();
        (await CheckAsync(provider)).Status.Should().Be(HealthStatus.Healthy);

        configuration["Oicp:ClientCertificatePath"] = Write("expiring.pfx", expiring);
        configuration.Reload();
        var degraded = await CheckAsync(provider);
        time.Advance(TimeSpan.FromDays(11));
        var unhealthy = await CheckAsync(provider);
        configuration["Oicp:ClientCertificatePath"] = Write("renewed.pfx", renewed);
        configuration.Reload();
        var healthy = await CheckAsync(provider);

        degraded.Status.Should().Be(HealthStatus.Degraded);
        degraded.Data.Should().Contain("thumbprint", expiring.Thumbprint);
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Data.Should().Contain("thumbprint", expiring.Thumbprint);
        healthy.Status.Should().Be(HealthStatus.Healthy);
        healthy.Data.Should().Contain("thumbprint", renewed.Thumbprint);
    }

    [Theory]
    [InlineData(OicpEnvironment.Qa, null)]
    [InlineData(OicpEnvironment.Production, "http://127.0.0.1:5080/api/oicp/")]
    public async Task No_certificate_outside_production_is_Healthy_and_says_none_is_configured(OicpEnvironment environment, string? baseAddress)
    {
        await using var provider = Build(new FakeTimeProvider(), certificate: null, o =>
        {
            o.Environment = environment;
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
        });

        var entry = await CheckAsync(provider);

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().StartWith("No client certificate is configured");
        entry.Data.Should().BeEmpty();
    }

    [Theory]
    [InlineData(OicpEnvironment.Production, null)]
    [InlineData(OicpEnvironment.Qa, "https://SERVICE.hubject.com/api/oicp/")]
    public async Task No_certificate_for_Hubject_production_is_Unhealthy(OicpEnvironment environment, string? baseAddress)
    {
        // The SDK's start-up validation refuses this configuration first; the check says the same if it is ever reached.
        var options = new OicpClientOptions
        {
            OperatorId = "DE*ABC",
            Environment = environment,
            BaseAddress = baseAddress is null ? null : new Uri(baseAddress),
        };
        var cache = new OptionsCache<OicpClientOptions>();
        cache.TryAdd(Options.DefaultName, options);
        var monitor = new OptionsMonitor<OicpClientOptions>(new OptionsFactory<OicpClientOptions>([], []), [], cache);
        using var certificates = new ClientCertificateProvider(monitor, Options.DefaultName, objects: null);
        var check = new ClientCertificateHealthCheck(certificates, monitor, Options.DefaultName, new OicpHealthCheckOptions(), new FakeTimeProvider());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("production requires one").And.Contain("ClientCertificatePath");
    }

    private string Write(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
