using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tool;

/// <summary>A certificate file read step by step, keeping what went wrong with the key instead of failing at once.</summary>
internal sealed class LoadedCertificate : IDisposable
{
    public required string Path { get; init; }

    /// <summary>Gets <c>PKCS#12</c> or <c>PEM</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Gets the certificate, with its private key when the key was found and belongs to it.</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>Gets the other certificates of the file (intermediates), for building the chain.</summary>
    public X509Certificate2Collection Others { get; init; } = [];

    /// <summary>Gets a value indicating whether the file (or the key file) holds a private key.</summary>
    public bool KeyFound { get; init; }

    /// <summary>Gets why the key found does not belong to the certificate, or <see langword="null"/>.</summary>
    public string? KeyMismatch { get; init; }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var other in Others)
        {
            other.Dispose();
        }
    }
}
