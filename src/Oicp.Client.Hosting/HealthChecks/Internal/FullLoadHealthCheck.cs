using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.Publishing;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>
/// <c>oicp-fullload</c>: whether Hubject got the daily fullLoad, from <see cref="EvseStatusPublisherHealth.LastFullLoadAt"/>.
/// Degraded when the last acknowledged fullLoad is older than <see cref="OicpHealthCheckOptions.MaxFullLoadAge"/>, or
/// when none was acknowledged yet and the publisher started longer ago than that; Healthy otherwise. Data: when known,
/// <c>lastFullLoadAt</c>, <c>lastFullLoadAgeHours</c>, <c>startedAt</c>, and <c>lastFullLoadResult</c> (the last
/// answer to a fullLoad, when it failed).
/// </summary>
internal sealed class FullLoadHealthCheck(IEvseStatusPublisher publisher, OicpHealthCheckOptions options, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(publisher.GetHealth(), timeProvider.GetUtcNow()));

    private HealthCheckResult Check(EvseStatusPublisherHealth health, DateTimeOffset now)
    {
        var data = new Dictionary<string, object>();
        if (health.StartedAt is { } started)
        {
            data["startedAt"] = started;
        }

        var failure = health.LastFullLoadResult is { IsSuccess: false } failed ? failed.ToString() : null;
        if (failure is not null)
        {
            data["lastFullLoadResult"] = failure;
        }

        var lastAnswer = failure is null ? string.Empty : $" The last answer to a fullLoad: {failure}.";
        var max = HealthText.Duration(options.MaxFullLoadAge);

        if (health.LastFullLoadAt is { } last)
        {
            var age = now - last;
            data["lastFullLoadAt"] = last;
            data["lastFullLoadAgeHours"] = age.TotalHours;
            return age > options.MaxFullLoadAge
                ? HealthCheckResult.Degraded($"The last fullLoad Hubject acknowledged was {HealthText.Duration(age)} ago (more than {max}); Hubject wants one a day.{lastAnswer} Check the snapshot source and the log.", data: data)
                : HealthCheckResult.Healthy($"The last fullLoad was acknowledged {HealthText.Duration(age)} ago, at {HealthText.Time(last)}.", data);
        }

        if (health.StartedAt is { } start && now - start > options.MaxFullLoadAge)
        {
            return HealthCheckResult.Degraded(
                $"No fullLoad has been acknowledged since the publisher started {HealthText.Duration(now - start)} ago (more than {max}).{lastAnswer} Check the snapshot source (is it ready?) and the log.",
                data: data);
        }

        return HealthCheckResult.Healthy(
            health.StartedAt is { } begun
                ? $"No fullLoad acknowledged yet; the publisher started {HealthText.Duration(now - begun)} ago.{lastAnswer}"
                : "No fullLoad yet: the publisher has not started.",
            data);
    }
}
