using System.Collections.Frozen;

namespace Oicp.Client.Tool;

/// <summary>
/// What each OICP status code means for an EVSE status push and what to do about it (from the OICP 2.3
/// integration guide and traffic notes). Descriptions and the retry classification come from
/// <see cref="OicpStatusCode"/>, so the tool never disagrees with the SDK.
/// </summary>
internal static class CodeCatalog
{
    private const string NotForStatusPush = "Not an answer to eRoamingPushEvseStatus: this code belongs to authorization, charging session or remote start operations.";

    private static readonly FrozenDictionary<string, string> Meanings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["000"] = "Hubject accepted the push and stored a new version of your status records.",
        ["001"] = "An internal Hubject problem. It usually passes: the SDK retries with backoff.",
        ["002"] = "A Hubject database problem. It usually passes: the SDK retries with backoff.",
        ["009"] = "A data transaction problem at Hubject. It usually passes: the SDK retries with backoff.",
        ["017"] = "Hubject does not link your client certificate to this OperatorID: the certificate names another operator, has expired, or is the QA certificate used against production (or the other way round). Run 'oicp doctor' and compare the certificate's subject with the OperatorID; ask Hubject which OperatorID the certificate is registered for.",
        ["018"] = "An EvseID appears twice in one request (also written with and without '*'), or does not belong to your operator. Send each EVSE once per request; hub operators list their sub-operators in SubOperatorIds.",
        ["021"] = "A Hubject system error. It usually passes: the SDK retries with backoff.",
        ["022"] = "Hubject found the request invalid; for an update it usually means the EVSE has no status record yet. Send a fullLoad (or an insert) first; AdditionalInfo names the details.",
        ["210"] = "No valid contract: your company has no active service offer for this operation in this environment. Ask Hubject to enable EVSE status publishing.",
        ["300"] = "Hubject does not know this OperatorID as a partner: the OperatorID in the settings is wrong, or your company is not enabled in this environment yet. Check the OperatorID and ask Hubject to enable it.",
        ["310"] = "A partner did not respond in time. It usually passes: the SDK retries with backoff.",
        ["320"] = "The service is not available right now. It usually passes: the SDK retries with backoff.",
        ["603"] = "Hubject has no EVSE data record for this EvseID: push the EVSE's data (eRoamingPushEvseData) before its status.",
        ["604"] = "The EvseID is not Hubject compatible: check its format and that it belongs to your OperatorID.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Returns what <paramref name="code"/> means for an EVSE status push.</summary>
    public static string MeaningFor(OicpStatusCode code)
    {
        if (Meanings.TryGetValue(code.Code, out var meaning))
        {
            return meaning;
        }

        return code.IsKnown
            ? NotForStatusPush
            : "Not a code of OICP 2.3. The SDK keeps it as it came (PushResult.OicpCode) and treats it as permanent: it is not retried.";
    }

    /// <summary>Returns whether the SDK retries an answer with <paramref name="code"/>, in words.</summary>
    public static string RetryText(OicpStatusCode code) =>
        code.IsSuccess ? "success, nothing to retry" : code.IsTransient ? "retried by the SDK (transient)" : "not retried (permanent)";
}
