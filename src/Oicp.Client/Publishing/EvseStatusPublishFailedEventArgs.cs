namespace Oicp.Client.Publishing;

/// <summary>Describes a status the publisher did not deliver, and why.</summary>
public sealed class EvseStatusPublishFailedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="EvseStatusPublishFailedEventArgs"/> class.</summary>
    /// <param name="evseId">The EVSE.</param>
    /// <param name="status">The status that was not delivered.</param>
    /// <param name="reason">Why it was not delivered.</param>
    /// <param name="result">What Hubject answered, when it answered.</param>
    /// <param name="exception">What the pusher threw, when it threw.</param>
    public EvseStatusPublishFailedEventArgs(EvseId evseId, EvseStatus status, EvseStatusPublishFailureReason reason, PushResult? result, Exception? exception)
    {
        EvseId = evseId;
        Status = status;
        Reason = reason;
        Result = result;
        Exception = exception;
    }

    /// <summary>Gets the EVSE.</summary>
    public EvseId EvseId { get; }

    /// <summary>Gets the status that was not delivered.</summary>
    public EvseStatus Status { get; }

    /// <summary>Gets why the status was not delivered.</summary>
    public EvseStatusPublishFailureReason Reason { get; }

    /// <summary>Gets what Hubject answered to the request that carried the status alone, when <see cref="Reason"/> is <see cref="EvseStatusPublishFailureReason.Refused"/>.</summary>
    public PushResult? Result { get; }

    /// <summary>Gets what the pusher threw, when <see cref="Reason"/> is <see cref="EvseStatusPublishFailureReason.Threw"/>.</summary>
    public Exception? Exception { get; }
}
