using Oicp.Client.Transport;

namespace Oicp.Client.Tests.Transport;

/// <summary>The pusher's request: its path built and resolved against the client's base address once, and again when either changes.</summary>
public sealed class RequestUriCacheTests
{
    private const string Path = "evsepush/v21/operators/DE*ABC/status-records";

    [Fact]
    public void The_path_is_resolved_against_the_base_address_and_handed_back_while_base_address_and_parameter_stay_the_same()
    {
        var cache = new RequestUriCache();
        var baseAddress = new Uri("https://proxy.example/api/oicp/");
        cache.TryGet(baseAddress, "DE*ABC", out _, out _).Should().BeFalse("nothing was built yet");

        var first = cache.Add(baseAddress, "DE*ABC", Path);

        first.AbsoluteUri.Should().Be("https://proxy.example/api/oicp/evsepush/v21/operators/DE*ABC/status-records");
        cache.TryGet(baseAddress, new string("DE*ABC".AsSpan()), out var uri, out var path).Should().BeTrue();
        uri.Should().BeSameAs(first);
        path.Should().Be(Path);
    }

    [Fact]
    public void Another_base_address_or_path_parameter_has_the_path_built_again()
    {
        var cache = new RequestUriCache();
        var baseAddress = new Uri("https://proxy.example/api/oicp/");
        cache.Add(baseAddress, "DE*ABC", Path);

        cache.TryGet(new Uri("https://proxy.example/api/oicp/"), "DE*ABC", out _, out _).Should().BeFalse("another Uri instance may be another address");
        cache.TryGet(baseAddress, "DE*XYZ", out _, out _).Should().BeFalse();
        cache.Add(new Uri("https://other.example/oicp/"), "DE*XYZ", "evsepush/v21/operators/DE%2AXYZ/status-records").AbsoluteUri
            .Should().Be("https://other.example/oicp/evsepush/v21/operators/DE%2AXYZ/status-records");
    }

    [Fact]
    public void Without_a_base_address_the_path_stays_as_it_was_built()
    {
        var uri = new RequestUriCache().Add(null, "DE*ABC", Path);

        uri.IsAbsoluteUri.Should().BeFalse();
        uri.OriginalString.Should().Be(Path);
    }
}
