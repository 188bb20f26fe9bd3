using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;
using Oicp.Client.Diagnostics;
using Oicp.Client.Ids.Internal;
using static System.FormattableString;

namespace Oicp.Client.DependencyInjection.Internal;

/// <summary>Validates <see cref="OicpClientOptions"/> at start-up; each message says what to fix.</summary>
internal sealed class OicpClientOptionsValidator(OicpRegistrations registrations) : IValidateOptions<OicpClientOptions>
{
    public const int MaxOperatorNameLength = 100;

    /// <summary>The longest wait a timer (a <see cref="CancellationTokenSource"/> timeout, <c>Task.Delay</c>) accepts: about 49.7 days.</summary>
    public static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private int _filesChecked;

    public ValidateOptionsResult Validate(string? name, OicpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Certificate files are checked the first time only (start-up). On a configuration reload a
        // failure here would throw out of the change-token callback (a file watcher's thread) while the
        // file is half written; ClientCertificateProvider instead logs it and keeps the working certificate.
        var loadCertificates = Interlocked.Exchange(ref _filesChecked, 1) == 0;
        var failures = Check(options, loadCertificates, registrations.FindByOptionsName(name)?.Certificates);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <param name="options">The options.</param>
    /// <param name="loadCertificates">Whether to load the certificate files (at start-up) to check them.</param>
    /// <param name="objects">The certificates given to the registration as objects, if any.</param>
    /// <param name="handlerPresentsCertificate">Whether a handler of the caller's own presents the certificate (a pusher constructed over it), so the options need none.</param>
    public static List<string> Check(OicpClientOptions options, bool loadCertificates, OicpCertificates? objects, bool handlerPresentsCertificate = false)
    {
        var failures = new List<string>();
        void FailWhen(bool invalid, string message)
        {
            if (invalid)
            {
                failures.Add(message);
            }
        }

        if (string.IsNullOrWhiteSpace(options.OperatorId))
        {
            failures.Add("OperatorId is required: set the OperatorID linked to your Hubject client certificate, for example \"DE*ABC\".");
        }
        else if (!OperatorId.TryParse(options.OperatorId, out _))
        {
            failures.Add($"OperatorId '{ControlCharacters.Escape(options.OperatorId)}' is invalid: {IdPatterns.OperatorIdRule}.");
        }

        for (var i = 0; i < options.SubOperatorIds.Count; i++)
        {
            var subOperatorId = options.SubOperatorIds[i];
            FailWhen(!OperatorId.TryParse(subOperatorId, out _), Invariant($"SubOperatorIds[{i}] '{ControlCharacters.Escape(subOperatorId)}' is invalid: {IdPatterns.OperatorIdRule}."));
        }

        FailWhen(
            options.OperatorName is { Length: > MaxOperatorNameLength },
            Invariant($"OperatorName is {options.OperatorName?.Length} characters long; OICP allows at most {MaxOperatorNameLength}."));
        FailWhen(!Enum.IsDefined(options.Environment), $"Environment '{options.Environment}' is not defined; use Qa or Production.");
        if (options.BaseAddress is { } address)
        {
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"BaseAddress '{address}' must be an absolute http or https address.");
            }
            else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
            {
                failures.Add($"BaseAddress '{address}' uses plain http to a host that is not loopback; use https (status data and the client certificate must not cross a network unencrypted).");
            }
            else if (address.Query.Length > 0 || address.Fragment.Length > 0)
            {
                failures.Add($"BaseAddress '{address}' has a query or a fragment; the operation's path is appended to the base address, so it must end with its path (for example https://proxy.example/api/oicp/), with nothing after it.");
            }
        }

        FailWhen(
            options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxTimerDelay,
            $"RequestTimeout must be positive and at most {MaxTimerDelay} (the longest a timer accepts); it is {options.RequestTimeout}.");

        var retry = options.Retry;
        FailWhen(retry.MaxAttempts < 1, Invariant($"Retry.MaxAttempts must be at least 1 (1 turns retries off); it is {retry.MaxAttempts}."));
        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"Retry.BaseDelay ({retry.BaseDelay}) must not be negative, and Retry.MaxDelay ({retry.MaxDelay}) not smaller than it.");
        }
        else if (retry.MaxDelay > MaxTimerDelay)
        {
            failures.Add($"Retry.MaxDelay must be at most {MaxTimerDelay} (the longest a timer accepts); it is {retry.MaxDelay}.");
        }

        FailWhen(retry.TotalBudget <= TimeSpan.Zero, $"Retry.TotalBudget must be positive (it is {retry.TotalBudget}).");
        FailWhen(
            options.RateLimit.PermitLimit < 0 || options.RateLimit.Window <= TimeSpan.Zero || options.RateLimit.Window > MaxTimerDelay,
            Invariant($"RateLimit.PermitLimit must be 0 (off) or positive and RateLimit.Window positive and at most {MaxTimerDelay}, the longest a timer accepts (they are {options.RateLimit.PermitLimit} and {options.RateLimit.Window})."));
        FailWhen(options.MaxResponseBytes < 1024, Invariant($"MaxResponseBytes must be at least 1024 (it is {options.MaxResponseBytes})."));
        FailWhen(!OicpWireNames.IsDefined(options.StatusChangeActionType), $"StatusChangeActionType '{options.StatusChangeActionType}' is not defined; use Update or Insert.");

        var instance = objects?.ClientCertificate;
        var hasPath = !string.IsNullOrWhiteSpace(options.ClientCertificatePath);
        var where = options.BaseAddress is { } production ? $" (BaseAddress '{production}' is Hubject production)" : string.Empty;
        FailWhen(
            instance is null && !hasPath && !handlerPresentsCertificate && options.GoesToProduction,
            $"Production requires the client certificate Hubject issued{where}: set ClientCertificatePath (with ClientCertificatePassword for a .pfx, or ClientCertificateKeyPath for PEM), or give the certificate with UseClientCertificate.");
        FailWhen(instance is not null && hasPath, "ClientCertificatePath is set and a certificate was also given with UseClientCertificate; use one of them.");
        FailWhen(instance is { HasPrivateKey: false }, "The certificate given with UseClientCertificate has no private key; mutual TLS needs the certificate with its key.");
        if (loadCertificates && instance is null && hasPath)
        {
            Load(failures, () => ClientCertificateLoader.Load(options, objects)?.Dispose());
        }

        if (loadCertificates && !string.IsNullOrWhiteSpace(options.ServerCertificateTrustRootsPath))
        {
            Load(failures, () => ServerTrustRootsLoader.Load(options, objects));
        }

        return failures;
    }

    /// <summary>Loads a file the options name; what is wrong with it (the loaders say so in their message) is a failure.</summary>
    private static void Load(List<string> failures, Action load)
    {
        try
        {
            load();
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }
    }
}
