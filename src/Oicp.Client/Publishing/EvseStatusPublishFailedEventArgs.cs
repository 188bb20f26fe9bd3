namespace Oicp.Client.Publishing;

/// <summary>Describes a status the publisher gave up on, because Hubject refused it for good.</summary>
public sealed class EvseStatusPublishFailedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="EvseStatusPublishFailedEventArgs"/> class.</summary>
    /// <param name="evseId">The EVSE.</param>
    /// <param name="status">The status that was not delivered.</param>
    /// <param name="result">What Hubject answered, or <see langword="null"/> when the pusher threw.</param>
    /// <param name="exception">What the pusher threw, or <see langword="null"/> when it answered.</param>
    public EvseStatusPublishFailedEventArgs(EvseId evseId, EvseStatus status, PushResult? result, Exception? exception)
    {
        EvseId = evseId;
        Status = status;
        Result = result;
        Exception = exception;
    }

    /// <summary>Gets the EVSE.</summary>
    public EvseId EvseId { get; }

    /// <summary>Gets the status that was not delivered.</summary>
    public EvseStatus Status { get; }

    /// <summary>Gets what Hubject answered to the single-record request, or <see langword="null"/> when the pusher threw.</summary>
    public PushResult? Result { get; }

    /// <summary>Gets what the pusher threw (for example an <see cref="ArgumentException"/> for an EVSE of another operator), if anything.</summary>
    public Exception? Exception { get; }
}
