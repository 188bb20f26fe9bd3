using System.Net;

namespace Oicp.Client.Publishing.Internal;

/// <summary>What the publisher does with the answer to one of its requests.</summary>
internal enum PushOutcome
{
    /// <summary>Hubject acknowledged the records.</summary>
    Delivered,

    /// <summary>Keep the latest statuses and try again after a backoff: the failure may pass or does not depend on the records.</summary>
    TryAgain,

    /// <summary>Hubject refused these records for good (603, 018, a validation error...), or the pusher threw for them.</summary>
    Refused,
}

/// <summary>The publisher's one failure classification, over <see cref="PushResult.IsTransientFailure"/>.</summary>
internal static class PushOutcomes
{
    /// <summary>Classifies a result, or what the pusher threw instead of answering.</summary>
    /// <remarks>
    /// Beyond the transient failures, two more are tried again, because the publisher only ever resends the latest
    /// status of each EVSE (never an old request, so a retry cannot reorder anything): an unreadable answer (a proxy's
    /// HTML page, a garbled acknowledgement: the records may or may not have arrived), and a refusal of the operator
    /// rather than the EVSE (see <see cref="IsOperatorRefusal"/>), which every status would meet alike.
    /// A pusher that throws <see cref="ArgumentException"/> refuses the records themselves (an EVSE of another
    /// operator); any other exception (only a pusher other than the SDK's own throws for a network fault) is tried again.
    /// </remarks>
    public static PushOutcome Classify(PushResult? result, Exception? thrown = null) => result switch
    {
        null => thrown is ArgumentException ? PushOutcome.Refused : PushOutcome.TryAgain,
        { IsSuccess: true } => PushOutcome.Delivered,
        { IsTransientFailure: true } or { FailureKind: PushFailureKind.UnreadableResponse } => PushOutcome.TryAgain,
        _ when IsOperatorRefusal(result) => PushOutcome.TryAgain,
        _ => PushOutcome.Refused,
    };

    /// <summary>
    /// Whether Hubject refused the operator rather than the EVSE: a wrong or expired certificate (017, HTTP 401), the
    /// firewall or IP allow-list (HTTP 403), an unknown partner (300, HTTP 404) or no contract (210). Dropping the
    /// statuses one by one would lose the whole network's state; they are kept until the operator's setup is fixed.
    /// </summary>
    public static bool IsOperatorRefusal(PushResult? result) =>
        result is not null &&
        (result.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound ||
         result.OicpCode == OicpStatusCode.UnauthorizedAccess ||
         result.OicpCode == OicpStatusCode.PartnerNotFound ||
         result.OicpCode == OicpStatusCode.NoValidContract);
}
