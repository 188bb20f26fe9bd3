using Microsoft.Extensions.Hosting;

namespace Oicp.Client.Internal;

/// <summary>
/// Logs certificate warnings when the host starts, so a wrong or expiring certificate shows up in the
/// start-up log instead of at the first refused push.
/// </summary>
internal sealed class ClientCertificateStartupCheck(ClientCertificateProvider certificates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        certificates.LogCertificateWarnings();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
