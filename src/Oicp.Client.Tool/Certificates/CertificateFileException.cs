namespace Oicp.Client.Tool;

/// <summary>A certificate or key file that cannot be used, with what it means and what to do.</summary>
internal sealed class CertificateFileException : Exception
{
    public CertificateFileException()
    {
        Advice = string.Empty;
    }

    public CertificateFileException(string message)
        : base(message)
    {
        Advice = string.Empty;
    }

    public CertificateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Advice = string.Empty;
    }

    public CertificateFileException(string message, string advice, Exception? innerException = null)
        : base(message, innerException)
    {
        Advice = advice;
    }

    /// <summary>Gets what to do about it.</summary>
    public string Advice { get; }
}
