using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tool;

/// <summary>Reads a PEM file of CA certificates (server trust roots, or the emulator's client CA).</summary>
internal static class PemCertificates
{
    /// <exception cref="CertificateFileException">The file is missing, unreadable or holds no certificate.</exception>
    public static X509Certificate2Collection Load(string path, string flag)
    {
        if (!File.Exists(path))
        {
            throw new CertificateFileException($"'{path}' does not exist.", $"Check the path ({flag}).");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException exception)
        {
            throw new CertificateFileException($"'{path}' cannot be read as PEM certificates: {exception.Message}", "Give the CA certificates in PEM form (-----BEGIN CERTIFICATE-----).", exception);
        }

        return certificates.Count > 0
            ? certificates
            : throw new CertificateFileException($"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", "Give the CA certificates in PEM form; an empty set would silently fall back to the platform store.");
    }
}
