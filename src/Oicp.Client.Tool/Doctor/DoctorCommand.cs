using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Oicp.Client.Tool;

/// <summary>
/// <c>oicp doctor</c>: answers "is my Hubject setup right?" in one run. Local checks first (OperatorID,
/// settings, certificate, trust roots), then the network (DNS, TCP, TLS with the client certificate),
/// then optionally one real push. Without a network the local checks still run.
/// </summary>
internal sealed class DoctorCommand(ToolContext context)
{
    private readonly SettingsOptions _settings = new();
    private readonly Option<string[]> _push = new("--push")
    {
        HelpName = "EVSEID STATUS",
        Description = "Also push one real status (an update) and explain Hubject's answer.",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<TimeSpan> _timeout = new("--timeout")
    {
        HelpName = "SECONDS",
        Description = "How long DNS, the TCP connect and the TLS handshake may each take (default: 10).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = result => double.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 300
            ? TimeSpan.FromSeconds(seconds)
            : Invalid(result),
    };

    // Validation messages of the SDK that a certificate or OperatorID check already explains in its own line.
    private static readonly (string Prefix, string CheckPrefix)[] ExplainedElsewhere =
    [
        (nameof(OicpClientOptions.OperatorId), "operator-id"),
        (nameof(OicpClientOptions.ClientCertificatePath), "certificate."),
        (nameof(OicpClientOptions.ClientCertificateKeyPath), "certificate."),
        (nameof(OicpClientOptions.ServerCertificateTrustRootsPath), "trust-roots"),
    ];

    public Command Create()
    {
        var command = new Command("doctor", "Check your Hubject setup: OperatorID, certificate, trust, DNS, TCP, TLS, and optionally one push.") { _push, _timeout };
        _settings.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private static TimeSpan Invalid(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--timeout must be a number of seconds above 0 and at most 300, not '{result.Tokens[0].Value}'.");
        return default;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var run = new CommandRun("doctor", _settings, parse, context);
        if (run.ReadConfiguration() is not { } configuration)
        {
            return await run.FinishAsync();
        }

        EvseStatusRecord? pushRecord = null;
        if (parse.GetValue(_push) is [var evseText, var statusText])
        {
            if (StatusText.TryParseRecord(evseText, statusText, out var record) is { } error)
            {
                run.Refuse("arguments", "--push", error);
                return await run.FinishAsync();
            }

            pushRecord = record;
        }

        await using var settings = OicpSettings.Create(configuration);
        OicpClientOptions options;
        try
        {
            options = settings.BindWithoutValidation();
        }
        catch (OptionsValidationException exception)
        {
            run.Report.Add(Check.Fail("settings", "Settings", "A setting cannot be read: " + string.Join(" ", exception.Failures), OicpSettings.FixSettingsAdvice));
            return await run.FinishAsync();
        }

        EndpointFacts.Add(run.Report, options);
        var report = run.Report;
        report.Add(OperatorIdCheck(options));
        var settingsIndex = report.Checks.Count;
        report.Add(EndpointCheck(options));

        var trustRoots = TrustRoots(options, out var trustRootsCheck);
        using var certificate = CertificateChecks.Run(options, trustRoots, context.TimeProvider.GetUtcNow(), report);
        if (trustRootsCheck is not null)
        {
            report.Add(trustRootsCheck);
        }

        report.Checks.Insert(settingsIndex, SettingsCheck(settings.Validate(options), report.Checks));

        var usable = certificate is { KeyFound: true, KeyMismatch: null } ? certificate.Certificate : null;
        await new EndpointProbe(options.GetEffectiveBaseAddress(), usable, trustRoots, parse.GetValue(_timeout)).RunAsync(report, cancellationToken);

        if (pushRecord is { } toPush)
        {
            // The settings line above already reports invalid settings; the pusher's own report of them is not needed.
            if (settings.TryGetPusher(new ToolReport("doctor")) is { } pusher)
            {
                await PushReporting.PushAsync(run, $"{toPush.EvseId} -> {toPush.Status.ToWireString()}", () => pusher.PushAsync(ActionType.Update, [toPush], cancellationToken));
            }
            else
            {
                report.Add(Check.Skip("push", "Push", "Not sent: the SDK refuses these settings (see above)."));
            }
        }

        return await run.FinishAsync();
    }

    private static Check OperatorIdCheck(OicpClientOptions options)
    {
        const string Id = "operator-id";
        const string Title = "OperatorID";
        if (string.IsNullOrWhiteSpace(options.OperatorId))
        {
            return Check.Fail(Id, Title, "No OperatorID is configured.", "Set the OperatorID linked to your Hubject certificate: --operator-id DE*ABC, Oicp__OperatorId or Oicp:OperatorId.");
        }

        try
        {
            var parsed = OperatorId.Parse(options.OperatorId);
            return Check.Ok(Id, Title, $"{parsed} matches the OICP OperatorID pattern.");
        }
        catch (FormatException exception)
        {
            return Check.Fail(Id, Title, exception.Message, "Use the OperatorID Hubject assigned to you, for example DE*ABC (ISO) or +49*536 (DIN).");
        }
    }

    private static Check EndpointCheck(OicpClientOptions options)
    {
        var description = EndpointFacts.Describe(options);
        if (options.BaseAddress is not null && EndpointFacts.IsProduction(options) != (options.Environment == OicpEnvironment.Production))
        {
            return Check.Warn(
                "endpoint",
                "Endpoint",
                $"Pushing to {description}, while Environment is {options.Environment}.",
                "BaseAddress wins over Environment; make them agree, so certificates and allow-lists are chosen for the right system.");
        }

        return Check.Ok("endpoint", "Endpoint", $"Pushing to {description}.");
    }

    private static Check SettingsCheck(IReadOnlyList<string> failures, IReadOnlyList<Check> checks)
    {
        var remaining = failures
            .Where(failure => !ExplainedElsewhere.Any(pair =>
                failure.StartsWith(pair.Prefix, StringComparison.Ordinal) &&
                checks.Any(check => check.Status == CheckStatus.Fail && check.Id.StartsWith(pair.CheckPrefix, StringComparison.Ordinal))))
            .ToList();
        if (failures.Count == 0)
        {
            return Check.Ok("settings", "Settings", "The SDK accepts these settings.");
        }

        return remaining.Count == 0
            ? Check.Fail("settings", "Settings", "The SDK would refuse to start with these settings, for the reasons in the FAIL lines below.")
            : Check.Fail("settings", "Settings", "The SDK refuses these settings: " + string.Join(" ", remaining), OicpSettings.FixSettingsAdvice);
    }

    private static X509Certificate2Collection TrustRoots(OicpClientOptions options, out Check? check)
    {
        var roots = new X509Certificate2Collection();
        check = null;
        if (string.IsNullOrWhiteSpace(options.ServerCertificateTrustRootsPath))
        {
            return roots;
        }

        try
        {
            var loaded = PemCertificates.Load(options.ServerCertificateTrustRootsPath, "--trust-roots, Oicp:ServerCertificateTrustRootsPath");
            roots.AddRange(loaded);
            check = Check.Ok("trust-roots", "Trust roots", $"{loaded.Count} CA certificate(s) from {options.ServerCertificateTrustRootsPath}: {string.Join("; ", loaded.Select(root => root.Subject))}. Only these are trusted for the server.");
        }
        catch (CertificateFileException exception)
        {
            check = Check.Fail("trust-roots", "Trust roots", exception.Message, exception.Advice);
        }

        return roots;
    }
}
