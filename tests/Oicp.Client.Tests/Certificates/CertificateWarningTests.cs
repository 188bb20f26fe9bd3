using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Certificates;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Tests.Certificates;

/// <summary>Start-up and reload warnings about the client certificate: wrong operator, expiring, expired.</summary>
public sealed class CertificateWarningTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-certwarn-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<FakeLogCollector> StartAsync(X509Certificate2 certificate, string operatorId = "DE*ABC")
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddOicpEvseStatusPusher(o => o.OperatorId = operatorId).UseClientCertificate(certificate);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider.GetFakeLogCollector();
    }

    private static IEnumerable<FakeLogRecord> Certificate(FakeLogCollector logs) =>
        logs.GetSnapshot().Where(record => record.Id.Id is >= 10 and < 20);

    [Theory]
    [InlineData("CN=DE*ABC")]
    [InlineData("CN=deabc, O=Example CPO")]
    [InlineData("O=Example CPO, OU=DE*ABC, CN=client")]
    public async Task A_subject_naming_the_operator_in_any_case_with_or_without_star_logs_nothing(string subject)
    {
        using var certificate = TestCertificates.CreateSelfSigned(subject);

        var logs = await StartAsync(certificate);

        Certificate(logs).Should().BeEmpty();
    }

    [Fact]
    public async Task A_certificate_of_another_operator_is_a_start_up_warning()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*XYZ, O=Other CPO");

        var logs = await StartAsync(certificate);

        var record = Certificate(logs).Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Id.Id.Should().Be(10);
        record.Message.Should().Contain("DE*ABC").And.Contain("CN=DE*XYZ").And.Contain(certificate.Thumbprint);
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_a_warning_with_the_days_left()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(10));

        var logs = await StartAsync(certificate);

        var record = Certificate(logs).Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Id.Id.Should().Be(11);
        record.Message.Should().Contain("in 10 day(s)");
    }

    [Fact]
    public async Task A_certificate_with_more_than_30_days_left_logs_nothing()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(31));

        var logs = await StartAsync(certificate);

        Certificate(logs).Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_certificate_is_an_error_on_the_fake_clock()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(365));
        _time.Advance(TimeSpan.FromDays(366));

        var logs = await StartAsync(certificate);

        var record = Certificate(logs).Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Error);
        record.Id.Id.Should().Be(12);
    }

    [Fact]
    public async Task Nothing_secret_is_logged()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*XYZ", TimeSpan.FromDays(3));

        var logs = await StartAsync(certificate);

        var text = string.Join("\n", Certificate(logs).Select(record => record.Message));
        text.Should().NotBeEmpty();
        text.Should().NotContain("BEGIN").And.NotContain(Convert.ToBase64String(certificate.RawData)[..40]);
    }

    [Fact]
    public async Task A_reload_logs_the_new_certificate_and_its_warnings_and_a_bad_file_keeps_the_old_one()
    {
        using var first = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(365));
        using var second = TestCertificates.CreateSelfSigned("CN=DE*ABC", TimeSpan.FromDays(5));
        var firstPath = Write("first.pfx", first);
        var secondPath = Write("second.pfx", second);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oicp:OperatorId"] = "DE*ABC",
            ["Oicp:ClientCertificatePath"] = firstPath,
        }).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();
        var certificates = provider.GetRequiredService<ClientCertificateProvider>();
        var logs = provider.GetFakeLogCollector();
        certificates.Current!.Thumbprint.Should().Be(first.Thumbprint);

        configuration["Oicp:ClientCertificatePath"] = secondPath;
        configuration.Reload();

        certificates.Current!.Thumbprint.Should().Be(second.Thumbprint);
        Certificate(logs).Select(record => record.Id.Id).Should().Equal(13, 11);

        configuration["Oicp:ClientCertificatePath"] = Path.Combine(_folder, "missing.pfx");
        configuration.Reload();

        certificates.Current!.Thumbprint.Should().Be(second.Thumbprint, "a broken rotation keeps the working certificate");
        var failed = Certificate(logs).Last();
        failed.Id.Id.Should().Be(14);
        failed.Message.Should().Contain("missing.pfx");
    }

    private string Write(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
