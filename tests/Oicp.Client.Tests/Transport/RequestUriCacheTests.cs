using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Transport;

/// <summary>The pusher's request URI: resolved against the client's base address once, and again when either changes.</summary>
public sealed class RequestUriCacheTests
{
    private const string Path = "evsepush/v21/operators/DE*ABC/status-records";

    [Fact]
    public void The_path_is_resolved_against_the_base_address_and_the_same_uri_handed_back_while_neither_changes()
    {
        var cache = new RequestUriCache();
        var baseAddress = new Uri("https://proxy.example/api/oicp/");

        var first = cache.Resolve(baseAddress, Path);
        var second = cache.Resolve(baseAddress, new string(Path.AsSpan()));

        first.AbsoluteUri.Should().Be("https://proxy.example/api/oicp/evsepush/v21/operators/DE*ABC/status-records");
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void Another_base_address_or_path_gets_its_own_uri()
    {
        var cache = new RequestUriCache();
        cache.Resolve(new Uri("https://proxy.example/api/oicp/"), Path);

        cache.Resolve(new Uri("https://other.example/oicp/"), Path).AbsoluteUri
            .Should().Be("https://other.example/oicp/evsepush/v21/operators/DE*ABC/status-records");
        cache.Resolve(new Uri("https://other.example/oicp/"), "evsepush/v21/operators/DE%2AXYZ/status-records").AbsoluteUri
            .Should().Be("https://other.example/oicp/evsepush/v21/operators/DE%2AXYZ/status-records");
    }

    [Fact]
    public void Without_a_base_address_the_path_stays_as_it_was_built()
    {
        var uri = new RequestUriCache().Resolve(null, Path);

        uri.IsAbsoluteUri.Should().BeFalse();
        uri.OriginalString.Should().Be(Path);
    }
}
