using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Tests.TestSupport;
using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Certificates;

/// <summary>Custom server trust roots: bound from configuration, validated at start-up, applied to the SDK's own handler only.</summary>
public sealed class ServerTrustRootsOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-roots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ValidateOptionsResult Validate(OicpClientOptions options) => new OicpClientOptionsValidator(new OicpRegistrations()).Validate(Options.DefaultName, options);

    [Fact]
    public void By_default_the_platform_store_decides_and_no_chain_policy_is_set()
    {
        var options = new OicpClientOptions { OperatorId = "DE*ABC" };
        using var certificates = new ClientCertificateProvider(new StaticOptionsMonitor(options), Options.DefaultName, objects: null);

        using var handler = OicpHttpHandlerFactory.Create(certificates);

        certificates.TrustRoots.Should().BeEmpty();
        handler.SslOptions.CertificateChainPolicy.Should().BeNull();
        handler.SslOptions.RemoteCertificateValidationCallback.Should().BeNull("validation is never delegated to a callback that could weaken it");
    }

    [Fact]
    public void Roots_from_a_PEM_file_and_given_instances_become_a_custom_root_chain_policy()
    {
        using var fromFile = TestCertificates.CreateSelfSigned("CN=File CA");
        using var instance = TestCertificates.CreateSelfSigned("CN=Instance CA");
        var path = Path.Combine(_folder, "roots.pem");
        File.WriteAllText(path, fromFile.ExportCertificatePem());
        var options = new OicpClientOptions { OperatorId = "DE*ABC", ServerCertificateTrustRootsPath = path };
        var objects = new OicpCertificates();
        objects.TrustRoots.Add(instance);
        using var certificates = new ClientCertificateProvider(new StaticOptionsMonitor(options), Options.DefaultName, objects);

        using var handler = OicpHttpHandlerFactory.Create(certificates);

        var policy = handler.SslOptions.CertificateChainPolicy!;
        policy.TrustMode.Should().Be(System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust);
        policy.CustomTrustStore.Select(root => root.Thumbprint).Should().BeEquivalentTo([fromFile.Thumbprint, instance.Thumbprint]);
        policy.ApplicationPolicy.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
        handler.SslOptions.RemoteCertificateValidationCallback.Should().BeNull();
    }

    [Fact]
    public void The_path_is_bound_from_configuration()
    {
        using var root = TestCertificates.CreateSelfSigned("CN=Hubject CA");
        var path = Path.Combine(_folder, "hubject-ca.pem");
        File.WriteAllText(path, root.ExportCertificatePem());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oicp:OperatorId"] = "DE*ABC",
            ["Oicp:ServerCertificateTrustRootsPath"] = path,
        }).Build();
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<OicpClientOptions>>().Get(Options.DefaultName);

        options.ServerCertificateTrustRootsPath.Should().Be(path);
        provider.GetRequiredKeyedService<ClientCertificateProvider>(null).TrustRoots.Should().ContainSingle().Which.Thumbprint.Should().Be(root.Thumbprint);
    }

    [Fact]
    public void A_missing_file_fails_validation_with_its_path()
    {
        var path = Path.Combine(_folder, "absent.pem");

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ServerCertificateTrustRootsPath = path });

        result.Failures.Should().ContainMatch($"ServerCertificateTrustRootsPath '{path}' does not exist.");
    }

    [Fact]
    public void A_file_without_certificates_fails_validation_instead_of_falling_back_to_the_platform_store()
    {
        var path = Path.Combine(_folder, "empty.pem");
        File.WriteAllText(path, "not a certificate");

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ServerCertificateTrustRootsPath = path });

        result.Failures.Should().ContainMatch("*holds no PEM certificate*");
    }

    private sealed class StaticOptionsMonitor(OicpClientOptions value) : IOptionsMonitor<OicpClientOptions>
    {
        public OicpClientOptions CurrentValue => value;

        public OicpClientOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OicpClientOptions, string?> listener) => null;
    }
}
