using System.Diagnostics;

namespace Oicp.Client.Publishing.Internal;

/// <summary>The publisher's traces, on an <see cref="ActivitySource"/> named after the package.</summary>
internal static class PublisherTracing
{
    public static readonly ActivitySource Source = new(PublisherMetrics.MeterName);
}
