using System.Globalization;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.Publishing;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>
/// <c>oicp-publisher</c>: how fresh the background publisher keeps Hubject, from <see cref="IEvseStatusPublisher.GetHealth"/>.
/// Unhealthy when Hubject refuses the operator, or when every request has failed for longer than
/// <see cref="OicpHealthCheckOptions.MaxFailureDuration"/>; Degraded when the oldest waiting status has waited longer
/// than <see cref="OicpHealthCheckOptions.MaxOldestPendingAge"/>; Healthy otherwise. Data: <c>running</c>,
/// <c>pending</c>, <c>oldestPendingAgeSeconds</c>, <c>consecutiveFailures</c>, <c>operatorRefused</c>, and when
/// known <c>lastSuccessAt</c>, <c>lastFailureAt</c>, <c>failingSince</c>.
/// </summary>
internal sealed class PublisherHealthCheck(IEvseStatusPublisher publisher, OicpHealthCheckOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(publisher.GetHealth()));

    private HealthCheckResult Check(EvseStatusPublisherHealth health)
    {
        var data = new Dictionary<string, object>
        {
            ["running"] = health.IsRunning,
            ["pending"] = health.PendingCount,
            ["oldestPendingAgeSeconds"] = health.OldestPendingAge.TotalSeconds,
            ["consecutiveFailures"] = health.ConsecutiveFailures,
            ["operatorRefused"] = health.IsOperatorRefused,
        };
        AddWhenKnown(data, "lastSuccessAt", health.LastSuccessAt);
        AddWhenKnown(data, "lastFailureAt", health.LastFailureAt);
        AddWhenKnown(data, "failingSince", health.FailingSince);
        var waiting = string.Create(CultureInfo.InvariantCulture, $"{health.PendingCount} status(es) waiting");

        if (health.IsOperatorRefused)
        {
            return HealthCheckResult.Unhealthy($"{Refusal(health.LastFailure)}; {waiting}.", data: data);
        }

        if (health.FailingSince is { } since && health.LastFailureAt is { } last && last - since > options.MaxFailureDuration)
        {
            var lastAnswer = health.LastFailure?.ToString() ?? "the pusher threw, see the log";
            return HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"Every request has failed for {HealthText.Duration(last - since)} ({health.ConsecutiveFailures} in a row, the last: {lastAnswer}); {waiting}. Check the network to Hubject and the log."),
                data: data);
        }

        if (health.OldestPendingAge > options.MaxOldestPendingAge)
        {
            return HealthCheckResult.Degraded(
                $"The oldest waiting status has waited {HealthText.Duration(health.OldestPendingAge)} (more than {HealthText.Duration(options.MaxOldestPendingAge)}); {waiting}. Hubject answers slowly or requests fail: see the log.",
                data: data);
        }

        var queue = health.PendingCount == 0 ? "nothing waiting" : $"{waiting}, the oldest for {HealthText.Duration(health.OldestPendingAge)}";
        var lastSuccess = health.LastSuccessAt is { } success ? $", last success {HealthText.Time(success)}" : string.Empty;
        return HealthCheckResult.Healthy($"Publishing keeps up: {queue}{lastSuccess}.", data);
    }

    /// <summary>Says which part of the operator's setup Hubject refuses, and what to check.</summary>
    private static string Refusal(PushResult? result) => result switch
    {
        { OicpCode: { } code } when code == OicpStatusCode.PartnerNotFound => "Hubject does not know the operator (300): check the OperatorID and the environment (QA or production)",
        { OicpCode: { } code } when code == OicpStatusCode.NoValidContract => "Hubject finds no valid contract for the operator (210): ask Hubject to activate the service offer",
        { HttpStatusCode: HttpStatusCode.Forbidden } => "Hubject's firewall refuses the requests (HTTP 403): ask Hubject to allow-list this machine's IP address",
        { HttpStatusCode: HttpStatusCode.NotFound } => "Hubject does not know the operator (HTTP 404): check the OperatorID and the environment (QA or production)",
        _ => "Hubject refuses the operator (017): check the client certificate and OperatorID",
    };

    private static void AddWhenKnown(Dictionary<string, object> data, string key, DateTimeOffset? value)
    {
        if (value is { } known)
        {
            data[key] = known;
        }
    }
}
