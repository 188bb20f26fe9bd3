using System.Net;

namespace Oicp.Client.Tool;

/// <summary>Turns a failed <see cref="PushResult"/> into plain words: what it means and what to do.</summary>
internal static class PushAdvice
{
    public static string? For(PushResult result)
    {
        if (result.IsSuccess)
        {
            return null;
        }

        if (result.OicpCode is { } code)
        {
            return CodeCatalog.MeaningFor(code);
        }

        return result.HttpStatusCode switch
        {
            HttpStatusCode.Unauthorized => CodeCatalog.MeaningFor(OicpStatusCode.UnauthorizedAccess),
            HttpStatusCode.Forbidden => "Hubject's firewall refused the request (HTTP 403): the IP address you connect from is not on Hubject's allow-list for this environment. Ask Hubject to allow-list your egress IP (QA and production separately).",
            HttpStatusCode.NotFound => CodeCatalog.MeaningFor(OicpStatusCode.PartnerNotFound),
            HttpStatusCode.BadRequest => "Hubject refused the request as invalid (HTTP 400); the validation errors name the fields.",
            HttpStatusCode.TooManyRequests => "Over Hubject's rate limit (2000 requests a minute): wait and send again.",
            { } http when (int)http >= 500 => "Hubject answered with a server error; the SDK retried within its budget. Try again later.",
            _ when result.FailureKind == PushFailureKind.TransportFailure && result.ErrorMessage?.Contains("TLS", StringComparison.OrdinalIgnoreCase) == true =>
                "The TLS handshake failed: run 'oicp doctor' to see whether the certificate, the trust roots or the environment is wrong.",
            _ when result.FailureKind == PushFailureKind.TransportFailure =>
                "The endpoint could not be reached or did not answer: run 'oicp doctor' to check DNS, the connection and TLS.",
            _ => "Hubject's answer could not be read as an acknowledgement; keep the Process-ID for Hubject support.",
        };
    }
}
