using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tool;

/// <summary>
/// The local checks of the client certificate: it loads, has its key, the key matches, it allows
/// client authentication, it names the OperatorID, it is in date, and its chain builds.
/// </summary>
internal static class CertificateChecks
{
    /// <summary>How long before expiry the warning starts, as in the SDK's start-up warning.</summary>
    public static readonly TimeSpan ExpiryWarningWindow = TimeSpan.FromDays(30);

    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private const string AnyExtendedKeyUsageOid = "2.5.29.37.0";

    /// <summary>Adds the checks to <paramref name="report"/>; returns the certificate for the TLS handshake, or <see langword="null"/>.</summary>
    public static LoadedCertificate? Run(OicpClientOptions options, X509Certificate2Collection trustRoots, DateTimeOffset now, ToolReport report)
    {
        if (string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            report.Add(NoCertificate(options));
            return null;
        }

        LoadedCertificate loaded;
        try
        {
            loaded = CertificateFile.Load(options.ClientCertificatePath, options.ClientCertificateKeyPath, options.ClientCertificatePassword);
        }
        catch (CertificateFileException exception)
        {
            report.Add(Check.Fail("certificate.file", "Certificate file", exception.Message, exception.Advice));
            return null;
        }

        var certificate = loaded.Certificate;
        report.Add(Check.Ok("certificate.file", "Certificate file", $"{loaded.Path} read as {loaded.Format}: {CertificateText.Describe(certificate)}, thumbprint {certificate.Thumbprint}."));
        report.Add(PrivateKey(loaded));
        if (loaded.KeyFound)
        {
            report.Add(KeyMatch(loaded));
        }

        report.Add(ClientAuthentication(certificate));
        report.Add(SubjectNamesOperator(certificate, options.OperatorId));
        report.Add(Expiry(certificate, now));
        report.Add(Chain(loaded, trustRoots, now));
        return loaded;
    }

    /// <summary>
    /// Looks for the OperatorID anywhere in the subject, ignoring <c>*</c> and case, as the SDK's start-up
    /// warning does: Hubject writes it into the CN or OU in varying forms (<c>DE*ABC</c>, <c>DEABC</c>).
    /// </summary>
    public static bool SubjectNamesOperator(string subject, string operatorId)
    {
        var wanted = operatorId.Replace("*", string.Empty, StringComparison.Ordinal).Trim();
        return wanted.Length > 0 && subject.Replace("*", string.Empty, StringComparison.Ordinal).Contains(wanted, StringComparison.OrdinalIgnoreCase);
    }

    private static Check NoCertificate(OicpClientOptions options)
    {
        const string Id = "certificate.file";
        const string Title = "Certificate file";
        const string HowTo = "Set --certificate FILE (Oicp:ClientCertificatePath) to the .pfx Hubject issued, with --password-file FILE; or a PEM certificate with --key FILE.";
        var address = options.GetEffectiveBaseAddress();
        if (options.BaseAddress is null)
        {
            return Check.Fail(Id, Title, "No client certificate is configured; Hubject authenticates CPOs by TLS client certificate and refuses the handshake without one.", HowTo);
        }

        return address.Scheme == Uri.UriSchemeHttps
            ? Check.Warn(Id, Title, $"No client certificate is configured; a server that requires one, as Hubject does, refuses the TLS handshake with {address.Authority}.", HowTo)
            : Check.Ok(Id, Title, $"No client certificate is configured; plain HTTP to {address.Authority} does not use one.");
    }

    private static Check PrivateKey(LoadedCertificate loaded)
    {
        if (loaded.KeyFound)
        {
            return Check.Ok("certificate.private-key", "Private key", $"Present ({loaded.Certificate.GetKeyAlgorithm() switch { "1.2.840.113549.1.1.1" => "RSA", "1.2.840.10045.2.1" => "ECDSA", var oid => oid }}).");
        }

        return Check.Fail(
            "certificate.private-key",
            "Private key",
            $"'{loaded.Path}' holds the certificate without its private key; mutual TLS needs the key.",
            loaded.Format == "PEM"
                ? "Give the PEM private key with --key FILE (Oicp:ClientCertificateKeyPath), or put it in the same file."
                : "Export the certificate together with its private key into the .pfx, from where the certificate request was made.");
    }

    private static Check KeyMatch(LoadedCertificate loaded)
    {
        const string Advice = "Use the private key generated with this certificate's request; the key of an earlier certificate does not fit a renewed one.";
        if (loaded.KeyMismatch is { } mismatch)
        {
            return Check.Fail("certificate.key-match", "Key match", $"The key does not match: {mismatch}.", Advice);
        }

        return SignsForCertificate(loaded.Certificate) switch
        {
            true => Check.Ok("certificate.key-match", "Key match", "The private key belongs to the certificate (a test signature verifies with its public key)."),
            false => Check.Fail("certificate.key-match", "Key match", "A signature made with the private key does not verify with the certificate's public key.", Advice),
            null => Check.Skip("certificate.key-match", "Key match", "The key is neither RSA nor ECDSA; not tested."),
        };
    }

