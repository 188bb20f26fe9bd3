using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oicp.Client.Certificates;

namespace Oicp.Client.DependencyInjection.Internal;

/// <summary>
/// When the host starts: loads every registration's client certificate and logs what is wrong with it (another
/// operator's, expiring, expired), so it shows up in the start-up log instead of at the first refused push; and
/// refuses two registrations for one OperatorID, which would each have their own sequence and rate limit.
/// </summary>
internal sealed class OicpStartupCheck(IServiceProvider services, OicpRegistrations registrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registrations.EnsureOneRegistrationPerOperator(services);
        foreach (var registration in registrations.All)
        {
            services.GetRequiredKeyedService<ClientCertificateProvider>(registration.ServiceKey).LogCertificateWarnings();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
