using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Certificates;

/// <summary>Loads the client certificate the options describe: an instance, a PKCS#12 file, or PEM files.</summary>
internal static class ClientCertificateLoader
{
    private static readonly string[] PemExtensions = [".pem", ".crt", ".cer"];

    /// <summary>Returns the configured certificate, or <see langword="null"/> when none is configured.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable, the password is wrong, or the key is missing; the message says which.</exception>
    public static X509Certificate2? Load(OicpClientOptions options, OicpCertificates? objects)
    {
        if (objects?.ClientCertificate is { } certificate)
        {
            return certificate;
        }

        if (string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            return null;
        }

        var path = options.ClientCertificatePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"ClientCertificatePath '{path}' does not exist.");
        }

        var isPem = IsPem(options);
        try
        {
            var loaded = isPem ? LoadPem(path, options.ClientCertificateKeyPath, options.ClientCertificatePassword) : LoadPkcs12(File.ReadAllBytes(path), options.ClientCertificatePassword);
            if (!loaded.HasPrivateKey)
            {
                loaded.Dispose();
                throw new InvalidOperationException($"ClientCertificatePath '{path}' holds a certificate without its private key; mutual TLS needs the key (a .pfx with key, or ClientCertificateKeyPath for PEM).");
            }

            return loaded;
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"ClientCertificatePath '{path}' cannot be read as a {(isPem ? "PEM certificate and key" : "PKCS#12 (.pfx) file")}: {exception.Message} (check the file and ClientCertificatePassword).", exception);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException($"ClientCertificatePath '{path}' cannot be read: {exception.Message}", exception);
        }
    }

    private static bool IsPem(OicpClientOptions options) =>
        !string.IsNullOrWhiteSpace(options.ClientCertificateKeyPath) ||
        PemExtensions.Contains(Path.GetExtension(options.ClientCertificatePath), StringComparer.OrdinalIgnoreCase);

    private static X509Certificate2 LoadPkcs12(byte[] pkcs12, string? password)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pkcs12, password);
#else
        return new X509Certificate2(pkcs12, password);
#endif
    }

    /// <summary>Whether the PEM file holds a private key that no password protects (PKCS#8, PKCS#1 or SEC1, not legacy-encrypted).</summary>
    private static bool HoldsUnencryptedKey(string path)
    {
        var text = File.ReadAllText(path);
        return text.Contains("PRIVATE KEY-----", StringComparison.Ordinal) &&
            !text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) &&
            !text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);
    }

    private static X509Certificate2 LoadPem(string certificatePath, string? keyPath, string? password)
    {
        if (keyPath is not null && !File.Exists(keyPath))
        {
            throw new InvalidOperationException($"ClientCertificateKeyPath '{keyPath}' does not exist.");
        }

        if (!string.IsNullOrEmpty(password) && HoldsUnencryptedKey(keyPath ?? certificatePath))
        {
            // Loading it as an encrypted key would fail with "no supported key formats", which blames the file.
            var setting = keyPath is null ? "ClientCertificatePath" : "ClientCertificateKeyPath";
            throw new InvalidOperationException($"{setting} '{keyPath ?? certificatePath}' holds an unencrypted private key, so ClientCertificatePassword is not needed: remove it (a password opens a .pfx file or an encrypted PEM key, -----BEGIN ENCRYPTED PRIVATE KEY-----).");
        }

        var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
        if (!OperatingSystem.IsWindows())
        {
            return pem;
        }

        // SChannel cannot use an ephemeral PEM key for TLS; a PKCS#12 round trip gives it a usable one.
        using (pem)
        {
            return LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }
}
