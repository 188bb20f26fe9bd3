using Microsoft.Extensions.Hosting;

namespace Oicp.Client.Publishing.Internal;

/// <summary>Runs the publisher for the lifetime of the host; the drain report is logged by the publisher.</summary>
internal sealed class EvseStatusPublisherHostedService(EvseStatusPublisher publisher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        publisher.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => publisher.StopAsync(cancellationToken);
}
