namespace Oicp.Client.Publishing;

/// <summary>Why a status was not delivered (see <see cref="EvseStatusPublishFailedEventArgs.Reason"/>).</summary>
public enum EvseStatusPublishFailureReason
{
    /// <summary>Hubject refused the status for good (for example 603 Unknown EVSE ID); retrying would not help.</summary>
    Refused,

    /// <summary>The pusher threw for the status (for example an EVSE of another operator); nothing was sent.</summary>
    Threw,

    /// <summary>The publisher stopped before the status could be sent; the application may keep it and send it later.</summary>
    NotSentBeforeStop,
}
