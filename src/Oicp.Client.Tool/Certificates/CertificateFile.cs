using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tool;

/// <summary>
/// Reads a certificate file the way the SDK does (PKCS#12, or PEM with the key in the same file or in
/// a key file), one step at a time, so each problem gets its own explanation.
/// </summary>
internal static class CertificateFile
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string PasswordAdvice = "Put the password in a file only you can read and pass --password-file FILE, or set Oicp__ClientCertificatePassword.";

    // The SDK's rule: PEM when a key file is given or the extension says so; PKCS#12 otherwise.
    private static readonly string[] PemExtensions = [".pem", ".crt", ".cer"];

    public static bool IsPem(string path, string? keyPath) =>
        !string.IsNullOrWhiteSpace(keyPath) || PemExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the certificate and its key.</summary>
    /// <exception cref="CertificateFileException">A file is missing or cannot be read; the message says which and why.</exception>
    public static LoadedCertificate Load(string path, string? keyPath, string? password)
    {
        if (!File.Exists(path))
        {
            throw new CertificateFileException($"'{path}' does not exist.", "Check the path (--certificate, Oicp:ClientCertificatePath); relative paths start from the current directory.");
        }

        return IsPem(path, keyPath) ? LoadPem(path, keyPath, password) : LoadPkcs12(path, password);
    }

    private static LoadedCertificate LoadPkcs12(string path, string? password)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password);
        }
        catch (CryptographicException exception)
        {
            throw X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12
                ? new CertificateFileException(
                    string.IsNullOrEmpty(password)
                        ? $"'{path}' is a PKCS#12 file protected by a password, and no password is configured."
                        : $"The configured password does not open '{path}' (wrong password).",
                    PasswordAdvice + " Use the password Hubject or your PKI gave with the file.",
                    exception)
                : new CertificateFileException(
                    $"'{path}' cannot be read as a PKCS#12 (.pfx) file: {exception.Message}",
                    "Give the .pfx/.p12 file Hubject issued, or a PEM certificate (.pem, .crt) with --key FILE for its key.",
                    exception);
        }

        if (all.Count == 0)
        {
            throw new CertificateFileException($"'{path}' holds no certificate.", "Export the client certificate with its private key into the .pfx file.");
        }

        var leaf = all.FirstOrDefault(certificate => certificate.HasPrivateKey) ?? all.FirstOrDefault(certificate => !IsAuthority(certificate)) ?? all[0];
        var others = new X509Certificate2Collection();
        foreach (var certificate in all)
        {
            if (!ReferenceEquals(certificate, leaf))
            {
                others.Add(certificate);
            }
        }

        return new LoadedCertificate { Path = path, Format = "PKCS#12", Certificate = leaf, Others = others, KeyFound = leaf.HasPrivateKey };
    }

    private static LoadedCertificate LoadPem(string path, string? keyPath, string? password)
    {
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPemFile(path);
        }
        catch (CryptographicException exception)
        {
            throw new CertificateFileException($"'{path}' cannot be read as a PEM certificate: {exception.Message}", "Give the certificate as PEM (-----BEGIN CERTIFICATE-----) or as a .pfx file.", exception);
        }

        if (all.Count == 0)
        {
            throw new CertificateFileException($"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", "A .cer in binary (DER) form must be converted to PEM first, or give the .pfx file.");
        }

        var leaf = all[0];
        var others = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            others.Add(all[i]);
        }

        var keySource = string.IsNullOrWhiteSpace(keyPath) ? path : keyPath;
        if (!File.Exists(keySource))
        {
            throw new CertificateFileException($"The key file '{keySource}' does not exist.", "Check the path (--key, Oicp:ClientCertificateKeyPath).");
        }

        var keyText = File.ReadAllText(keySource);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return new LoadedCertificate { Path = path, Format = "PEM", Certificate = leaf, Others = others, KeyFound = false };
        }

        var (withKey, mismatch) = AttachKey(leaf, keyText, keySource, password);
        if (withKey is not null)
        {
            leaf.Dispose();
            leaf = withKey;
        }

        return new LoadedCertificate { Path = path, Format = "PEM", Certificate = leaf, Others = others, KeyFound = true, KeyMismatch = mismatch };
    }

    private static (X509Certificate2? WithKey, string? Mismatch) AttachKey(X509Certificate2 certificate, string keyText, string keySource, string? password)
    {
        var encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && string.IsNullOrEmpty(password))
        {
            throw new CertificateFileException($"The private key in '{keySource}' is encrypted, and no password is configured.", PasswordAdvice);
        }

        if (!encrypted && !string.IsNullOrEmpty(password))
        {
            throw new CertificateFileException(
                $"A password is configured, but the private key in '{keySource}' is not encrypted; the SDK then refuses the key.",
                "Remove the password (Oicp__ClientCertificatePassword, --password-file) for an unencrypted PEM key.");
        }

        using AsymmetricAlgorithm key = certificate.GetKeyAlgorithm() switch
        {
            RsaOid => RSA.Create(),
            EcOid => ECDsa.Create(),
            var other => throw new CertificateFileException($"The certificate's key algorithm ({other}) is neither RSA nor ECDSA.", "Hubject issues RSA or ECDSA certificates: check that this is the file Hubject issued."),
        };

        try
        {
            if (encrypted)
            {
                key.ImportFromEncryptedPem(keyText, password);
            }
            else
            {
                key.ImportFromPem(keyText);
            }
        }
        catch (CryptographicException exception) when (encrypted)
        {
            throw new CertificateFileException($"The configured password does not open the private key in '{keySource}' (wrong password).", PasswordAdvice, exception);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return (null, $"the private key in '{keySource}' cannot be used with this certificate ({exception.Message})");
        }

        try
        {
            return (key switch
            {
                RSA rsa => certificate.CopyWithPrivateKey(rsa),
                _ => certificate.CopyWithPrivateKey((ECDsa)key),
            }, null);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return (null, $"the private key in '{keySource}' belongs to another certificate");
        }
    }

    public static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(constraints => constraints.CertificateAuthority);
}
