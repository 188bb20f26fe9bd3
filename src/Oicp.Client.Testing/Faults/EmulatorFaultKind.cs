namespace Oicp.Client.Testing;

/// <summary>What an <see cref="EmulatorFault"/> makes the emulator do instead of answering normally.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answers with an HTTP status and an empty body (for example 500 or 503 during a server rotation).</summary>
    Status = 0,

    /// <summary>Answers HTTP 408 Request Timeout.</summary>
    Timeout408 = 1,

    /// <summary>Answers HTTP 429 Too Many Requests, with a <c>Retry-After</c> header when one is given.</summary>
    TooManyRequests = 2,

    /// <summary>Waits (on the emulator's <see cref="TimeProvider"/>), then answers normally; the only fault that may change state.</summary>
    Delay = 3,

    /// <summary>Aborts the connection without an answer; the in-process handler throws <see cref="HttpRequestException"/>.</summary>
    DropConnection = 4,

    /// <summary>Answers HTTP 200 with an acknowledgement whose Result is <c>false</c> and a chosen code.</summary>
    Rejected = 5,

    /// <summary>Answers HTTP 200 with a truncated JSON body.</summary>
    MalformedJson = 6,

    /// <summary>Answers HTTP 403 with an HTML page, as a firewall or IP allow-list does.</summary>
    Html403 = 7,

    /// <summary>Answers with a chosen status, content type and body.</summary>
    Raw = 8,
}
