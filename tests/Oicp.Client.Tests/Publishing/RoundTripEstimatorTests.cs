using Oicp.Client.Publishing.Internal;

namespace Oicp.Client.Tests.Publishing;

public sealed class RoundTripEstimatorTests
{
    [Fact]
    public void The_first_sample_is_the_estimate_and_later_ones_weigh_an_eighth()
    {
        var estimator = new RoundTripEstimator();
        estimator.HasEstimate.Should().BeFalse();
        estimator.Estimate.Should().Be(TimeSpan.Zero);

        estimator.Record(TimeSpan.FromMilliseconds(80));
        estimator.Estimate.Should().Be(TimeSpan.FromMilliseconds(80));
        estimator.Record(TimeSpan.FromMilliseconds(160));

        estimator.HasEstimate.Should().BeTrue();
        estimator.Estimate.Should().Be(TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public void A_negative_sample_is_ignored()
    {
        var estimator = new RoundTripEstimator();
        estimator.Record(TimeSpan.FromMilliseconds(-5));

        estimator.HasEstimate.Should().BeFalse();
    }
}
