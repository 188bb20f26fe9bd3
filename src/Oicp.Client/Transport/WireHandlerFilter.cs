using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Oicp.Client.DependencyInjection.Internal;

namespace Oicp.Client.Transport;

/// <summary>
/// Puts the <see cref="WireHandler"/> last in the handler chain of every SDK client, after the handlers users chain on
/// the <see cref="Microsoft.Extensions.DependencyInjection.IHttpClientBuilder"/>: a filter runs after a client's own configuration, so even a retrying or
/// hedging handler added later cannot send a request the operator's rate limit and sequence do not see.
/// </summary>
internal sealed class WireHandlerFilter(OicpRegistrations registrations) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (registrations.FindByHttpClientName(builder.Name) is { } registration)
        {
            var pusher = builder.Services.GetRequiredKeyedService<EvseStatusPusher>(registration.ServiceKey);
            builder.AdditionalHandlers.Add(new WireHandler(pusher.Wire));
        }
    };
}
