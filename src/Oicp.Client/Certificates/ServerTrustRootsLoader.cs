using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Certificates;

/// <summary>Collects the custom server trust roots the options describe: instances and a PEM file.</summary>
internal static class ServerTrustRootsLoader
{
    /// <summary>Returns the configured roots; empty when the platform trust store is to decide.</summary>
    /// <exception cref="InvalidOperationException">The PEM file is missing, unreadable or holds no certificate; the message says which.</exception>
    public static X509Certificate2Collection Load(OicpClientOptions options, OicpCertificates? objects)
    {
        var roots = new X509Certificate2Collection(objects?.TrustRoots.ToArray() ?? []);

        if (string.IsNullOrWhiteSpace(options.ServerCertificateTrustRootsPath))
        {
            return roots;
        }

        var path = options.ServerCertificateTrustRootsPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"ServerCertificateTrustRootsPath '{path}' does not exist.");
        }

        var fromFile = new X509Certificate2Collection();
        try
        {
            fromFile.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException)
        {
            throw new InvalidOperationException($"ServerCertificateTrustRootsPath '{path}' cannot be read as PEM certificates: {exception.Message}", exception);
        }

        if (fromFile.Count == 0)
        {
            // An empty set would silently fall back to the platform store, the opposite of what was asked.
            throw new InvalidOperationException($"ServerCertificateTrustRootsPath '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        roots.AddRange(fromFile);
        return roots;
    }
}
