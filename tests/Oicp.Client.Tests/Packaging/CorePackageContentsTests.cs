using Microsoft.Extensions.Hosting;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Publishing;

namespace Oicp.Client.Tests.Packaging;

/// <summary>
/// The core package is for pushing; the background publisher and the health checks ship in Oicp.Client.Hosting,
/// so that an application that only pushes carries neither them nor Microsoft.Extensions.Diagnostics.HealthChecks.
/// </summary>
public sealed class CorePackageContentsTests
{
    [Fact]
    public void Core_holds_neither_the_publisher_nor_the_health_checks()
    {
        var core = typeof(EvseStatusPusher).Assembly;

        core.GetReferencedAssemblies().Select(name => name.Name).Should().NotContain(
            ["Microsoft.Extensions.Diagnostics.HealthChecks", "Microsoft.Extensions.Diagnostics.HealthChecks.Abstractions"]);
        core.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IHostedService).IsAssignableFrom(type))
            .Should().Equal([typeof(OicpStartupCheck)], "the start-up check is the core's only hosted service");
        typeof(EvseStatusPublisher).Assembly.GetName().Name.Should().Be("Oicp.Client.Hosting");
    }
}
