using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Oicp.Client.Testing.Tests.TestSupport;
using Polly;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>
/// Several operators in one process, each registered under its own name with its own client certificate, against the
/// Kestrel emulator over mutual TLS, which links each certificate to one operator (and answers 017 otherwise).
/// </summary>
public sealed class SeveralOperatorsTests : IAsyncLifetime
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private static readonly OperatorId Xyz = OperatorId.Parse("DE*XYZ");
    private static readonly OperatorId Hub = OperatorId.Parse("DE*HUB");
    private static readonly OperatorId Sub = OperatorId.Parse("DE*SUB");
    private readonly TestCertificates _certificates = new();
    private readonly OicpEmulator _emulator = new();
    private X509Certificate2 _clientHub = null!;
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _clientHub = _certificates.IssueClient("CN=DE*HUB client");
        _emulator.RegisterOperator(Abc);
        _emulator.RegisterOperator(Xyz);
        _emulator.RegisterOperator(Hub, Sub);

        var options = new OicpEmulatorServerOptions { ServerCertificate = _certificates.Server, ClientCertificateAuthority = _certificates.Authority };
        options.ClientCertificateOperators[_certificates.ClientAbc.Thumbprint] = Abc;
        options.ClientCertificateOperators[_certificates.ClientXyz.Thumbprint] = Xyz;
        options.ClientCertificateOperators[_clientHub.Thumbprint] = Hub;
        _server = await OicpEmulatorServer.StartAsync(_emulator, options);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _clientHub.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Three_operators_on_three_client_certificates_each_push_with_their_own_certificate()
    {
        var services = new ServiceCollection();
        Register(services, "abc", Abc, _certificates.ClientAbc);
        Register(services, "xyz", Xyz, _certificates.ClientXyz);
        Register(services, "hub", Hub, _clientHub, o => o.SubOperatorIds.Add(Sub.ToString()));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var operators = provider.GetRequiredService<IOicpOperators>();

        var results = await Task.WhenAll(
            provider.GetRequiredKeyedService<IEvseStatusPusher>("abc").FullLoadAsync([Record("DE*ABC*E1", EvseStatus.Available)]),
            operators.GetPusher(Xyz).FullLoadAsync([Record("DE*XYZ*E1", EvseStatus.Occupied)]),
            operators.GetPusher(Hub).FullLoadAsync([Record("DE*HUB*E1", EvseStatus.Reserved), Record("DE*SUB*E7", EvseStatus.OutOfService)]));

        results.Should().OnlyContain(result => result.IsSuccess);
        operators.OperatorIds.Should().BeEquivalentTo([Abc, Xyz, Hub]);
        _emulator.GetStatuses(Abc).Should().ContainSingle().Which.Value.Should().Be(EvseStatus.Available);
        _emulator.GetStatuses(Xyz).Should().ContainSingle().Which.Value.Should().Be(EvseStatus.Occupied);
        _emulator.GetStatuses(Hub).Should().HaveCount(2, "the hub pushes its sub-operator's EVSEs under its own OperatorID");
        provider.GetRequiredKeyedService<IEvseStatusPusher>("abc").Should().NotBeSameAs(provider.GetRequiredKeyedService<IEvseStatusPusher>("xyz"));
    }

    [Fact]
    public async Task A_pusher_presenting_another_operators_certificate_is_refused_with_017()
    {
        var services = new ServiceCollection();
        Register(services, "abc", Abc, _certificates.ClientXyz);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredKeyedService<IEvseStatusPusher>("abc").FullLoadAsync([]);

        result.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess);
    }

    [Fact]
    public async Task Two_certificates_three_operators_and_a_chained_standard_resilience_handler_count_every_request_on_the_wire()
    {
        var services = new ServiceCollection();
        var abc = Register(services, "abc", Abc, _certificates.ClientAbc, o => o.Retry.MaxAttempts = 1);
        abc.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.Retry.BackoffType = DelayBackoffType.Constant;
            o.Retry.UseJitter = false;
        });
        Register(services, "hub", Hub, _clientHub, o => o.SubOperatorIds.Add(Sub.ToString()));
        await using var provider = services.BuildServiceProvider();
        var pusher = provider.GetRequiredKeyedService<EvseStatusPusher>("abc");
        _emulator.Faults.Enqueue(EmulatorFault.Status(503), EmulatorFault.Status(503));

        var result = await pusher.PushAsync(ActionType.Insert, [Record("DE*ABC*E1", EvseStatus.Available)]);
        var hub = await provider.GetRequiredKeyedService<IEvseStatusPusher>("hub").FullLoadAsync([Record("DE*SUB*E1", EvseStatus.Available)]);

        result.IsSuccess.Should().BeTrue(result.ToString());
        result.Attempts.Should().Be(1, "the SDK sent one attempt; the chained handler retried it twice on the wire");
        hub.IsSuccess.Should().BeTrue();
        var abcRequests = _emulator.Requests.Count(request => request.OperatorId == Abc);
        abcRequests.Should().Be(3);
        pusher.Wire.RateLimiter.GetStatistics()!.TotalSuccessfulLeases.Should().Be(abcRequests, "the limiter counts what reaches the wire, the chained handler's retries included");
        _emulator.Statistics.OverlappingRequests.Should().Be(0);
    }

    [Fact]
    public async Task Each_named_operator_gets_its_own_publisher_started_by_the_host()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Register(builder.Services, "abc", Abc, _certificates.ClientAbc).AddEvseStatusPublisher(o => o.FullLoadOnStart = false);
        Register(builder.Services, "xyz", Xyz, _certificates.ClientXyz).AddEvseStatusPublisher(o => o.FullLoadOnStart = false);
        using var host = builder.Build();
        await host.StartAsync();
        var operators = host.Services.GetRequiredService<IOicpOperators>();
        // An update needs a record to update: each operator's EVSE gets one first.
        await operators.GetPusher(Abc).FullLoadAsync([Record("DE*ABC*E5", EvseStatus.Available)]);
        await operators.GetPusher(Xyz).FullLoadAsync([Record("DE*XYZ*E5", EvseStatus.Available)]);

        operators.GetPublisher(Abc).Publish(EvseId.Parse("DE*ABC*E5"), EvseStatus.Occupied);
        operators.GetPublisher(Xyz).Publish(EvseId.Parse("DE*XYZ*E5"), EvseStatus.Reserved);
        var publishing = () => operators.GetPublisher(Abc).Publish(EvseId.Parse("DE*ABC*E6"), EvseStatus.Reserved);
        await host.StopAsync();

        publishing.Should().Throw<InvalidOperationException>("the host stopped the publisher");
        _emulator.GetStatuses(Abc)[EvseId.Parse("DE*ABC*E5")].Should().Be(EvseStatus.Occupied, "stopping drains what was published");
        _emulator.GetStatuses(Xyz)[EvseId.Parse("DE*XYZ*E5")].Should().Be(EvseStatus.Reserved);
        operators.GetPublisher(Abc).Should().NotBeSameAs(operators.GetPublisher(Xyz));
    }

    [Fact]
    public async Task Two_registrations_for_one_OperatorID_stop_the_host_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Register(builder.Services, "first", Abc, _certificates.ClientAbc);
        Register(builder.Services, "second", Abc, _certificates.ClientAbc);
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("DE*ABC").And.Contain("'first', 'second'");
    }

    [Fact]
    public void A_name_is_registered_once()
    {
        var services = new ServiceCollection();
        Register(services, "abc", Abc, _certificates.ClientAbc);

        var again = () => Register(services, "abc", Xyz, _certificates.ClientXyz);

        again.Should().Throw<ArgumentException>().WithMessage("*'abc'*");
    }

    private static EvseStatusRecord Record(string evseId, EvseStatus status) => new(EvseId.Parse(evseId), status);

    private OicpClientBuilder Register(IServiceCollection services, string name, OperatorId operatorId, X509Certificate2 certificate, Action<OicpClientOptions>? configure = null) =>
        services.AddOicpEvseStatusPusher(name, o =>
            {
                o.OperatorId = operatorId.ToString();
                o.BaseAddress = _server.BaseAddress;
                configure?.Invoke(o);
            })
            .UseClientCertificate(certificate)
            .TrustServerCertificateRoots(_certificates.Authority);
}