    private static bool? SignsForCertificate(X509Certificate2 certificate)
    {
        var data = "oicp doctor key check"u8.ToArray();
        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is not null)
            {
                using var publicKey = certificate.GetRSAPublicKey()!;
                return publicKey.VerifyData(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }

        using (var ecdsa = certificate.GetECDsaPrivateKey())
        {
            if (ecdsa is not null)
            {
                using var publicKey = certificate.GetECDsaPublicKey()!;
                return publicKey.VerifyData(data, ecdsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
            }
        }

        return null;
    }

    private static Check ClientAuthentication(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(extension => extension.EnhancedKeyUsages.Cast<Oid>()).ToList();
        if (usages.Count == 0)
        {
            return Check.Ok("certificate.client-auth", "Client auth", "No extended key usage restriction: TLS client authentication is allowed.");
        }

        if (usages.Exists(usage => usage.Value is ClientAuthenticationOid or AnyExtendedKeyUsageOid))
        {
            return Check.Ok("certificate.client-auth", "Client auth", "The certificate allows TLS client authentication.");
        }

        var names = string.Join(", ", usages.Select(usage => usage.FriendlyName ?? usage.Value));
        return Check.Fail(
            "certificate.client-auth",
            "Client auth",
            $"The certificate is only for {names}, not TLS client authentication; a TLS server refuses it as a client certificate.",
            "Use the client certificate Hubject issued for your OperatorID, not a server certificate.");
    }

    private static Check SubjectNamesOperator(X509Certificate2 certificate, string? operatorId)
    {
        if (!OperatorId.TryParse(operatorId, out var parsed))
        {
            return Check.Skip("certificate.operator", "Subject", "No valid OperatorID to compare the subject with.");
        }

        return SubjectNamesOperator(certificate.Subject, parsed.ToString())
            ? Check.Ok("certificate.operator", "Subject", $"The subject '{certificate.Subject}' names {parsed}.")
            : Check.Fail(
                "certificate.operator",
                "Subject",
                $"The subject '{certificate.Subject}' does not name OperatorID {parsed}; Hubject links a certificate to one OperatorID and answers 017 Unauthorized Access for any other.",
                $"Set the OperatorID this certificate was issued for, or ask Hubject for a certificate for {parsed}.");
    }

    private static Check Expiry(X509Certificate2 certificate, DateTimeOffset now)
    {
        var notAfter = CertificateText.NotAfterUtc(certificate);
        var notBefore = CertificateText.NotBeforeUtc(certificate);
        if (notAfter <= now)
        {
            var ago = (int)Math.Floor((now - notAfter).TotalDays);
            return Check.Fail(
                "certificate.expiry",
                "Expiry",
                string.Create(CultureInfo.InvariantCulture, $"The certificate expired on {CertificateText.Date(notAfter)} ({ago} day(s) ago); Hubject refuses the TLS handshake with it."),
                "Order a new client certificate from Hubject and configure it; the SDK takes a new file without a restart (see the README).");
        }

        if (notBefore > now)
        {
            return Check.Fail("certificate.expiry", "Expiry", $"The certificate is not valid before {CertificateText.Date(notBefore)}.", "Check this machine's clock, or use the certificate that is valid today.");
        }

        var daysLeft = (int)Math.Floor((notAfter - now).TotalDays);
        var text = string.Create(CultureInfo.InvariantCulture, $"Valid until {CertificateText.Date(notAfter)} ({daysLeft} day(s) left).");
        return notAfter - now <= ExpiryWarningWindow
            ? Check.Warn("certificate.expiry", "Expiry", text, "Order the next certificate from Hubject now: issuing takes time. Rotate it without a restart (see the README).")
            : Check.Ok("certificate.expiry", "Expiry", text);
    }

    private static Check Chain(LoadedCertificate loaded, X509Certificate2Collection trustRoots, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        // Expiry has its own line; here only the path to a trusted root matters.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ExtraStore.AddRange(loaded.Others);
        var trust = "the platform trust store";
        if (trustRoots.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustRoots);
            trust = "the configured trust roots";
        }

        var built = chain.Build(loaded.Certificate);
        var path = string.Join(" -> ", chain.ChainElements.Select(element => element.Certificate.Subject));
        if (built)
        {
            return Check.Ok("certificate.chain", "Chain", $"{path} (trusted by {trust}).");
        }

        var problems = string.Join(", ", chain.ChainStatus.Select(status => status.Status).Distinct());
        return Check.Warn(
            "certificate.chain",
            "Chain",
            $"The chain does not build to a root in {trust} ({problems}); path found: {path}.",
            "Hubject checks client certificates against its own CA, which this machine need not trust; what matters is that the file holds the intermediate certificates Hubject issued with it.");
    }
}
